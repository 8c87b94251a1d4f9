package com.medcase.consent;

import com.medcase.model.MedCaseModel;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The bulk form of the consent rules: who may read a record right now, for some purpose. This is what
 * gets projected onto the repository's ACLs, so that the repository itself refuses everyone else;
 * purpose limits are enforced again at request time by {@link ConsentEngine#decide}.
 * <p>
 * Records-team groups get what the engine's {@link RoleTable} gives their role on the record's content
 * for some purpose (the hold administrators' metadata-only view cannot be expressed as an ACL and is
 * served by the service). Each recipient of an authorization gets READ exactly when
 * {@link ConsentEngine#decide} permits that recipient for at least one purpose: a person as itself, an
 * entity or a class as a member of its group, so the ACL on the group and the request-time decision
 * agree on who the group covers. Open-ended classes name no one and get nothing.
 */
public final class ReadersProjection {

    private static final Principal MANAGER = Principal.recordsTeam("projection", Principal.Role.RECORDS_MANAGER);
    private static final Principal CLERK = Principal.recordsTeam("projection", Principal.Role.RECORDS_CLERK);

    private final ConsentEngine engine;

    public ReadersProjection(ConsentEngine engine) {
        this.engine = engine;
    }

    public Set<ReaderGrant> readersOf(RecordFacts record, ClaimantConsents consents, Instant at) {
        Set<ReaderGrant> grants = teamGrants(record, consents, at);
        Set<Purpose> purposes = EnumSet.noneOf(Purpose.class);
        for (Authorization a : consents.all()) {
            purposes.addAll(a.purposes());
        }
        Set<String> decided = new HashSet<>();
        for (Authorization a : consents.all()) {
            Recipient r = a.recipient();
            if (!a.isActiveAt(at) || !r.specificallyIdentified() || !decided.add(r.authority())) {
                continue;
            }
            if (permittedForSomePurpose(principalFor(r), Action.READ_CONTENT, record, purposes, at, consents)) {
                grants.add(new ReaderGrant(r.authority(), ReaderGrant.Level.READ));
            }
        }
        return grants;
    }

    /**
     * The authorization-group form of {@link #readersOf}, which the repository binding projects onto ACLs:
     * the records team's grants, and the ids of the active authorizations that themselves permit their
     * recipient to read this record for one of their purposes. The engine cites every authorization that
     * permits, so an authorization's group lands on a record only where that authorization is a reason.
     */
    public record GroupProjection(Set<ReaderGrant> team, Set<String> coveringAuthorizations, Set<String> restricted) {
        public GroupProjection {
            team = Set.copyOf(team);
            coveringAuthorizations = Set.copyOf(coveringAuthorizations);
            restricted = Set.copyOf(restricted);
        }
    }

    public GroupProjection groupsOf(RecordFacts record, ClaimantConsents consents, Instant at) {
        Set<ReaderGrant> team = teamGrants(record, consents, at);
        Set<String> covering = new java.util.TreeSet<>();
        for (Authorization a : consents.all()) {
            if (!a.isActiveAt(at) || !a.recipient().specificallyIdentified()) {
                continue;
            }
            for (Purpose purpose : a.purposes()) {
                AccessDecision d = engine.decide(principalFor(a.recipient()), Action.READ_CONTENT, record, purpose, at, consents);
                if (d.permitted() && d.reasons().contains(a.id())) {
                    covering.add(a.id());
                    break;
                }
            }
        }
        // Restrictions name their authorities explicitly: DENIED entries keep them out whatever group lets them in.
        return new GroupProjection(team, covering, covering.isEmpty() ? Set.of() : engine.restrictedAuthorities(record, consents));
    }

    /** What the records-team groups get on this record, as the role table gives it for some purpose. */
    private Set<ReaderGrant> teamGrants(RecordFacts record, ClaimantConsents consents, Instant at) {
        Set<ReaderGrant> grants = new HashSet<>();
        ReaderGrant.Level manager = teamLevel(MANAGER, record, consents, at);
        if (manager != null) {
            grants.add(new ReaderGrant(MedCaseModel.GROUP_RECORDS_MANAGERS, manager));
        }
        ReaderGrant.Level clerk = teamLevel(CLERK, record, consents, at);
        if (clerk != null) {
            grants.add(new ReaderGrant(MedCaseModel.GROUP_RECORDS_CLERKS, clerk));
        }
        return grants;
    }

    /** The principal a recipient stands for: the person itself, or a member of the entity's or class's group. */
    static Principal principalFor(Recipient r) {
        return r.partyClass()
                ? new Principal(r.authority() + "#member", Principal.Role.OUTSIDE_PARTY, Set.of(r.authority()))
                : Principal.outsideParty(r.authority());
    }

    private ReaderGrant.Level teamLevel(Principal team, RecordFacts record, ClaimantConsents consents, Instant at) {
        Set<Purpose> all = EnumSet.allOf(Purpose.class);
        if (permittedForSomePurpose(team, Action.WRITE, record, all, at, consents)) {
            return ReaderGrant.Level.WRITE;
        }
        return permittedForSomePurpose(team, Action.READ_CONTENT, record, all, at, consents) ? ReaderGrant.Level.READ : null;
    }

    private boolean permittedForSomePurpose(Principal p, Action action, RecordFacts record, Set<Purpose> purposes, Instant at,
                                            ClaimantConsents consents) {
        for (Purpose purpose : purposes) {
            if (engine.decide(p, action, record, purpose, at, consents).permitted()) {
                return true;
            }
        }
        return false;
    }

    /**
     * After one authorization changed (created, revoked, expired), the new reader sets of the
     * claimant's records it can affect: those its provisions match, before or after the change.
     */
    public Map<String, Set<ReaderGrant>> reproject(Authorization changed, ClaimantConsents consentsAfterChange,
                                                   Collection<RecordFacts> claimantRecords, Instant at) {
        Map<String, Set<ReaderGrant>> result = new LinkedHashMap<>();
        for (RecordFacts record : claimantRecords) {
            if (mayAffect(changed, record, engine.labels())) {
                result.put(record.recordId(), readersOf(record, consentsAfterChange, at));
            }
        }
        return result;
    }

    static boolean mayAffect(Authorization a, RecordFacts record) {
        return mayAffect(a, record, SensitivityLabelPolicy.DEFAULT);
    }

    static boolean mayAffect(Authorization a, RecordFacts record, SensitivityLabelPolicy labels) {
        if (!a.claimantId().equals(record.claimantId())) {
            return false;
        }
        for (Provision p : a.provisions()) {
            if (p.matches(record, labels.explicitLabels(record.jurisdiction()))) {
                return true;
            }
        }
        return false;
    }
}
