package com.medcase.service.retention;

import com.medcase.audit.AuditEvent;
import com.medcase.audit.AuditLedger;
import com.medcase.retention.DispositionPlan;
import com.medcase.retention.RetentionFacts;
import com.medcase.retention.RetentionSchedules;
import com.medcase.store.retention.JdbcDispositionQueue;
import com.medcase.store.retention.JdbcRetentionFactsStore;
import com.medcase.store.retention.JdbcRetentionScheduleStore;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Due dates: computed when a record is filed, recomputed when a trigger event changes its facts (case
 * closed or reopened, birth date learned, relationship ended), by the engine's {@link RetentionSchedules}
 * under the schedules and legal minimums in force. Then due entries go into the review queue. Each
 * change is audited as {@code system:<job>} on behalf of the person who set up the schedule.
 */
@Service
public class RetentionPlanner {

    private final JdbcRetentionFactsStore facts;
    private final JdbcRetentionScheduleStore schedules;
    private final JdbcDispositionQueue queue;
    private final AuditLedger ledger;
    private final RetentionProperties properties;
    private final Clock clock;
    private final String owner;

    RetentionPlanner(JdbcRetentionFactsStore facts, JdbcRetentionScheduleStore schedules, JdbcDispositionQueue queue, AuditLedger ledger,
                     RetentionProperties properties, Clock clock, com.medcase.service.scheduling.SchedulingProperties scheduling) {
        this.facts = facts;
        this.schedules = schedules;
        this.queue = queue;
        this.ledger = ledger;
        this.properties = properties;
        this.clock = clock;
        this.owner = scheduling.owner();
    }

    /** The schedule set in force, checked against the legal minimums configured now. */
    public RetentionSchedules inForce() {
        return schedules.inForce(properties.ageOfMajority(), properties.rules());
    }

    /** The first day the law (as configured now) allows disposing of a record; null when no minimum applies or facts are unknown. */
    public LocalDate legalMinimumUntil(String recordId) {
        return facts.find(recordId).map(f -> inForce().legalMinimumUntil(f)).orElse(null);
    }

    /** Plans every record whose facts changed; {@code job} names the actor. */
    public JdbcRetentionFactsStore.PlanningOutcome planAll(String job) {
        // Entries already due enter the review queue as they are written (holds checked then); queueDue takes the rest.
        return audited(job, facts.planUnplanned(null, null, properties.planningBatch(), properties.planningParallelism(), LocalDate.now(clock),
                planner()));
    }

    public JdbcRetentionFactsStore.PlanningOutcome planCase(String caseId, String job) {
        return audited(job, facts.planUnplanned("case_id", caseId, properties.planningBatch(), planner()));
    }

    public JdbcRetentionFactsStore.PlanningOutcome planClaimant(String claimantId, String job) {
        return audited(job, facts.planUnplanned("claimant_id", claimantId, properties.planningBatch(), planner()));
    }

    /** Entries whose date has come go into the review queue (held ones are blocked), audited per schedule. */
    public JdbcDispositionQueue.QueueingOutcome queueDue(String job) {
        JdbcDispositionQueue.QueueingOutcome outcome = queue.queueDue(LocalDate.now(clock));
        auditQueued(job, schedules.owners(), outcome.dueBySchedule(), outcome.blockedBySchedule());
        return outcome;
    }

    private void auditQueued(String job, Map<String, String> owners, Map<String, Long> due, Map<String, Long> blocked) {
        due.forEach((schedule, n) -> ledger.append(new AuditEvent("system:" + job, owners.getOrDefault(schedule, owner),
                "disposition.queue", schedule, "DUE", null, Map.of("items", Long.toString(n)))));
        blocked.forEach((schedule, n) -> ledger.append(new AuditEvent("system:" + job, owners.getOrDefault(schedule, owner),
                "disposition.queue", schedule, "BLOCKED_BY_HOLD", null, Map.of("items", Long.toString(n)))));
    }

    /** Plans a batch of facts under one schedule set; a record no schedule covers gets no plan (and no queue entry). */
    java.util.function.Function<List<RetentionFacts>, List<DispositionPlan>> planner() {
        return batch -> {
            RetentionSchedules inForce = inForce();
            List<DispositionPlan> plans = new ArrayList<>(batch.size());
            for (RetentionFacts f : batch) {
                plans.add(inForce.all().isEmpty() ? null : planOrNull(inForce, f));
            }
            return plans;
        };
    }

    private static DispositionPlan planOrNull(RetentionSchedules inForce, RetentionFacts f) {
        try {
            return inForce.plan(f);
        } catch (IllegalStateException noScheduleCovers) {
            return null;
        }
    }

    private JdbcRetentionFactsStore.PlanningOutcome audited(String job, JdbcRetentionFactsStore.PlanningOutcome outcome) {
        Map<String, String> owners = schedules.owners();
        outcome.bySchedule().forEach((schedule, n) -> ledger.append(new AuditEvent("system:" + job, owners.getOrDefault(schedule, owner),
                "disposition.plan", schedule, "SCHEDULED", null, Map.of("items", Integer.toString(n)))));
        auditQueued(job, owners, outcome.dueBySchedule(), outcome.blockedBySchedule());
        for (String withdrawn : outcome.withdrawnIds()) {
            ledger.append(new AuditEvent("system:" + job, owner, "disposition.withdraw", withdrawn, "DONE",
                    "its retention trigger no longer holds (e.g. the case was reopened)", Map.of()));
        }
        return outcome;
    }
}
