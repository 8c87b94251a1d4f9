package com.medcase.store;

import com.medcase.consent.Authorization;
import com.medcase.consent.Revocation;
import com.medcase.hold.LegalHold;
import com.medcase.retention.DispositionAction;
import com.medcase.retention.DispositionItem;
import com.medcase.retention.DispositionPlan;
import com.medcase.retention.RetentionFacts;
import com.medcase.retention.RetentionSchedule;
import com.medcase.retention.RetentionSchedules;
import com.medcase.retention.TriggerEvent;
import com.medcase.store.consent.JdbcAuthorizationStore;
import com.medcase.store.hold.JdbcHoldRepository;
import com.medcase.store.retention.JdbcDispositionQueue;
import com.medcase.store.retention.JdbcRetentionFactsStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 9's stores (retention facts and planning, queueing, ended authorizations) on H2 and PostgreSQL alike. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GovernanceStoreContractTest {

    final TestDatabase database = open();

    abstract TestDatabase open();

    @AfterAll
    void close() {
        database.close();
    }

    final RetentionSchedules schedules = new RetentionSchedules(List.of(
            new RetentionSchedule("RS-CLOSED", "billing", "*", TriggerEvent.CASE_CLOSED, Period.ofYears(1), DispositionAction.DESTROY_ENTIRELY, null),
            new RetentionSchedule("RS-ALL", "*", "*", TriggerEvent.RECORD_RECEIVED, Period.ofYears(10), DispositionAction.REVIEW, null)),
            Map.of());
    final Function<List<RetentionFacts>, List<DispositionPlan>> planner = batch -> batch.stream().map(schedules::plan).toList();

    /**
     * A trigger event on a record that a planning batch has taken (in flight, not yet committed) is not lost:
     * it waits for the batch, which plans the facts it read, and the record is queued again and planned with
     * the new facts by the next pass. Bulk facts (COPY on PostgreSQL) enter the planning queue too.
     */
    @Test
    void aTriggerEventDuringAPlanningBatchIsPlannedAfreshAfterIt() throws Exception {
        JdbcRetentionFactsStore facts = new JdbcRetentionFactsStore(database.dataSource());
        JdbcDispositionQueue queue = new JdbcDispositionQueue(database.dataSource());
        String caseId = "C-" + UUID.randomUUID();
        String id = "R-" + UUID.randomUUID();
        facts.recordAll(List.of(new RetentionFacts(id, "billing", "US-CA", LocalDate.of(2015, 1, 1), null, null, null, false)),
                f -> caseId, f -> "CLM-T", "clara");
        java.util.concurrent.atomic.AtomicReference<Thread> trigger = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean waitedForTheBatch = new java.util.concurrent.atomic.AtomicBoolean();
        JdbcRetentionFactsStore.PlanningOutcome first = facts.planUnplanned("case_id", caseId, 10, batch -> {
            Thread t = new Thread(() -> facts.caseClosed(caseId, LocalDate.of(2030, 3, 1)));
            t.start();
            trigger.set(t);
            try {
                t.join(700);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            waitedForTheBatch.set(t.isAlive());
            return planner.apply(batch);
        });
        trigger.get().join(10_000);
        assertThat(first.waiting()).as("planned with the facts the batch read: case still open").isEqualTo(1);
        assertThat(waitedForTheBatch).as("the trigger event waits for the batch that took the record").isTrue();
        assertThat(facts.unplannedCount()).as("queued again by the trigger event").isGreaterThanOrEqualTo(1);
        JdbcRetentionFactsStore.PlanningOutcome again = facts.planUnplanned("case_id", caseId, 10, planner);
        assertThat(again.scheduled()).isEqualTo(1);
        assertThat(queue.find(id).orElseThrow().dueDate()).isEqualTo(LocalDate.of(2031, 3, 1));
    }

    /**
     * A backlog planned by several connections at once (PostgreSQL; H2 runs it as one): every record exactly
     * once, and entries whose date has come are written straight into the review queue.
     */
    @Test
    void aBacklogPlannedInParallelPartitionsPlansEveryRecordOnce() {
        JdbcRetentionFactsStore facts = new JdbcRetentionFactsStore(database.dataSource());
        JdbcDispositionQueue queue = new JdbcDispositionQueue(database.dataSource());
        List<RetentionFacts> backlog = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            backlog.add(new RetentionFacts("R-P-" + UUID.randomUUID(), "imaging", "US-CA", LocalDate.of(2015, 1, 1), null, null, null, false));
        }
        facts.recordAll(backlog, f -> "C-P", f -> "CLM-P", "clara");
        JdbcHoldRepository holds = new JdbcHoldRepository(database.dataSource());
        LegalHold hold = new LegalHold("H-" + UUID.randomUUID(), "backlog", "M-P", "suit", "hugo", Instant.now(), LegalHold.Status.ACTIVE,
                null, null, null);
        holds.save(hold);
        String heldId = backlog.get(7).recordId();
        holds.addItems(hold.id(), Set.of(heldId), "hugo");
        long queued = facts.unplannedCount();
        java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicInteger twice = new java.util.concurrent.atomic.AtomicInteger();
        JdbcRetentionFactsStore.PlanningOutcome outcome = facts.planUnplanned(null, null, 17, 3, LocalDate.of(2026, 1, 1), batch -> {
            batch.forEach(f -> {
                if (!seen.add(f.recordId())) {
                    twice.incrementAndGet();
                }
            });
            return planner.apply(batch);
        });
        assertThat(outcome.planned()).isEqualTo(queued);
        assertThat(twice).hasValue(0);
        assertThat(facts.unplannedCount()).isZero();
        // Due already (received 2015 + 10 years): in the review queue as written, no later pass needed.
        assertThat(backlog).filteredOn(f -> !f.recordId().equals(heldId))
                .allSatisfy(f -> assertThat(queue.find(f.recordId()).orElseThrow().status()).isEqualTo(DispositionItem.Status.DUE));
        assertThat(queue.find(heldId).orElseThrow().status()).isEqualTo(DispositionItem.Status.BLOCKED_BY_HOLD);
        assertThat(outcome.dueBySchedule().get("RS-ALL")).isGreaterThanOrEqualTo(299L);
        assertThat(outcome.blockedBySchedule().get("RS-ALL")).isGreaterThanOrEqualTo(1L);
    }

    @Test
    void closingPlansReopeningWithdrawsAndCompletedEntriesAreNeverTouched() {
        JdbcRetentionFactsStore facts = new JdbcRetentionFactsStore(database.dataSource());
        JdbcDispositionQueue queue = new JdbcDispositionQueue(database.dataSource());
        String caseId = "C-" + UUID.randomUUID();
        String open = "R-" + UUID.randomUUID();
        String done = "R-" + UUID.randomUUID();
        for (String id : List.of(open, done)) {
            facts.record(new RetentionFacts(id, "billing", "US-CA", LocalDate.of(2015, 1, 1), null, null, null, false), caseId, "CLM-1", "clara");
        }
        JdbcRetentionFactsStore.PlanningOutcome waiting = facts.planUnplanned("case_id", caseId, 1, planner);
        assertThat(waiting.waiting()).isEqualTo(2);
        assertThat(queue.find(open)).isEmpty();

        assertThat(facts.caseClosed(caseId, LocalDate.of(2016, 3, 1))).isEqualTo(2);
        JdbcRetentionFactsStore.PlanningOutcome closed = facts.planUnplanned("case_id", caseId, 1, planner);
        assertThat(closed.scheduled()).isEqualTo(2);
        assertThat(closed.bySchedule()).containsEntry("RS-CLOSED", 2);
        assertThat(queue.find(open).orElseThrow().dueDate()).isEqualTo(LocalDate.of(2017, 3, 1));

        JdbcDispositionQueue.QueueingOutcome queued = queue.queueDue(LocalDate.of(2026, 1, 1));
        assertThat(queued.dueBySchedule()).containsEntry("RS-CLOSED", 2L);
        DispositionItem item = queue.find(done).orElseThrow();
        queue.complete(item, certificate(done));

        facts.caseClosed(caseId, null); // reopened
        // the completed record's facts went with it: only the open one is planned again, and withdrawn
        JdbcRetentionFactsStore.PlanningOutcome reopened = facts.planUnplanned("case_id", caseId, 10, planner);
        assertThat(reopened.withdrawnIds()).containsExactly(open);
        assertThat(queue.find(open)).isEmpty();
        assertThat(queue.find(done).orElseThrow().status()).isEqualTo(DispositionItem.Status.COMPLETED);
        assertThat(queue.certificatesOf(done)).singleElement().satisfies(c -> assertThat(c.intact()).as("seal after read-back").isTrue());
    }

    @Test
    void anEntryQueuedByAnErasureRequestIsNotMovedBackByATriggerEvent() {
        JdbcRetentionFactsStore facts = new JdbcRetentionFactsStore(database.dataSource());
        JdbcDispositionQueue queue = new JdbcDispositionQueue(database.dataSource());
        String caseId = "C-" + UUID.randomUUID();
        String record = "R-" + UUID.randomUUID();
        facts.record(new RetentionFacts(record, "billing", "US-CA", LocalDate.of(2015, 1, 1), null, null, null, false), caseId, "CLM-1", "clara");
        facts.planUnplanned("case_id", caseId, 10, planner);
        queue.enqueueNow(record, "erasure:ER-1", DispositionAction.DESTROY_ENTIRELY, false, LocalDate.of(2026, 1, 1));
        facts.caseClosed(caseId, LocalDate.of(2025, 6, 1));
        facts.planUnplanned("case_id", caseId, 10, planner);
        assertThat(queue.find(record).orElseThrow()).satisfies(item -> {
            assertThat(item.scheduleId()).isEqualTo("erasure:ER-1");
            assertThat(item.status()).isEqualTo(DispositionItem.Status.DUE);
        });
    }

    @Test
    void queueingBlocksHeldRecordsAndFreesThemWhenTheHoldIsReleased() {
        JdbcRetentionFactsStore facts = new JdbcRetentionFactsStore(database.dataSource());
        JdbcDispositionQueue queue = new JdbcDispositionQueue(database.dataSource());
        JdbcHoldRepository holds = new JdbcHoldRepository(database.dataSource());
        String held = "R-" + UUID.randomUUID();
        String free = "R-" + UUID.randomUUID();
        String claimant = "CLM-" + UUID.randomUUID();
        for (String id : List.of(held, free)) {
            facts.record(new RetentionFacts(id, "imaging", "US-CA", LocalDate.of(2001, 1, 1), null, null, null, false), "C-x", claimant, "clara");
        }
        facts.planUnplanned("claimant_id", claimant, 100, planner);
        LegalHold hold = new LegalHold("H-" + UUID.randomUUID(), "suit", "M-1", "pending suit", "hugo", Instant.now(),
                LegalHold.Status.ACTIVE, null, null, null);
        holds.save(hold);
        holds.addItems(hold.id(), Set.of(held), "hugo");

        queue.queueDue(LocalDate.of(2026, 1, 1));
        assertThat(queue.find(held).orElseThrow().status()).isEqualTo(DispositionItem.Status.BLOCKED_BY_HOLD);
        assertThat(queue.find(free).orElseThrow().status()).isEqualTo(DispositionItem.Status.DUE);

        holds.save(new LegalHold(hold.id(), hold.name(), hold.matter(), hold.reason(), hold.createdBy(), hold.createdAt(),
                LegalHold.Status.RELEASED, "hugo", Instant.now(), "settled"));
        queue.queueDue(LocalDate.of(2026, 1, 1));
        assertThat(queue.find(held).orElseThrow().status()).isEqualTo(DispositionItem.Status.DUE);
    }

    /** The console's due list: filtered by status, case, category and due date, paged in SQL, with the total. */
    @Test
    void theDueListIsFilteredAndPagedWithItsTotal() {
        JdbcRetentionFactsStore facts = new JdbcRetentionFactsStore(database.dataSource());
        JdbcDispositionQueue queue = new JdbcDispositionQueue(database.dataSource());
        String caseId = "C-" + UUID.randomUUID();
        List<String> billing = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = "R-" + i + "-" + UUID.randomUUID();
            billing.add(id);
            facts.record(new RetentionFacts(id, "billing", "US-CA", LocalDate.of(2015, 1, 1), null, null, null, false), caseId, "CLM-P", "clara");
        }
        String other = "R-" + UUID.randomUUID();
        facts.record(new RetentionFacts(other, "legal", "US-CA", LocalDate.of(2015, 1, 1), null, null, null, false), caseId, "CLM-P", "clara");
        facts.caseClosed(caseId, LocalDate.of(2016, 3, 1));
        facts.planUnplanned("case_id", caseId, 10, planner);
        queue.queueDue(LocalDate.of(2026, 1, 1));

        JdbcDispositionQueue.Found firstPage = queue.find(new JdbcDispositionQueue.Filter(null, caseId, "billing", null), 0, 2);
        assertThat(firstPage.total()).isEqualTo(3);
        assertThat(firstPage.items()).hasSize(2).allSatisfy(l -> {
            assertThat(l.caseId()).isEqualTo(caseId);
            assertThat(l.category()).isEqualTo("billing");
        });
        JdbcDispositionQueue.Found secondPage = queue.find(new JdbcDispositionQueue.Filter(null, caseId, "billing", null), 2, 2);
        assertThat(secondPage.items()).hasSize(1);
        assertThat(java.util.stream.Stream.concat(firstPage.items().stream(), secondPage.items().stream()).map(l -> l.item().recordId()))
                .containsExactlyInAnyOrderElementsOf(billing);
        // the legal record is due too (RS-ALL: ten years after receipt), later than the billing ones
        assertThat(queue.find(new JdbcDispositionQueue.Filter(DispositionItem.Status.DUE, caseId, null, null), 0, 10).total()).isEqualTo(4);
        assertThat(queue.find(new JdbcDispositionQueue.Filter(DispositionItem.Status.APPROVED, caseId, null, null), 0, 10).total()).isZero();
        assertThat(queue.find(new JdbcDispositionQueue.Filter(null, caseId, null, LocalDate.of(2017, 2, 28)), 0, 10).total()).isZero();
        assertThat(queue.find(new JdbcDispositionQueue.Filter(null, caseId, null, LocalDate.of(2017, 3, 1)), 0, 10).total()).isEqualTo(3);
    }

    /** Removing items from one hold leaves the item's other holds alone. */
    @Test
    void itemsRemovedFromOneHoldStayInTheOthers() {
        JdbcHoldRepository holds = new JdbcHoldRepository(database.dataSource());
        LegalHold first = new LegalHold("H-" + UUID.randomUUID(), "a", "M", "suit", "hugo", Instant.now(), LegalHold.Status.ACTIVE, null, null, null);
        LegalHold second = new LegalHold("H-" + UUID.randomUUID(), "b", "M", "audit", "hugo", Instant.now(), LegalHold.Status.ACTIVE, null, null, null);
        holds.save(first);
        holds.save(second);
        String shared = "R-" + UUID.randomUUID();
        String only = "R-" + UUID.randomUUID();
        holds.addItems(first.id(), Set.of(shared, only), "hugo");
        holds.addItems(second.id(), Set.of(shared), "hugo");
        assertThat(holds.removeItems(first.id(), Set.of(shared, only, "R-not-there"))).containsExactlyInAnyOrder(shared, only);
        assertThat(holds.itemsOf(first.id())).isEmpty();
        assertThat(holds.activeHoldsOf(shared)).containsExactly(second.id());
        assertThat(holds.activeHoldsOf(only)).isEmpty();
    }

    @Test
    void recordsInAHeldCaseOrClaimantScopeButMissingFromTheHoldAreFound() {
        JdbcRetentionFactsStore facts = new JdbcRetentionFactsStore(database.dataSource());
        JdbcHoldRepository holds = new JdbcHoldRepository(database.dataSource());
        String caseId = "C-" + UUID.randomUUID();
        String claimant = "CLM-" + UUID.randomUUID();
        String inCase = "R-" + UUID.randomUUID();
        String ofClaimant = "R-" + UUID.randomUUID();
        String alreadyHeld = "R-" + UUID.randomUUID();
        String elsewhere = "R-" + UUID.randomUUID();
        facts.record(new RetentionFacts(inCase, "imaging", "US-CA", LocalDate.now(), null, null, null, false), caseId, "CLM-x", "clara");
        facts.record(new RetentionFacts(alreadyHeld, "imaging", "US-CA", LocalDate.now(), null, null, null, false), caseId, "CLM-x", "clara");
        facts.record(new RetentionFacts(ofClaimant, "imaging", "US-CA", LocalDate.now(), null, null, null, false), "C-other", claimant, "clara");
        facts.record(new RetentionFacts(elsewhere, "imaging", "US-CA", LocalDate.now(), null, null, null, false), "C-else", "CLM-y", "clara");
        LegalHold hold = new LegalHold("H-" + UUID.randomUUID(), "scope", "M", "suit", "hugo", Instant.now(), LegalHold.Status.ACTIVE,
                null, null, null);
        holds.save(hold);
        holds.addItems(hold.id(), Set.of(caseId, "claimant:" + claimant, alreadyHeld), "hugo");
        assertThat(holds.missingFromScopes(1000)).filteredOn(m -> m.holdId().equals(hold.id()))
                .extracting(JdbcHoldRepository.HoldItem::itemId).containsExactlyInAnyOrder(inCase, ofClaimant);
    }

    @Test
    void anAuthorizationThatEndedWhileNoSweepRanIsStillPendingAndOnlyUntilItIsEnforced() {
        // Before: the sweep looked at a window starting when the node started, so an authorization that expired
        // while every node was down was never enforced. Now what is pending is in the database.
        JdbcAuthorizationStore store = new JdbcAuthorizationStore(database.dataSource());
        Authorization expired = StoreContractTest.authorization("A-" + UUID.randomUUID(), "CL-" + UUID.randomUUID()); // expires 2027-01-01
        store.create(expired, "manon");
        Instant afterRestart = Instant.parse("2027-06-01T00:00:00Z");
        assertThat(store.endedNotEnforced(afterRestart)).extracting(Authorization::id).contains(expired.id());
        assertThat(store.enteredBy(expired.id())).contains("manon");
        store.markEndEnforced(expired.id(), afterRestart);
        assertThat(store.endedNotEnforced(afterRestart)).extracting(Authorization::id).doesNotContain(expired.id());

        Authorization future = StoreContractTest.authorization("A-" + UUID.randomUUID(), "CL-" + UUID.randomUUID());
        store.create(future);
        store.revoke(future.id(), new Revocation(Instant.parse("2026-12-01T00:00:00Z"), "m.jones", "letter",
                Instant.parse("2026-11-20T00:00:00Z"), Instant.parse("2026-11-21T00:00:00Z")));
        assertThat(store.endedNotEnforced(Instant.parse("2026-11-30T23:59:59Z"))).extracting(Authorization::id).doesNotContain(future.id());
        assertThat(store.endedNotEnforced(Instant.parse("2026-12-01T00:00:00Z"))).extracting(Authorization::id).contains(future.id());
    }

    private static com.medcase.retention.DestructionCertificate certificate(String recordId) {
        DispositionItem approved = new DispositionItem(recordId, "RS-CLOSED", DispositionAction.DESTROY_ENTIRELY, LocalDate.of(2017, 3, 1),
                false, DispositionItem.Status.APPROVED, List.of(new com.medcase.retention.Approval("manon", Instant.now())));
        com.medcase.retention.DispositionWorkflow workflow = new com.medcase.retention.DispositionWorkflow(r -> Set.of(),
                new com.medcase.audit.InMemoryAuditLedger(java.time.Clock.systemUTC()), java.time.Clock.systemUTC());
        return workflow.execute(approved, com.medcase.consent.Principal.recordsTeam("manon", com.medcase.consent.Principal.Role.RECORDS_MANAGER),
                "ab".repeat(32)).withPurged(List.of("node", "trashcan"));
    }
}
