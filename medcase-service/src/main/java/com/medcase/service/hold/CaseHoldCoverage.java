package com.medcase.service.hold;

import com.medcase.consent.Principal;
import com.medcase.enforcement.GovernedRecordRepository;
import com.medcase.enforcement.RecordAccessEnforcer;
import com.medcase.hold.HoldRepository;
import com.medcase.hold.LegalHold;
import com.medcase.hold.LegalHolds;
import com.medcase.repository.CaseFolder;
import com.medcase.repository.StoredRecord;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * A hold placed on a case covers the records filed into that case afterwards: each newly filed record
 * joins the case's active holds, in MedCase's hold state and in the repository's native hold, as a
 * system action on behalf of whoever placed the hold.
 */
@Component
class CaseHoldCoverage implements GovernedRecordRepository.FilingListener {

    private final HoldRepository holdState;
    private final LegalHolds holds;
    private final RecordAccessEnforcer enforcer;

    CaseHoldCoverage(HoldRepository holdState, LegalHolds holds, RecordAccessEnforcer enforcer) {
        this.holdState = holdState;
        this.holds = holds;
        this.enforcer = enforcer;
    }

    @Override
    public void filed(StoredRecord record, CaseFolder caseFolder) {
        Set<String> caseHolds = holdState.activeHoldsOf(caseFolder.id());
        for (String holdId : caseHolds) {
            LegalHold hold = holdState.find(holdId).orElseThrow();
            Principal system = Principal.recordsTeam("system:case-hold", Principal.Role.LEGAL_HOLD_ADMINISTRATOR);
            holds.addItems(system, holdId, Set.of(record.id()));
            enforcer.holdAdded(holdId, hold.name(), hold.reason(), Set.of(record.id()),
                    RecordAccessEnforcer.Actor.system("case-hold", hold.createdBy()));
        }
    }
}
