package com.medcase.service.hold;

import com.medcase.hold.HeldStateChange;
import com.medcase.hold.LegalHold;
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

/**
 * Legal holds. The engine keeps MedCase's hold state and its audit; the repository's native holds
 * (Governance Services) freeze the records, so that ACS itself refuses to delete, move or change them.
 * A hold on a case also covers the records filed into it later ({@link CaseHoldCoverage}).
 */
@RestController
@RequestMapping("/api/holds")
class HoldController {

    private final HoldOperations operations;

    HoldController(HoldOperations operations) {
        this.operations = operations;
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
        return operations.all();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    LegalHold create(@Valid @RequestBody HoldRequest request, Authentication authentication) {
        return operations.create(Caller.of(authentication), request.name(), request.matter(), request.reason());
    }

    @PostMapping("/{holdId}/items")
    HeldStateChange addItems(@PathVariable String holdId, @Valid @RequestBody ItemsRequest request, Authentication authentication) {
        return operations.addRecords(Caller.of(authentication), holdId, request.recordIds());
    }

    /** Holds whole cases: the records in them now, and (through the case itself) those filed later. */
    @PostMapping("/{holdId}/cases")
    HeldStateChange addCases(@PathVariable String holdId, @Valid @RequestBody CasesRequest request, Authentication authentication) {
        return operations.addCases(Caller.of(authentication), holdId, request.caseNumbers());
    }

    @PostMapping("/{holdId}/release")
    HeldStateChange release(@PathVariable String holdId, @Valid @RequestBody ReleaseRequest request, Authentication authentication) {
        return operations.release(Caller.of(authentication), holdId, request.reason());
    }
}
