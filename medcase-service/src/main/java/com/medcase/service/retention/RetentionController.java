package com.medcase.service.retention;

import com.medcase.audit.AuditEvent;
import com.medcase.audit.AuditLedger;
import com.medcase.retention.DestructionCertificate;
import com.medcase.retention.DispositionException;
import com.medcase.retention.DispositionItem;
import com.medcase.retention.RetentionRules;
import com.medcase.retention.RetentionSchedule;
import com.medcase.retention.RetentionSchedules;
import org.springframework.beans.factory.ObjectProvider;
import com.medcase.service.security.Caller;
import com.medcase.store.retention.JdbcRetentionScheduleStore;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Retention schedules and the disposition queue: list what is due (re-evaluated against holds
 * today), approve (two approvers for sensitive records), execute with a destruction certificate.
 */
@RestController
public class RetentionController {

    private final JdbcRetentionScheduleStore schedules;
    private final DispositionQueue disposition;
    private final AuditLedger ledger;
    private final RetentionRules rules;

    /** @param rules legal minimums and overlap policy; {@link RetentionRules#DEFAULT} until the service binds them */
    RetentionController(JdbcRetentionScheduleStore schedules, DispositionQueue disposition, AuditLedger ledger,
                        ObjectProvider<RetentionRules> rules) {
        this.schedules = schedules;
        this.disposition = disposition;
        this.ledger = ledger;
        this.rules = rules.getIfAvailable(() -> RetentionRules.DEFAULT);
    }

    @GetMapping("/api/retention/schedules")
    public List<RetentionSchedule> schedules() {
        return schedules.all();
    }

    @PostMapping("/api/retention/schedules")
    @ResponseStatus(HttpStatus.CREATED)
    public RetentionSchedule save(@RequestBody RetentionSchedule schedule, Authentication authentication) {
        // The engine checks the set the schedule would join (legal minimums, ambiguous overlaps) before it is
        // stored; a refusal names the minimum or the overlapping schedule, as a 400.
        List<RetentionSchedule> candidate = new ArrayList<>(schedules.all().stream().filter(s -> !s.id().equals(schedule.id())).toList());
        candidate.add(schedule);
        new RetentionSchedules(candidate, Map.of(), rules);
        schedules.save(schedule, authentication.getName());
        ledger.append(new AuditEvent(authentication.getName(), null, "retention.schedule.save", schedule.id(), "DONE", null,
                Map.of("category", schedule.category(), "jurisdiction", schedule.jurisdiction(), "retainFor", schedule.retainFor().toString())));
        return schedule;
    }

    @DeleteMapping("/api/retention/schedules/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id, Authentication authentication) {
        if (!schedules.delete(id)) {
            throw new NoSuchElementException("No retention schedule with id " + id);
        }
        ledger.append(AuditEvent.of(authentication.getName(), "retention.schedule.delete", id, "DONE", null));
    }

    @GetMapping("/api/disposition/due")
    List<DispositionItem> due(@RequestParam(required = false) LocalDate day, @RequestParam(defaultValue = "200") int limit) {
        return disposition.due(day, limit);
    }

    /** The due list filtered (open items when no status) and paged: {@code items} of {item, caseNumber, category}, {@code total}. */
    @GetMapping("/api/disposition/items")
    DispositionQueue.Rows items(@RequestParam(required = false) DispositionItem.Status status, @RequestParam(required = false) String caseNumber,
                                @RequestParam(required = false) String category, @RequestParam(required = false) LocalDate dueBy,
                                @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return disposition.list(status, caseNumber, category, dueBy, page, size);
    }

    record RecordIds(@jakarta.validation.constraints.NotEmpty List<@jakarta.validation.constraints.NotBlank String> recordIds) {
    }

    /** Bulk approval: each item approved on its own; the answer says per item what happened (see {@link DispositionQueue.ApprovalOutcome}). */
    @PostMapping("/api/disposition/approvals")
    List<DispositionQueue.Approved> approveAll(@jakarta.validation.Valid @RequestBody RecordIds request, Authentication authentication) {
        return disposition.approveAll(request.recordIds(), Caller.of(authentication));
    }

    /** Starts executing the items in the background; follow it at {@code GET /api/disposition/executions/{id}}. */
    @PostMapping("/api/disposition/executions")
    @ResponseStatus(HttpStatus.ACCEPTED)
    DispositionQueue.View execute(@jakarta.validation.Valid @RequestBody RecordIds request, Authentication authentication) {
        return disposition.startExecution(request.recordIds(), Caller.of(authentication)).view();
    }

    @GetMapping("/api/disposition/executions/{runId}")
    DispositionQueue.View execution(@PathVariable String runId) {
        return disposition.run(runId).view();
    }

    @GetMapping("/api/disposition/counts")
    Map<DispositionItem.Status, Long> counts() {
        return disposition.counts();
    }

    @PostMapping("/api/disposition/{recordId}/approve")
    DispositionItem approve(@PathVariable String recordId, Authentication authentication) {
        return disposition.approve(recordId, Caller.of(authentication));
    }

    @PostMapping("/api/disposition/{recordId}/execute")
    DestructionCertificate execute(@PathVariable String recordId, Authentication authentication) {
        return disposition.execute(recordId, Caller.of(authentication));
    }

    /** Proof of disposition: the certificates, newest first; they outlive the records they certify. */
    @GetMapping("/api/disposition/certificates")
    List<DestructionCertificate> certificates(@RequestParam(defaultValue = "200") int limit) {
        return disposition.certificates(limit);
    }

    /** One certificate as JSON with its hash ({@code certificateHash}) and whether the fields still match it. */
    @GetMapping("/api/disposition/certificates/{id}")
    Map<String, Object> certificate(@PathVariable String id) {
        DestructionCertificate c = disposition.certificate(id);
        return Map.of("certificate", c, "certificateHash", c.certificateHash(), "intact", c.intact());
    }

    @GetMapping(path = "/api/disposition/certificates/{id}/json")
    org.springframework.http.ResponseEntity<DestructionCertificate> certificateJson(@PathVariable String id) {
        DestructionCertificate c = disposition.certificate(id);
        return org.springframework.http.ResponseEntity.ok()
                .header("Content-Disposition", "attachment; filename=\"" + c.certificateId() + ".json\"")
                .header("X-MedCase-Certificate-Hash", c.certificateHash()).body(c);
    }

    @GetMapping(path = "/api/disposition/certificates/{id}/pdf")
    org.springframework.http.ResponseEntity<byte[]> certificatePdf(@PathVariable String id) {
        DestructionCertificate c = disposition.certificate(id);
        return org.springframework.http.ResponseEntity.ok().contentType(org.springframework.http.MediaType.APPLICATION_PDF)
                .header("Content-Disposition", "attachment; filename=\"" + c.certificateId() + ".pdf\"")
                .header("X-MedCase-Certificate-Hash", c.certificateHash()).body(CertificatePdf.render(c));
    }

    /** Workflow refusals (wrong state, hold, same approver twice) are conflicts the caller can resolve. */
    @ExceptionHandler(DispositionException.class)
    ProblemDetail refused(DispositionException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }
}
