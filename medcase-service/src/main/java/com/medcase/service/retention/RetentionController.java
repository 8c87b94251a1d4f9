package com.medcase.service.retention;

import com.medcase.audit.AuditEvent;
import com.medcase.audit.AuditLedger;
import com.medcase.hold.HoldRepository;
import com.medcase.repository.RecordRepository;
import com.medcase.retention.DestructionCertificate;
import com.medcase.retention.DispositionAction;
import com.medcase.retention.DispositionException;
import com.medcase.retention.DispositionItem;
import com.medcase.retention.DispositionWorkflow;
import com.medcase.retention.RetentionSchedule;
import com.medcase.service.security.Caller;
import com.medcase.store.retention.JdbcDispositionQueue;
import com.medcase.store.retention.JdbcRetentionScheduleStore;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Retention schedules and the disposition queue: list what is due (re-evaluated against holds
 * today), approve (two approvers for sensitive records), execute with a destruction certificate.
 */
@RestController
class RetentionController {

    private final JdbcRetentionScheduleStore schedules;
    private final JdbcDispositionQueue queue;
    private final DispositionWorkflow workflow;
    private final RecordRepository repository;
    private final AuditLedger ledger;
    private final Clock clock;

    RetentionController(JdbcRetentionScheduleStore schedules, JdbcDispositionQueue queue, HoldRepository holds,
                        RecordRepository repository, AuditLedger ledger, Clock clock) {
        this.schedules = schedules;
        this.queue = queue;
        this.workflow = new DispositionWorkflow(holds::activeHoldsOf, ledger, clock);
        this.repository = repository;
        this.ledger = ledger;
        this.clock = clock;
    }

    @GetMapping("/api/retention/schedules")
    List<RetentionSchedule> schedules() {
        return schedules.all();
    }

    @PostMapping("/api/retention/schedules")
    @ResponseStatus(HttpStatus.CREATED)
    RetentionSchedule save(@RequestBody RetentionSchedule schedule, Authentication authentication) {
        schedules.save(schedule);
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

    /** Items due by {@code day} (today by default), each re-evaluated against holds and saved. */
    @GetMapping("/api/disposition/due")
    List<DispositionItem> due(@RequestParam(required = false) LocalDate day, @RequestParam(defaultValue = "200") int limit) {
        LocalDate asOf = day != null ? day : LocalDate.now(clock);
        return queue.dueBy(asOf, Math.min(limit, 1000)).stream().map(item -> {
            DispositionItem refreshed = workflow.refresh(item, asOf);
            if (!refreshed.equals(item)) {
                queue.save(refreshed);
            }
            return refreshed;
        }).toList();
    }

    @GetMapping("/api/disposition/counts")
    Map<DispositionItem.Status, Long> counts() {
        return queue.countsByStatus();
    }

    @PostMapping("/api/disposition/{recordId}/approve")
    DispositionItem approve(@PathVariable String recordId, Authentication authentication) {
        DispositionItem approved = workflow.approve(refreshed(recordId), Caller.of(authentication).asPrincipal());
        queue.save(approved);
        return approved;
    }

    /** Certificate first (it carries the content hash), then the content goes, as the action says. */
    @PostMapping("/api/disposition/{recordId}/execute")
    DestructionCertificate execute(@PathVariable String recordId, Authentication authentication) {
        DispositionItem item = refreshed(recordId);
        DestructionCertificate certificate = workflow.execute(item, Caller.of(authentication).asPrincipal(), sha256Of(recordId));
        queue.complete(item, certificate);
        if (item.action() == DispositionAction.DESTROY_ENTIRELY) {
            repository.delete(recordId);
        } else if (item.action() == DispositionAction.DESTROY_CONTENT_KEEP_METADATA) {
            repository.updateProperties(recordId, Map.of(com.medcase.model.MedCaseModel.PROP_DISPOSITION_ACTION, item.action().modelValue()));
        }
        return certificate;
    }

    private DispositionItem refreshed(String recordId) {
        DispositionItem item = queue.find(recordId)
                .orElseThrow(() -> new NoSuchElementException("Record " + recordId + " is not in the disposition queue"));
        DispositionItem refreshed = workflow.refresh(item, LocalDate.now(clock));
        if (!refreshed.equals(item)) {
            queue.save(refreshed);
        }
        return refreshed;
    }

    private String sha256Of(String recordId) {
        try (InputStream in = new DigestInputStream(repository.readContent(recordId), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the content of record " + recordId + " to certify its destruction", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Workflow refusals (wrong state, hold, same approver twice) are conflicts the caller can resolve. */
    @org.springframework.web.bind.annotation.ExceptionHandler(DispositionException.class)
    org.springframework.http.ProblemDetail refused(DispositionException e) {
        return org.springframework.http.ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }
}
