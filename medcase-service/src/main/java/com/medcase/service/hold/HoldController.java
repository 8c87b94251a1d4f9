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
import java.util.Map;
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

    record RemoveRequest(@NotEmpty Set<@NotBlank String> recordIds, String reason) {
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

    /** Holds every record of the claimants (all their cases), now and (through {@code claimant:<id>}) filed later. */
    @PostMapping("/{holdId}/claimants")
    HeldStateChange addClaimants(@PathVariable String holdId, @Valid @RequestBody ClaimantsRequest request, Authentication authentication) {
        return operations.addClaimants(Caller.of(authentication), holdId, request.claimantIds());
    }

    /** Holds the records a saved query selects ({@link RecordQuery}), now and filed later. */
    @PostMapping("/{holdId}/queries")
    HeldStateChange addQuery(@PathVariable String holdId, @Valid @RequestBody QueryRequest request, Authentication authentication) {
        return operations.addQuery(Caller.of(authentication), holdId, request.query());
    }

    /**
     * An urgent preservation hold placed by a records manager (when {@code medcase.holds.urgent-preservation}
     * allows it, the default): it takes effect at once and waits for a legal hold administrator to confirm
     * it ({@code POST /api/holds/{id}/confirm}) or release it.
     */
    @PostMapping("/urgent")
    @ResponseStatus(HttpStatus.CREATED)
    LegalHold urgent(@Valid @RequestBody UrgentHoldRequest request, Authentication authentication) {
        return operations.urgent(Caller.of(authentication), request.name(), request.matter(), request.reason(), request.caseNumbers());
    }

    @PostMapping("/{holdId}/confirm")
    Map<String, Object> confirm(@PathVariable String holdId, Authentication authentication) {
        operations.confirm(Caller.of(authentication), holdId);
        return Map.of("holdId", holdId, "confirmedBy", authentication.getName());
    }

    @GetMapping("/unconfirmed")
    Map<String, String> unconfirmed() {
        return operations.unconfirmed();
    }

    /**
     * Takes records (or a case, claimant or query scope) out of the hold, with a reason; a record stays frozen
     * while another hold has it. POST rather than DELETE with a body, which proxies and clients may drop.
     */
    @PostMapping("/{holdId}/items/remove")
    HeldStateChange removeItems(@PathVariable String holdId, @Valid @RequestBody RemoveRequest request, Authentication authentication) {
        return operations.removeRecords(Caller.of(authentication), holdId, request.recordIds(), request.reason());
    }

    @PostMapping("/{holdId}/release")
    HeldStateChange release(@PathVariable String holdId, @Valid @RequestBody ReleaseRequest request, Authentication authentication) {
        return operations.release(Caller.of(authentication), holdId, request.reason());
    }
}
