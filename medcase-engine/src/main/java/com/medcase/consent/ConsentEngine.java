package com.medcase.consent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decides one access request. Named reduction rules, applied in order:
 * <ol>
 *   <li>{@code rule:claimant-mismatch} — the consents given are not the record's claimant's: deny.</li>
 *   <li>Records-team roles are decided by {@link RolePolicy}.</li>
 *   <li>{@code rule:outside-party-read-only} — outside parties never write.</li>
 *   <li>Only authorizations naming the requester (or one of its groups), active at the instant,
 *       for the purpose, and of a kind able to cover the record are applicable:
 *       psychotherapy notes need {@link AuthorizationKind#PSYCHOTHERAPY_NOTES}; Part 2 records need
 *       {@link AuthorizationKind#PART2_SUD} naming the party itself, not a class.</li>
 *   <li>Deny overrides permit: a matching DENY provision in any applicable authorization denies.</li>
 *   <li>A matching PERMIT provision permits, citing every authorization that permits.</li>
 *   <li>{@code rule:no-applicable-authorization} — otherwise deny (safe default).</li>
 * </ol>
 * Thread-safe and allocation-light: it is on the path of every request and of every ACL projection.
 */
public final class ConsentEngine {

    public static final String RULE_CLAIMANT_MISMATCH = "rule:claimant-mismatch";
    public static final String RULE_OUTSIDE_PARTY_READ_ONLY = "rule:outside-party-read-only";
    public static final String RULE_NO_APPLICABLE_AUTHORIZATION = "rule:no-applicable-authorization";
    public static final String RULE_PSYCHOTHERAPY_NEEDS_STANDALONE = "rule:psychotherapy-notes-need-standalone-authorization";
    public static final String RULE_PART2_NEEDS_NAMED_CONSENT = "rule:part2-needs-consent-naming-recipient";

    private static final AccessDecision CLAIMANT_MISMATCH = AccessDecision.deny(RULE_CLAIMANT_MISMATCH);
    private static final AccessDecision OUTSIDE_READ_ONLY = AccessDecision.deny(RULE_OUTSIDE_PARTY_READ_ONLY);
    private static final AccessDecision NO_AUTHORIZATION = AccessDecision.deny(RULE_NO_APPLICABLE_AUTHORIZATION);
    private static final AccessDecision PSYCHOTHERAPY_DENIED = AccessDecision.deny(RULE_PSYCHOTHERAPY_NEEDS_STANDALONE);
    private static final AccessDecision PART2_DENIED = AccessDecision.deny(RULE_PART2_NEEDS_NAMED_CONSENT);
    private static final Set<AccessDecision.Obligation> PART2_OBLIGATIONS = Set.of(AccessDecision.Obligation.PART2_REDISCLOSURE_NOTICE);

    public AccessDecision decide(Principal principal, Action action, RecordFacts record, Purpose purpose, Instant at,
                                 ClaimantConsents consents) {
        if (!record.claimantId().equals(consents.claimantId())) {
            return CLAIMANT_MISMATCH;
        }
        if (principal.role() != Principal.Role.OUTSIDE_PARTY) {
            return RolePolicy.decide(principal.role(), action, record);
        }
        if (action == Action.WRITE) {
            return OUTSIDE_READ_ONLY;
        }
        Verdict verdict = new Verdict();
        evaluate(consents.naming(principal.id()), false, record, purpose, at, verdict);
        for (String group : principal.groups()) {
            evaluate(consents.naming(group), true, record, purpose, at, verdict);
        }
        if (verdict.denyingAuthorization != null) {
            return AccessDecision.deny("deny-provision:" + verdict.denyingAuthorization);
        }
        if (verdict.permitting != null) {
            return new AccessDecision(AccessDecision.Outcome.PERMIT, verdict.permitting,
                    record.isPart2() ? PART2_OBLIGATIONS : Set.of());
        }
        if (verdict.excludedByKind) {
            return record.isPsychotherapyNotes() ? PSYCHOTHERAPY_DENIED : PART2_DENIED;
        }
        return NO_AUTHORIZATION;
    }

    /** Mutable accumulator, local to one call. */
    private static final class Verdict {
        String denyingAuthorization;
        List<String> permitting;
        boolean excludedByKind;
    }

    private static void evaluate(Authorization[] candidates, boolean viaClass, RecordFacts record, Purpose purpose,
                                 Instant at, Verdict verdict) {
        for (Authorization a : candidates) {
            if (!a.isActiveAt(at) || (purpose != null && !a.purposes().contains(purpose))) {
                continue;
            }
            if (!kindCovers(a, viaClass, record)) {
                // Remember that an authorization was passed over for the record's protected status,
                // so the denial names the rule rather than "no authorization".
                verdict.excludedByKind |= record.isPsychotherapyNotes() || record.isPart2();
                continue;
            }
            for (Provision p : a.provisions()) {
                if (!p.matches(record)) {
                    continue;
                }
                if (p.type() == Provision.Type.DENY) {
                    verdict.denyingAuthorization = a.id();
                    return;
                }
                if (verdict.permitting == null) {
                    verdict.permitting = new ArrayList<>(2);
                }
                if (!verdict.permitting.contains(a.id())) {
                    verdict.permitting.add(a.id());
                }
            }
        }
    }

    static boolean kindCovers(Authorization a, boolean viaClass, RecordFacts record) {
        if (record.isPsychotherapyNotes() && a.kind() != AuthorizationKind.PSYCHOTHERAPY_NOTES) {
            return false;
        }
        if (record.isPart2()) {
            // Part 2 needs its own consent naming the recipient (2.31(a)(4)); a class of parties is not enough.
            return a.kind() == AuthorizationKind.PART2_SUD && !viaClass && !a.recipient().partyClass();
        }
        // A Part 2 consent covers only Part 2 records; a psychotherapy authorization only the notes.
        return a.kind() == AuthorizationKind.GENERAL_HIPAA || record.isPsychotherapyNotes();
    }
}
