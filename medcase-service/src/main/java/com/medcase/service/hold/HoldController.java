package com.medcase.service.hold;

import com.medcase.enforcement.RecordAccessEnforcer;
import com.medcase.hold.HeldStateChange;
import com.medcase.hold.LegalHold;
import com.medcase.hold.LegalHolds;
import com.medcase.repository.RecordRepository;
import com.medcase.service.records.RecordAccess;
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

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Legal holds. The engine decides which records change held state; the enforcer then freezes or
 * frees exactly those in the repository (undeletable mark, write rights removed or restored).
 */
@RestController
@RequestMapping("/api/holds")
class HoldController {

    private final LegalHolds holds;
    private final RecordAccessEnforcer enforcer;
    private final RecordRepository repository;
    private final RecordAccess recordAccess;

    HoldController(LegalHolds holds, RecordAccessEnforcer enforcer, RecordRepository repository, RecordAccess recordAccess) {
        this.holds = holds;
        this.enforcer = enforcer;
        this.repository = repository;
        this.recordAccess = recordAccess;
    }

    record HoldRequest(@NotBlank String name, @NotBlank String matter, @NotBlank String reason) {
    }

    record ItemsRequest(@NotEmpty Set<@NotBlank String> recordIds) {
    }

    record ReleaseRequest(@NotBlank String reason) {
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
        apply(change, authentication);
        return change;
    }

    @PostMapping("/{holdId}/release")
    HeldStateChange release(@PathVariable String holdId, @Valid @RequestBody ReleaseRequest request, Authentication authentication) {
        HeldStateChange change = holds.release(Caller.of(authentication).asHoldAdministrator(), holdId, request.reason());
        apply(change, authentication);
        return change;
    }

    private void apply(HeldStateChange change, Authentication authentication) {
        Set<String> changed = new java.util.HashSet<>(change.nowHeld());
        changed.addAll(change.nowFree());
        enforcer.applyHoldChange(changed.stream().sorted().collect(Collectors.toList()),
                recordId -> recordAccess.claimantOfCase(repository.getRecord(recordId).caseFolderId()),
                RecordAccessEnforcer.Actor.user(authentication.getName()));
    }
}
