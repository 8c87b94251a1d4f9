package com.medcase.service.hold;

import com.medcase.enforcement.RecordAccessEnforcer;
import com.medcase.hold.HeldStateChange;
import com.medcase.hold.LegalHold;
import com.medcase.hold.LegalHolds;
import com.medcase.repository.CaseFolder;
import com.medcase.repository.RecordRepository;
import com.medcase.consent.Principal;
import com.medcase.model.MedCaseModel;
import com.medcase.service.security.Caller;
import com.medcase.store.hold.JdbcHoldRepository;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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
    private final JdbcHoldRepository holdState;
    private final HoldProperties properties;
    private final Clock clock;

    HoldOperations(LegalHolds holds, RecordAccessEnforcer enforcer, RecordRepository repository, JdbcHoldRepository holdState,
                   HoldProperties properties, Clock clock) {
        this.holds = holds;
        this.enforcer = enforcer;
        this.repository = repository;
        this.holdState = holdState;
        this.properties = properties;
        this.clock = clock;
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

    /** Holds every record of the claimants (all their cases), now and (through {@code claimant:<id>}) filed later. */
    public HeldStateChange addClaimants(Caller caller, String holdId, Set<String> claimantIds) {
        Set<String> items = new TreeSet<>();
        for (CaseFolder folder : repository.listCases()) {
            if (claimantIds.contains(String.valueOf(folder.properties().get(MedCaseModel.PROP_CASE_CLAIMANT_ID)))) {
                repository.listRecords(folder.id()).forEach(r -> items.add(r.id()));
            }
        }
        claimantIds.forEach(id -> items.add("claimant:" + id));
        HeldStateChange change = holds.addItems(caller.asHoldAdministrator(), holdId, items);
        freeze(holdId, items, caller);
        return change;
    }

    /** Parses a saved query as {@link #addQuery} will, so a form can refuse a malformed one before creating anything. */
    public static void checkQuery(String savedQuery) {
        RecordQuery.parse(savedQuery);
    }

    /** Holds the records a saved query selects ({@link RecordQuery}), now and filed later. */
    public HeldStateChange addQuery(Caller caller, String holdId, String savedQuery) {
        RecordQuery query = RecordQuery.parse(savedQuery);
        Set<String> items = new TreeSet<>();
        for (CaseFolder folder : repository.listCases()) {
            repository.listRecords(folder.id()).stream().filter(r -> query.matches(r, folder)).forEach(r -> items.add(r.id()));
        }
        items.add(query.item());
        HeldStateChange change = holds.addItems(caller.asHoldAdministrator(), holdId, items);
        freeze(holdId, items, caller);
        return change;
    }

    /**
     * An urgent preservation hold placed by a records manager (when {@code medcase.holds.urgent-preservation}
     * allows it, the default): it takes effect at once and waits for a legal hold administrator to confirm
     * it or release it.
     */
    public LegalHold urgent(Caller caller, String name, String matter, String reason, Set<String> caseNumbers) {
        if (!properties.urgentPreservation()) {
            throw new AccessDeniedException(
                    "Urgent preservation holds by records managers are turned off (medcase.holds.urgent-preservation=false); ask a legal hold administrator");
        }
        // The records manager acts with the hold administrator's right for this one hold, pending confirmation.
        Principal urgent = Principal.recordsTeam(caller.id(), Principal.Role.LEGAL_HOLD_ADMINISTRATOR);
        LegalHold hold = holds.create(urgent, name, matter, "URGENT (pending confirmation): " + reason);
        holdState.requestConfirmation(hold.id(), caller.id(), clock.instant());
        Set<String> items = new TreeSet<>();
        for (String caseNumber : caseNumbers == null ? Set.<String>of() : caseNumbers) {
            CaseFolder folder = repository.findCaseByNumber(caseNumber)
                    .orElseThrow(() -> new NoSuchElementException("No case with number " + caseNumber));
            items.add(folder.id());
            repository.listRecords(folder.id()).forEach(r -> items.add(r.id()));
        }
        if (!items.isEmpty()) {
            holds.addItems(urgent, hold.id(), items);
            enforcer.holdAdded(hold.id(), hold.name(), hold.reason(), items, RecordAccessEnforcer.Actor.user(caller.id()));
        }
        return hold;
    }

    /** A legal hold administrator confirms an urgent hold. */
    public void confirm(Caller caller, String holdId) {
        if (!holdState.confirm(holdId, caller.id(), clock.instant())) {
            throw new IllegalArgumentException("Hold " + holdId + " is not an urgent hold awaiting confirmation");
        }
    }

    /** Urgent holds awaiting confirmation, by hold id: who placed them. */
    public Map<String, String> unconfirmed() {
        return holdState.unconfirmed();
    }

    /**
     * Takes items (records, or a case / claimant / query scope) out of a hold, with a reason. A record the hold
     * also covers through a scope (its case or its claimant) is refused: the hold-coverage job would put it back,
     * so the scope must go first (or in the same request). The native hold lets go of the records, and the
     * repository unfreezes those no other hold contains.
     */
    public HeldStateChange removeRecords(Caller caller, String holdId, Set<String> itemIds, String reason) {
        if (caller.has(com.medcase.service.security.MedCaseRole.LEGAL_HOLD_ADMINISTRATOR)) {
            Set<String> items = holdState.itemsOf(holdId);
            for (String id : itemIds) {
                com.medcase.repository.StoredRecord record;
                try {
                    record = repository.getRecord(id);
                } catch (com.medcase.repository.RepositoryException notADocument) {
                    continue; // a case folder or a scope marker
                }
                CaseFolder folder = null;
                try {
                    folder = repository.getCase(record.caseFolderId());
                } catch (com.medcase.repository.RepositoryException noCase) {
                    // filed outside a case: no scope can cover it
                }
                String claimant = folder == null ? null : (String) folder.properties().get(MedCaseModel.PROP_CASE_CLAIMANT_ID);
                for (String scope : new String[]{record.caseFolderId(), claimant == null ? null : "claimant:" + claimant}) {
                    if (scope != null && items.contains(scope) && !itemIds.contains(scope)) {
                        throw new com.medcase.hold.HoldException("Record " + id + " is held through " + (scope.startsWith("claimant:")
                                ? "its claimant (" + scope + ")" : "its case (" + scope + ")")
                                + " in this hold; remove that scope first, or with it, or the hold-coverage job puts the record back");
                    }
                }
                // a saved query of this hold that selects the record: the hold-coverage job repairs query scopes too
                for (String scope : items) {
                    if (folder != null && scope.startsWith("query:") && !itemIds.contains(scope)
                            && RecordQuery.parse(scope.substring("query:".length())).matches(record, folder)) {
                        throw new com.medcase.hold.HoldException("Record " + id + " is held through the saved query '"
                                + scope.substring("query:".length()) + "' in this hold; remove that query first, or with it, "
                                + "or the hold-coverage job puts the record back");
                    }
                }
            }
        }
        HeldStateChange change = holds.removeItems(caller.asHoldAdministrator(), holdId, itemIds, reason);
        // Items that were not in the hold are ignored by the native hold too (404 there).
        enforcer.holdItemsRemoved(holdId, itemIds, change.nowFree(), RecordAccessEnforcer.Actor.user(caller.id()));
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
