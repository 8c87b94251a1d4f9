package com.medcase.service.hold;

import com.medcase.enforcement.GovernedRecordRepository;
import com.medcase.enforcement.RecordAccessEnforcer;
import com.medcase.hold.LegalHold;
import com.medcase.hold.LegalHolds;
import com.medcase.model.MedCaseModel;
import com.medcase.repository.CaseFolder;
import com.medcase.repository.StoredRecord;
import com.medcase.store.hold.JdbcHoldRepository;
import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.TreeSet;

/**
 * A hold placed on a scope covers the records filed into that scope afterwards, at filing time: a case
 * (its folder id is an item of the hold), a claimant ({@code claimant:<id>}) or a saved query
 * ({@code query:<text>}, see {@link RecordQuery}). Each newly filed record joins those active holds, in
 * MedCase's hold state and in the repository's native hold, as a system action on behalf of whoever
 * placed the hold. {@link HoldCoverageJob} repairs what a crash between filing and this listener missed.
 */
@Component
class CaseHoldCoverage implements GovernedRecordRepository.FilingListener {

    private final JdbcHoldRepository holdState;
    private final LegalHolds holds;
    private final RecordAccessEnforcer enforcer;

    CaseHoldCoverage(JdbcHoldRepository holdState, LegalHolds holds, RecordAccessEnforcer enforcer) {
        this.holdState = holdState;
        this.holds = holds;
        this.enforcer = enforcer;
    }

    @Override
    public void filed(StoredRecord record, CaseFolder caseFolder) {
        Set<String> covering = new TreeSet<>(holdState.activeHoldsOf(caseFolder.id()));
        Object claimant = caseFolder.properties().get(MedCaseModel.PROP_CASE_CLAIMANT_ID);
        if (claimant != null) {
            covering.addAll(holdState.activeHoldsOf("claimant:" + claimant));
        }
        for (JdbcHoldRepository.HoldItem scoped : holdState.activeItemsWithPrefix("query:")) {
            if (RecordQuery.parse(scoped.itemId().substring("query:".length())).matches(record, caseFolder)) {
                covering.add(scoped.holdId());
            }
        }
        for (String holdId : covering) {
            cover(holds, holdState, enforcer, holdId, Set.of(record.id()), "scope-hold");
        }
    }

    /** Adds records to a hold as a system action on behalf of the person who placed the hold. */
    static void cover(LegalHolds holds, JdbcHoldRepository holdState, RecordAccessEnforcer enforcer, String holdId, Set<String> records,
                      String job) {
        LegalHold hold = holdState.find(holdId).orElseThrow();
        holds.coverInScope(job, holdId, records);
        enforcer.holdAdded(holdId, hold.name(), hold.reason(), records, RecordAccessEnforcer.Actor.system(job, hold.createdBy()));
    }
}
