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

    HoldController(LegalHolds holds, RecordAccessEnforcer enforcer, RecordRepository repository) {
        this.holds = holds;
        this.enforcer = enforcer;
        this.repository = repository;
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
