package com.medcase.service.hold;

import com.medcase.enforcement.RecordAccessEnforcer;
import com.medcase.hold.HeldStateChange;
import com.medcase.hold.LegalHold;
import com.medcase.hold.LegalHolds;
import com.medcase.repository.CaseFolder;
import com.medcase.repository.RecordRepository;
import com.medcase.service.security.Caller;
import org.springframework.stereotype.Service;

import java.util.Collection;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;

/**
 * Legal hold operations for the REST API and the console alike: the engine records the hold (role checked
 * first, audited), then the repository's native holds freeze the records. A hold on a case also covers the
 * records filed into it later ({@link CaseHoldCoverage}).
 */
@Service
public class HoldOperations {

    private final LegalHolds holds;
    private final RecordAccessEnforcer enforcer;
    private final RecordRepository repository;

    HoldOperations(LegalHolds holds, RecordAccessEnforcer enforcer, RecordRepository repository) {
        this.holds = holds;
        this.enforcer = enforcer;
        this.repository = repository;
    }

    public List<LegalHold> all() {
        return holds.all();
    }

    public LegalHold create(Caller caller, String name, String matter, String reason) {
        return holds.create(caller.asHoldAdministrator(), name, matter, reason);
    }

    public HeldStateChange addRecords(Caller caller, String holdId, Set<String> recordIds) {
        recordIds.forEach(repository::getRecord); // unknown ids fail here, before anything is held
        HeldStateChange change = holds.addItems(caller.asHoldAdministrator(), holdId, recordIds);
        freeze(holdId, recordIds, caller);
        return change;
    }

    /** Holds whole cases: the records in them now, and (through the case itself) those filed later. */
    public HeldStateChange addCases(Caller caller, String holdId, Set<String> caseNumbers) {
        Set<String> items = new TreeSet<>();
        for (String caseNumber : caseNumbers) {
            CaseFolder folder = repository.findCaseByNumber(caseNumber)
                    .orElseThrow(() -> new NoSuchElementException("No case with number " + caseNumber));
            items.add(folder.id());
            repository.listRecords(folder.id()).forEach(r -> items.add(r.id()));
        }
        HeldStateChange change = holds.addItems(caller.asHoldAdministrator(), holdId, items);
        freeze(holdId, items, caller);
        return change;
    }

    public HeldStateChange release(Caller caller, String holdId, String reason) {
        HeldStateChange change = holds.release(caller.asHoldAdministrator(), holdId, reason);
        enforcer.holdReleased(holdId, reason, change.nowFree(), RecordAccessEnforcer.Actor.user(caller.id()));
        return change;
    }

    private void freeze(String holdId, Collection<String> items, Caller caller) {
        LegalHold hold = holds.all().stream().filter(h -> h.id().equals(holdId)).findFirst().orElseThrow();
        enforcer.holdAdded(holdId, hold.name(), hold.reason(), items, RecordAccessEnforcer.Actor.user(caller.id()));
    }
}
