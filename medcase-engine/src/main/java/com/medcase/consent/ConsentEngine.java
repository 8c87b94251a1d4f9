package com.medcase.consent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decides one access request. Named reduction rules, applied in order:
 * <ol>
 *   <li>{@code rule:claimant-mismatch} — the consents given are not the record's claimant's: deny.</li>
 *   <li>{@code rule:purpose-required} — a request states its purpose; none stated: deny, never a default.</li>
 *   <li>Records-team roles are decided by the {@link RoleTable}.</li>
 *   <li>{@code rule:outside-party-read-only} — outside parties never write.</li>
 *   <li>{@code deny-provision:<id>} — a claimant's restriction (a DENY provision) in any authorization
 *       naming the requester or one of its groups denies, whatever that authorization's state, kind or
 *       purposes: a restriction never lapses into access, and uncertainty never widens it.</li>
 *   <li>Gates. A record needs each of its gates satisfied by an applicable authorization (naming the
 *       requester or one of its groups, active at the instant, for the purpose, not a defective compound,
 *       recipient specifically identified) that carries the gate's legal form and a matching PERMIT
 *       provision: psychotherapy notes need {@link AuthorizationKind#PSYCHOTHERAPY_NOTES}
 *       (164.508(a)(2)); Part 2 records need {@link AuthorizationKind#PART2_SUD} (42 CFR 2.31), naming
 *       a person, an entity or a specifically identified class (2.31(a)(4) as amended); other records
 *       need {@link AuthorizationKind#GENERAL_HIPAA}. A record with two gates (Part 2 psychotherapy
 *       notes) is disclosed when both are satisfied, by one form or by two.</li>
 *   <li>Permit, citing every authorization that satisfies a gate; Part 2 disclosures carry the
 *       notice and the consent copy obligations (2.32(a), (b)).</li>
 *   <li>{@code rule:no-applicable-authorization} — otherwise deny (safe default), or the protected
 *       category's rule when an authorization was passed over for its form.</li>
 * </ol>
 * Thread-safe and allocation-light: it is on the path of every request and of every ACL projection.
 */
public final class ConsentEngine {

    public static final String RULE_CLAIMANT_MISMATCH = "rule:claimant-mismatch";
    public static final String RULE_PURPOSE_REQUIRED = "rule:purpose-required";
    public static final String RULE_OUTSIDE_PARTY_READ_ONLY = "rule:outside-party-read-only";
    public static final String RULE_NO_APPLICABLE_AUTHORIZATION = "rule:no-applicable-authorization";
    public static final String RULE_PSYCHOTHERAPY_NEEDS_STANDALONE = "rule:psychotherapy-notes-need-standalone-authorization";
    public static final String RULE_PART2_NEEDS_NAMED_CONSENT = "rule:part2-needs-consent-naming-recipient";
    public static final String RULE_DEFECTIVE_COMPOUND = "rule:psychotherapy-compound-authorization-defective";
    public static final String DENY_PROVISION_PREFIX = "deny-provision:";

    private static final AccessDecision CLAIMANT_MISMATCH = AccessDecision.deny(RULE_CLAIMANT_MISMATCH);
    private static final AccessDecision PURPOSE_REQUIRED = AccessDecision.deny(RULE_PURPOSE_REQUIRED);
    private static final AccessDecision OUTSIDE_READ_ONLY = AccessDecision.deny(RULE_OUTSIDE_PARTY_READ_ONLY);
    private static final AccessDecision NO_AUTHORIZATION = AccessDecision.deny(RULE_NO_APPLICABLE_AUTHORIZATION);
    private static final AccessDecision PSYCHOTHERAPY_DENIED = AccessDecision.deny(RULE_PSYCHOTHERAPY_NEEDS_STANDALONE);
    private static final AccessDecision PART2_DENIED = AccessDecision.deny(RULE_PART2_NEEDS_NAMED_CONSENT);
    private static final AccessDecision DEFECTIVE_COMPOUND = AccessDecision.deny(RULE_DEFECTIVE_COMPOUND);
    private static final Set<AccessDecision.Obligation> PART2_OBLIGATIONS =
            Set.of(AccessDecision.Obligation.PART2_REDISCLOSURE_NOTICE, AccessDecision.Obligation.PART2_CONSENT_COPY);

    private final RolePolicy roles;
    private final RoleTable roleTable;
    private final SensitivityLabelPolicy labels;

    /** The documented defaults: {@link RoleTable#DEFAULT} and {@link SensitivityLabelPolicy#DEFAULT}. */
    public ConsentEngine() {
        this(RoleTable.DEFAULT, SensitivityLabelPolicy.DEFAULT);
    }

    public ConsentEngine(RoleTable roleTable, SensitivityLabelPolicy labels) {
        this.roleTable = roleTable == null ? RoleTable.DEFAULT : roleTable;
        this.labels = labels == null ? SensitivityLabelPolicy.DEFAULT : labels;
        this.roles = new RolePolicy(this.roleTable);
    }

    public RoleTable roleTable() {
        return roleTable;
    }

    public SensitivityLabelPolicy labels() {
        return labels;
    }

    public AccessDecision decide(Principal principal, Action action, RecordFacts record, Purpose purpose, Instant at,
                                 ClaimantConsents consents) {
        if (!record.claimantId().equals(consents.claimantId())) {
            return CLAIMANT_MISMATCH;
        }
        if (purpose == null) {
            return PURPOSE_REQUIRED;
        }
        if (principal.role() != Principal.Role.OUTSIDE_PARTY) {
            return roles.decide(principal.role(), action, record, purpose);
        }
        if (action == Action.WRITE) {
            return OUTSIDE_READ_ONLY;
        }
        Set<String> explicitLabels = labels.explicitLabels(record.jurisdiction());
        String denying = denyingAuthorization(consents.naming(principal.id()), record, explicitLabels);
        for (String group : principal.groups()) {
            if (denying == null) {
                denying = denyingAuthorization(consents.naming(group), record, explicitLabels);
            }
        }
        if (denying != null) {
            return AccessDecision.deny(DENY_PROVISION_PREFIX + denying);
        }
        Verdict verdict = new Verdict(record);
        evaluate(consents.naming(principal.id()), record, purpose, at, explicitLabels, verdict);
        for (String group : principal.groups()) {
            evaluate(consents.naming(group), record, purpose, at, explicitLabels, verdict);
        }
        if (verdict.allGatesSatisfied()) {
            return new AccessDecision(AccessDecision.Outcome.PERMIT, verdict.permitting,
                    record.isPart2() ? PART2_OBLIGATIONS : Set.of());
        }
        if (verdict.coveredButGateMissing) {
            // An authorization covers the record but a protected category's gate is missing: name its rule.
            return verdict.needsPsychotherapy && !verdict.psychotherapyGate ? PSYCHOTHERAPY_DENIED : PART2_DENIED;
        }
        if (verdict.defectiveCompound) {
            return DEFECTIVE_COMPOUND;
        }
        return NO_AUTHORIZATION;
    }

    /** Accumulator of one decision's gates, local to one call. */
    private static final class Verdict {
        final boolean needsPsychotherapy;
        final boolean needsPart2;
        final boolean needsGeneral;
        boolean psychotherapyGate;
        boolean part2Gate;
        boolean generalGate;
        List<String> permitting;
        boolean coveredButGateMissing;
        boolean defectiveCompound;

        Verdict(RecordFacts record) {
            needsPsychotherapy = record.isPsychotherapyNotes();
            needsPart2 = record.isPart2();
            needsGeneral = !needsPsychotherapy && !needsPart2;
        }

        boolean allGatesSatisfied() {
            return (!needsPsychotherapy || psychotherapyGate) && (!needsPart2 || part2Gate) && (!needsGeneral || generalGate)
                    && permitting != null;
        }

        void permittedBy(String id) {
            if (permitting == null) {
                permitting = new ArrayList<>(2);
            }
            if (!permitting.contains(id)) {
                permitting.add(id);
            }
        }
    }

    /**
     * The authorities a claimant's restriction shuts out of this record: the recipient of every
     * authorization (in any state) with a DENY provision covering it, as {@link #decide} applies them.
     * The ACL projection turns them into DENIED entries, so that a restricted person stays refused by
     * the repository even when a group it belongs to is allowed.
     */
    public Set<String> restrictedAuthorities(RecordFacts record, ClaimantConsents consents) {
        Set<String> explicitLabels = labels.explicitLabels(record.jurisdiction());
        Set<String> restricted = new java.util.TreeSet<>();
        for (Authorization a : consents.all()) {
            if (denyingAuthorization(new Authorization[] {a}, record, explicitLabels) != null) {
                restricted.add(a.recipient().authority());
            }
        }
        return restricted;
    }

    /** The first authorization among {@code candidates} with a restriction covering the record, or null. */
    private static String denyingAuthorization(Authorization[] candidates, RecordFacts record, Set<String> explicitLabels) {
        for (Authorization a : candidates) {
            for (Provision p : a.provisions()) {
                if (p.type() == Provision.Type.DENY && p.matches(record, explicitLabels)) {
                    return a.id();
                }
            }
        }
        return null;
    }

    private static void evaluate(Authorization[] candidates, RecordFacts record, Purpose purpose, Instant at,
                                 Set<String> explicitLabels, Verdict verdict) {
        for (Authorization a : candidates) {
            if (!a.isActiveAt(at) || !a.purposes().contains(purpose) || !a.recipient().specificallyIdentified()) {
                continue;
            }
            if (!permitsRecord(a, record, explicitLabels)) {
                continue;
            }
            if (a.defectiveCompound()) {
                verdict.defectiveCompound = true;
                continue;
            }
            Set<AuthorizationKind> kinds = a.kinds();
            boolean contributes = false;
            if (verdict.needsPsychotherapy && kinds.contains(AuthorizationKind.PSYCHOTHERAPY_NOTES)) {
                verdict.psychotherapyGate = true;
                contributes = true;
            }
            if (verdict.needsPart2 && kinds.contains(AuthorizationKind.PART2_SUD)) {
                verdict.part2Gate = true;
                contributes = true;
            }
            if (verdict.needsGeneral && kinds.contains(AuthorizationKind.GENERAL_HIPAA)) {
                verdict.generalGate = true;
                contributes = true;
            }
            if (contributes) {
                verdict.permittedBy(a.id());
            }
            if (!verdict.needsGeneral) {
                verdict.coveredButGateMissing = true;
            }
        }
    }

    private static boolean permitsRecord(Authorization a, RecordFacts record, Set<String> explicitLabels) {
        for (Provision p : a.provisions()) {
            if (p.type() == Provision.Type.PERMIT && p.matches(record, explicitLabels)) {
                return true;
            }
        }
        return false;
    }
}
