package com.medcase.service.hold;

import com.medcase.enforcement.RecordAccessEnforcer;
import com.medcase.hold.HeldStateChange;
import com.medcase.hold.LegalHold;
import com.medcase.hold.LegalHolds;
import com.medcase.repository.CaseFolder;
import com.medcase.repository.RecordRepository;
import com.medcase.service.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Legal holds. The engine keeps MedCase's hold state and its audit; the repository's native holds
 * (Governance Services) freeze the records, so that ACS itself refuses to delete, move or change them.
 * A hold on a case also covers the records filed into it later ({@link CaseHoldCoverage}).
 */
@RestController
@RequestMapping("/api/holds")
class HoldController {

    private final LegalHolds holds;
    private final RecordAccessEnforcer enforcer;
    private final RecordRepository repository;
    private final com.medcase.store.hold.JdbcHoldRepository holdState;
    private final HoldProperties properties;
    private final java.time.Clock clock;

    HoldController(LegalHolds holds, RecordAccessEnforcer enforcer, RecordRepository repository,
                   com.medcase.store.hold.JdbcHoldRepository holdState, HoldProperties properties, java.time.Clock clock) {
        this.holds = holds;
        this.enforcer = enforcer;
        this.repository = repository;
        this.holdState = holdState;
        this.properties = properties;
        this.clock = clock;
    }

    record ClaimantsRequest(@NotEmpty Set<@NotBlank String> claimantIds) {
    }

    record QueryRequest(@NotBlank String query) {
    }

    record UrgentHoldRequest(@NotBlank String name, @NotBlank String matter, @NotBlank String reason, Set<String> caseNumbers) {
    }

    record HoldRequest(@NotBlank String name, @NotBlank String matter, @NotBlank String reason) {
    }

    record ItemsRequest(@NotEmpty Set<@NotBlank String> recordIds) {
    }

    record ReleaseRequest(@NotBlank String reason) {
    }

    record CasesRequest(@NotEmpty Set<@NotBlank String> caseNumbers) {
    }

