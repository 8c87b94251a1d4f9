package com.medcase.consent;

import com.medcase.model.MedCaseModel;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The bulk form of the consent rules: who may read a record right now, for any purpose. This is what
 * gets projected onto the repository's ACLs, so that the repository itself refuses everyone else;
 * purpose limits are enforced again at request time by {@link ConsentEngine#decide}.
 * <p>
 * Records-team groups get what {@link RolePolicy} gives their role on the record's content
 * (the hold administrators' metadata-only view cannot be expressed as an ACL and is served by the
 * service). Outside parties get READ where an active authorization naming them (or their group,
 * except for Part 2) covers the record.
 */
public final class ReadersProjection {

    private static final Principal MANAGER = Principal.recordsTeam("projection", Principal.Role.RECORDS_MANAGER);
    private static final Principal CLERK = Principal.recordsTeam("projection", Principal.Role.RECORDS_CLERK);

    private final ConsentEngine engine;

    public ReadersProjection(ConsentEngine engine) {
        this.engine = engine;
    }

    public Set<ReaderGrant> readersOf(RecordFacts record, ClaimantConsents consents, Instant at) {
        Set<ReaderGrant> grants = new HashSet<>();
        grants.add(new ReaderGrant(MedCaseModel.GROUP_RECORDS_MANAGERS, ReaderGrant.Level.WRITE));
        if (engine.decide(CLERK, Action.WRITE, record, null, at, consents).permitted()) {
            grants.add(new ReaderGrant(MedCaseModel.GROUP_RECORDS_CLERKS, ReaderGrant.Level.WRITE));
        }
        for (Authorization a : consents.all()) {
            if (!a.isActiveAt(at)) {
                continue;
            }
            Principal party = a.recipient().partyClass()
                    ? new Principal(a.recipient().authority() + "#member", Principal.Role.OUTSIDE_PARTY, Set.of(a.recipient().authority()))
                    : Principal.outsideParty(a.recipient().authority());
            if (engine.decide(party, Action.READ_CONTENT, record, null, at, consents).permitted()) {
                grants.add(new ReaderGrant(a.recipient().authority(), ReaderGrant.Level.READ));
            }
        }
        return grants;
    }

    /**
     * After one authorization changed (created, revoked, expired), the new reader sets of the
     * claimant's records it can affect: those its provisions match, before or after the change.
     */
    public Map<String, Set<ReaderGrant>> reproject(Authorization changed, ClaimantConsents consentsAfterChange,
                                                   Collection<RecordFacts> claimantRecords, Instant at) {
        Map<String, Set<ReaderGrant>> result = new LinkedHashMap<>();
        for (RecordFacts record : claimantRecords) {
            if (mayAffect(changed, record)) {
                result.put(record.recordId(), readersOf(record, consentsAfterChange, at));
            }
        }
        return result;
    }

    static boolean mayAffect(Authorization a, RecordFacts record) {
        if (!a.claimantId().equals(record.claimantId())) {
            return false;
        }
        for (Provision p : a.provisions()) {
            if (p.matches(record)) {
                return true;
            }
        }
        return false;
    }

}
