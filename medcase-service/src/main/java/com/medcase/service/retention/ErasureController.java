package com.medcase.service.retention;

import com.medcase.audit.AuditEvent;
import com.medcase.audit.AuditLedger;
import com.medcase.hold.HoldRepository;
import com.medcase.retention.DispositionAction;
import com.medcase.retention.DispositionPlan;
import com.medcase.retention.ErasurePolicy;
import com.medcase.retention.RetentionFacts;
import com.medcase.store.retention.JdbcDispositionQueue;
import com.medcase.store.retention.JdbcErasureRequests;
import com.medcase.store.retention.JdbcRetentionFactsStore;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;

/**
 * A claimant asks for a record to be erased. The request is recorded and weighed by the engine's
 * {@link ErasurePolicy} against the record's active holds and its minimum retention (schedule and legal
 * minimum in force now), and answered with the reason. Granted, the record enters the disposition queue
 * as due today for destruction: records managers still approve and execute it, and holds and the legal
 * minimum are checked again at each step.
 */
@RestController
class ErasureController {

    record ErasureRequestBody(String recordId, Instant receivedAt) { }

    private final JdbcRetentionFactsStore facts;
    private final JdbcErasureRequests requests;
    private final JdbcDispositionQueue queue;
    private final HoldRepository holds;
    private final RetentionPlanner planner;
    private final AuditLedger ledger;
    private final Clock clock;
    private final ErasurePolicy policy = new ErasurePolicy();

    ErasureController(JdbcRetentionFactsStore facts, JdbcErasureRequests requests, JdbcDispositionQueue queue, HoldRepository holds,
                      RetentionPlanner planner, AuditLedger ledger, Clock clock) {
        this.facts = facts;
        this.requests = requests;
        this.queue = queue;
        this.holds = holds;
        this.planner = planner;
        this.ledger = ledger;
        this.clock = clock;
    }

    @PostMapping("/api/retention/erasure-requests")
    @ResponseStatus(HttpStatus.CREATED)
    JdbcErasureRequests.ErasureRequest request(@RequestBody ErasureRequestBody body, Authentication authentication) {
        if (body == null || body.recordId() == null || body.recordId().isBlank()) {
            throw new IllegalArgumentException("recordId is required");
        }
        RetentionFacts f = facts.find(body.recordId())
                .orElseThrow(() -> new NoSuchElementException("Record " + body.recordId() + " has no retention facts (not governed, or already disposed of)"));
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, java.time.ZoneOffset.UTC);
        DispositionPlan plan;
        try {
            plan = planner.inForce().plan(f);
        } catch (IllegalStateException noSchedule) {
            plan = new DispositionPlan(f.recordId(), "none", DispositionAction.REVIEW, null, null, null, "no retention schedule covers it");
        }
        ErasurePolicy.ErasureDecision decision = policy.decide(plan, holds.activeHoldsOf(f.recordId()), today);
        JdbcErasureRequests.ErasureRequest request = new JdbcErasureRequests.ErasureRequest("ER-" + UUID.randomUUID(), f.recordId(),
                body.receivedAt() != null ? body.receivedAt() : now, authentication.getName(), now, decision.granted(), decision.reason());
        requests.save(request);
        ledger.append(new AuditEvent(authentication.getName(), null, "erasure.request", f.recordId(), decision.granted() ? "GRANTED" : "REFUSED",
                decision.reason(), Map.of("request", request.id())));
        if (decision.granted()) {
            queue.enqueueNow(f.recordId(), JdbcRetentionFactsStore.ERASURE_PREFIX + request.id(), DispositionAction.DESTROY_ENTIRELY, f.sensitive(), today);
        }
        return request;
    }

    @GetMapping("/api/retention/erasure-requests")
    List<JdbcErasureRequests.ErasureRequest> recent(@RequestParam(defaultValue = "100") int limit) {
        return requests.recent(Math.min(limit, 1000));
    }
}