    @GetMapping
    List<LegalHold> all() {
        return holds.all();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    LegalHold create(@Valid @RequestBody HoldRequest request, Authentication authentication) {
        return holds.create(Caller.of(authentication).asHoldAdministrator(), request.name(), request.matter(), request.reason());
    }

    @PostMapping("/{holdId}/items")
    HeldStateChange addItems(@PathVariable String holdId, @Valid @RequestBody ItemsRequest request, Authentication authentication) {
        request.recordIds().forEach(repository::getRecord); // unknown ids fail here, before anything is held
        HeldStateChange change = holds.addItems(Caller.of(authentication).asHoldAdministrator(), holdId, request.recordIds());
        freeze(holdId, request.recordIds(), authentication);
        return change;
    }

    /** Holds whole cases: the records in them now, and (through the case itself) those filed later. */
    @PostMapping("/{holdId}/cases")
    HeldStateChange addCases(@PathVariable String holdId, @Valid @RequestBody CasesRequest request, Authentication authentication) {
        Set<String> items = new TreeSet<>();
        for (String caseNumber : request.caseNumbers()) {
            CaseFolder folder = repository.findCaseByNumber(caseNumber)
                    .orElseThrow(() -> new java.util.NoSuchElementException("No case with number " + caseNumber));
            items.add(folder.id());
            repository.listRecords(folder.id()).forEach(r -> items.add(r.id()));
        }
        HeldStateChange change = holds.addItems(Caller.of(authentication).asHoldAdministrator(), holdId, items);
        freeze(holdId, items, authentication);
        return change;
    }

    /** Holds every record of the claimants (all their cases), now and (through {@code claimant:<id>}) filed later. */
    @PostMapping("/{holdId}/claimants")
    HeldStateChange addClaimants(@PathVariable String holdId, @Valid @RequestBody ClaimantsRequest request, Authentication authentication) {
        Set<String> items = new TreeSet<>();
        for (CaseFolder folder : repository.listCases()) {
            if (request.claimantIds().contains(String.valueOf(folder.properties().get(com.medcase.model.MedCaseModel.PROP_CASE_CLAIMANT_ID)))) {
                repository.listRecords(folder.id()).forEach(r -> items.add(r.id()));
            }
        }
        request.claimantIds().forEach(id -> items.add("claimant:" + id));
        HeldStateChange change = holds.addItems(Caller.of(authentication).asHoldAdministrator(), holdId, items);
        freeze(holdId, items, authentication);
        return change;
    }

    /** Holds the records a saved query selects ({@link RecordQuery}), now and filed later. */
    @PostMapping("/{holdId}/queries")
    HeldStateChange addQuery(@PathVariable String holdId, @Valid @RequestBody QueryRequest request, Authentication authentication) {
        RecordQuery query = RecordQuery.parse(request.query());
        Set<String> items = new TreeSet<>();
        for (CaseFolder folder : repository.listCases()) {
            repository.listRecords(folder.id()).stream().filter(r -> query.matches(r, folder)).forEach(r -> items.add(r.id()));
        }
        items.add(query.item());
        HeldStateChange change = holds.addItems(Caller.of(authentication).asHoldAdministrator(), holdId, items);
        freeze(holdId, items, authentication);
        return change;
    }

    /**
     * An urgent preservation hold placed by a records manager (when {@code medcase.holds.urgent-preservation}
     * allows it, the default): it takes effect at once and waits for a legal hold administrator to confirm
     * it ({@code POST /api/holds/{id}/confirm}) or release it.
     */
    @PostMapping("/urgent")
    @ResponseStatus(HttpStatus.CREATED)
    LegalHold urgent(@Valid @RequestBody UrgentHoldRequest request, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        if (!properties.urgentPreservation()) {
            throw new org.springframework.security.access.AccessDeniedException(
                    "Urgent preservation holds by records managers are turned off (medcase.holds.urgent-preservation=false); ask a legal hold administrator");
        }
        // The records manager acts with the hold administrator's right for this one hold, pending confirmation.
        com.medcase.consent.Principal urgent = com.medcase.consent.Principal.recordsTeam(caller.id(),
                com.medcase.consent.Principal.Role.LEGAL_HOLD_ADMINISTRATOR);
        LegalHold hold = holds.create(urgent, request.name(), request.matter(), "URGENT (pending confirmation): " + request.reason());
        holdState.requestConfirmation(hold.id(), caller.id(), clock.instant());
        Set<String> items = new TreeSet<>();
        for (String caseNumber : request.caseNumbers() == null ? Set.<String>of() : request.caseNumbers()) {
            CaseFolder folder = repository.findCaseByNumber(caseNumber)
                    .orElseThrow(() -> new java.util.NoSuchElementException("No case with number " + caseNumber));
            items.add(folder.id());
            repository.listRecords(folder.id()).forEach(r -> items.add(r.id()));
        }
        if (!items.isEmpty()) {
            holds.addItems(urgent, hold.id(), items);
            enforcer.holdAdded(hold.id(), hold.name(), hold.reason(), items, RecordAccessEnforcer.Actor.user(caller.id()));
        }
        return hold;
    }

    @PostMapping("/{holdId}/confirm")
    java.util.Map<String, Object> confirm(@PathVariable String holdId, Authentication authentication) {
        if (!holdState.confirm(holdId, authentication.getName(), clock.instant())) {
            throw new IllegalArgumentException("Hold " + holdId + " is not an urgent hold awaiting confirmation");
        }
        return java.util.Map.of("holdId", holdId, "confirmedBy", authentication.getName());
    }

    @GetMapping("/unconfirmed")
    java.util.Map<String, String> unconfirmed() {
        return holdState.unconfirmed();
    }

    @PostMapping("/{holdId}/release")
    HeldStateChange release(@PathVariable String holdId, @Valid @RequestBody ReleaseRequest request, Authentication authentication) {
        HeldStateChange change = holds.release(Caller.of(authentication).asHoldAdministrator(), holdId, request.reason());
        enforcer.holdReleased(holdId, request.reason(), change.nowFree(), RecordAccessEnforcer.Actor.user(authentication.getName()));
        return change;
    }

    private void freeze(String holdId, Collection<String> items, Authentication authentication) {
        LegalHold hold = holds.all().stream().filter(h -> h.id().equals(holdId)).findFirst().orElseThrow();
        enforcer.holdAdded(holdId, hold.name(), hold.reason(), items, RecordAccessEnforcer.Actor.user(authentication.getName()));
    }
}
