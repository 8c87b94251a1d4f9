package com.medcase.store;

import com.medcase.audit.AuditEntry;
import com.medcase.audit.AuditEvent;
import com.medcase.audit.LedgerVerification;
import com.medcase.consent.Authorization;
import com.medcase.consent.AuthorizationKind;
import com.medcase.consent.Principal;
import com.medcase.consent.Provision;
import com.medcase.consent.Purpose;
import com.medcase.consent.Recipient;
import com.medcase.consent.Revocation;
import com.medcase.hold.LegalHold;
import com.medcase.hold.LegalHolds;
import com.medcase.retention.DestructionCertificate;
import com.medcase.retention.DispositionAction;
import com.medcase.retention.DispositionItem;
import com.medcase.retention.DispositionWorkflow;
import com.medcase.retention.RetentionSchedule;
import com.medcase.retention.TriggerEvent;
import com.medcase.store.audit.JdbcAuditLedger;
import com.medcase.store.consent.JdbcAuthorizationStore;
import com.medcase.store.hold.JdbcHoldRepository;
import com.medcase.store.retention.JdbcDispositionQueue;
import com.medcase.store.retention.JdbcRetentionScheduleStore;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The same behaviour on every database the service supports; subclasses pick the database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreContractTest {

    final TestDatabase database = open();

    abstract TestDatabase open();

    DataSource ds() {
        return database.dataSource();
    }

    @AfterAll
    void close() {
        database.close();
    }

    static Authorization authorization(String id, String claimant) {
        return new Authorization(id, claimant, AuthorizationKind.GENERAL_HIPAA, "Holder", Recipient.named("adjuster1"),
                Set.of(Purpose.LITIGATION), List.of(Provision.permit(Set.of("imaging"), Set.of("hiv"), LocalDate.of(2024, 1, 1), null),
                Provision.deny(Set.of(), Set.of("genetic"))), "records", Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2027-01-01T00:00:00Z"), null, LocalDate.of(2025, 12, 1), "Claimant", null, null, true, null);
    }

    @Test
    void authorizationsRoundTripAndRevocationIsStored() {
        JdbcAuthorizationStore store = new JdbcAuthorizationStore(ds());
        String claimant = "CL-" + UUID.randomUUID();
        Authorization a = authorization("A-" + UUID.randomUUID(), claimant);
        store.create(a);
        assertThat(store.find(a.id())).contains(a);
        Authorization revoked = store.revoke(a.id(), new Revocation(Instant.parse("2026-03-01T10:00:00Z"), "m.jones", "letter"));
        assertThat(store.forClaimant(claimant)).containsExactly(revoked);
        assertThat(store.consentsOf(claimant).all()).containsExactly(revoked);
        assertThat(store.expiredBetween(Instant.parse("2026-12-31T00:00:00Z"), Instant.parse("2027-01-02T00:00:00Z")))
                .extracting(Authorization::id).contains(a.id());
    }

    /** Issue 10: an existing id is never overwritten, and a revocation, once stored, never changes. */
    @Test
    void anAuthorizationIsCreatedOnceAndItsRevocationIsImmutable() {
        JdbcAuthorizationStore store = new JdbcAuthorizationStore(ds());
        String claimant = "CL-" + UUID.randomUUID();
        Authorization a = authorization("A-" + UUID.randomUUID(), claimant);
        store.create(a);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.create(a))
                .isInstanceOf(JdbcAuthorizationStore.AuthorizationExistsException.class).hasMessageContaining(a.id());
        Authorization revoked = store.revoke(a.id(), new Revocation(Instant.parse("2026-03-01T10:00:00Z"), "m.jones", "letter"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.revoke(a.id(),
                        new Revocation(Instant.parse("2026-04-01T10:00:00Z"), "m.jones", "second letter")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already revoked");
        // Even a writer holding the whole row cannot bring a revoked authorization back.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.create(a))
                .isInstanceOf(JdbcAuthorizationStore.AuthorizationExistsException.class);
        assertThat(store.find(a.id())).contains(revoked);
    }

    @Test
    void issue12FieldsRoundTrip() {
        JdbcAuthorizationStore store = new JdbcAuthorizationStore(ds());
        String claimant = "CL-" + UUID.randomUUID();
        Authorization a = new Authorization("A-" + UUID.randomUUID(), claimant, AuthorizationKind.GENERAL_HIPAA, "Holder",
                Recipient.entity("GROUP_FIRM_SMITH_LLP"), Set.of(Purpose.LITIGATION),
                List.of(Provision.permit(Set.of("substanceUseTreatment"), Set.of("substanceUse"), null, null),
                        Provision.deny(Set.of(), Set.of("hiv"), LocalDate.of(2024, 1, 1), LocalDate.of(2024, 6, 30))),
                "records", null, null, "end of the litigation", LocalDate.of(2025, 12, 1), "Claimant", null, null, true, null,
                Set.of(AuthorizationKind.PART2_SUD), null, "in writing to the holder", true, true);
        store.create(a);
        assertThat(store.find(a.id())).contains(a);
        Authorization ended = store.recordExpiryEvent(a.id(), Instant.parse("2026-04-01T09:00:00Z"));
        assertThat(store.find(a.id())).contains(ended);
        assertThat(ended.isActiveAt(Instant.parse("2026-04-01T09:00:00Z"))).isFalse();
        assertThat(store.expiredBetween(Instant.parse("2026-04-01T00:00:00Z"), Instant.parse("2026-04-02T00:00:00Z")))
                .extracting(Authorization::id).contains(a.id());
        Authorization b = authorization("A-" + UUID.randomUUID(), claimant);
        store.create(b);
        Revocation r = Revocation.received(Instant.parse("2026-03-02T09:00:00Z"), Instant.parse("2026-03-04T15:00:00Z"), "m.jones", "letter");
        assertThat(store.revoke(b.id(), r).revocation()).isEqualTo(r);
        assertThat(store.find(b.id()).orElseThrow().revocation().receivedAt()).isEqualTo(Instant.parse("2026-03-02T09:00:00Z"));

        JdbcRetentionScheduleStore schedules = new JdbcRetentionScheduleStore(ds());
        String id = "S-" + UUID.randomUUID();
        RetentionSchedule composite = new RetentionSchedule(id, "minor-" + id, "*", TriggerEvent.CLAIMANT_REACHES_MAJORITY, Period.ofYears(3),
                DispositionAction.REVIEW, null, TriggerEvent.LAST_DATE_OF_SERVICE, Period.ofYears(7), RetentionSchedule.Combination.LATER);
        schedules.save(composite);
        assertThat(schedules.all()).contains(composite);

        JdbcDispositionQueue queue = new JdbcDispositionQueue(ds());
        DispositionItem item = new DispositionItem("R-" + UUID.randomUUID(), id, DispositionAction.REVIEW, LocalDate.of(2030, 1, 1), false,
                DispositionItem.Status.SCHEDULED, List.of(), LocalDate.of(2029, 6, 1));
        queue.save(item);
        assertThat(queue.find(item.recordId())).contains(item);
    }

    @Test
    void holdsSurviveInTheDatabaseAndReleaseKeepsOtherHolds() {
        JdbcHoldRepository repo = new JdbcHoldRepository(ds());
        LegalHolds holds = new LegalHolds(repo, new JdbcAuditLedger(ds(), Clock.systemUTC()), Clock.systemUTC());
        Principal admin = Principal.recordsTeam("h.admin", Principal.Role.LEGAL_HOLD_ADMINISTRATOR);
        String r1 = "R-" + UUID.randomUUID();
        String r2 = "R-" + UUID.randomUUID();
        LegalHold h1 = holds.create(admin, "one", "M1", "pending suit");
        LegalHold h2 = holds.create(admin, "two", "M2", "regulator");
        holds.addItems(admin, h1.id(), Set.of(r1, r2));
        holds.addItems(admin, h2.id(), Set.of(r2));
        assertThat(holds.release(admin, h1.id(), "settled").nowFree()).containsExactly(r1);
        JdbcHoldRepository reopened = new JdbcHoldRepository(ds());
        assertThat(reopened.activeHoldsOf(r2)).containsExactly(h2.id());
        assertThat(reopened.find(h1.id())).hasValueSatisfying(h -> {
            assertThat(h.status()).isEqualTo(LegalHold.Status.RELEASED);
            assertThat(h.releaseReason()).isEqualTo("settled");
        });
    }

    @Test
    void schedulesAndTheDispositionQueueRoundTrip() {
        JdbcRetentionScheduleStore schedules = new JdbcRetentionScheduleStore(ds());
        String id = "S-" + UUID.randomUUID();
        RetentionSchedule s = new RetentionSchedule(id, "lab-" + id, "*", TriggerEvent.RECORD_RECEIVED, Period.ofYears(7),
                DispositionAction.DESTROY_CONTENT_KEEP_METADATA, Period.ofYears(6));
        schedules.save(s);
        assertThat(schedules.all()).contains(s);

        JdbcDispositionQueue queue = new JdbcDispositionQueue(ds());
        DispositionWorkflow workflow = new DispositionWorkflow(r -> Set.of(), new JdbcAuditLedger(ds(), Clock.systemUTC()), Clock.systemUTC());
        String recordId = "R-" + UUID.randomUUID();
        DispositionItem item = new DispositionItem(recordId, id, DispositionAction.DESTROY_ENTIRELY, LocalDate.of(2020, 1, 1), true,
                DispositionItem.Status.SCHEDULED, List.of());
        queue.save(workflow.refresh(item, LocalDate.of(2026, 1, 1)));
        Principal m1 = Principal.recordsTeam("m.one", Principal.Role.RECORDS_MANAGER);
        Principal m2 = Principal.recordsTeam("m.two", Principal.Role.RECORDS_MANAGER);
        DispositionItem approved = workflow.approve(workflow.approve(queue.find(recordId).orElseThrow(), m1), m2);
        queue.save(approved);
        assertThat(queue.find(recordId)).contains(approved);
        assertThat(queue.dueBy(LocalDate.of(2026, 1, 1), 1000)).extracting(DispositionItem::recordId).contains(recordId);
        DestructionCertificate cert = workflow.execute(approved, m1, "cd".repeat(32));
        queue.complete(approved, cert);
        assertThat(queue.certificatesOf(recordId)).singleElement().satisfies(c -> {
            assertThat(c.certificateHash()).isEqualTo(cert.certificateHash());
            assertThat(c.approvals()).hasSize(2);
        });
        assertThat(queue.find(recordId).orElseThrow().status()).isEqualTo(DispositionItem.Status.COMPLETED);
    }

    @Test
    void concurrentAppendsFromTwoNodesKeepOneUnbrokenChain() throws Exception {
        JdbcAuditLedger node1 = new JdbcAuditLedger(ds(), Clock.systemUTC());
        long before = node1.size();
        try (HikariDataSource second = database.secondNode()) {
            JdbcAuditLedger node2 = new JdbcAuditLedger(second, Clock.systemUTC());
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Callable<Void>> work = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                JdbcAuditLedger ledger = t % 2 == 0 ? node1 : node2;
                String actor = "user" + t;
                work.add(() -> {
                    for (int i = 0; i < 500; i++) {
                        ledger.append(new AuditEvent(actor, null, "consent.decide", "R-" + i, "PERMIT", "A-1", Map.of("i", Integer.toString(i))));
                    }
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(work)) {
                f.get();
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(node1.size()).isEqualTo(before + 4000);
        LedgerVerification v = node1.verify();
        assertThat(v.intact()).as(v.problem()).isTrue();
        assertThat(v.entriesChecked()).isEqualTo(before + 4000);
        List<AuditEntry> page = node1.read(before + 1, 4000);
        for (int i = 0; i < page.size(); i++) {
            assertThat(page.get(i).sequence()).isEqualTo(before + 1 + i);
        }
    }

    @Test
    void tamperingInTheDatabaseIsFound() throws Exception {
        try (TestDatabase own = open()) {
            JdbcAuditLedger ledger = new JdbcAuditLedger(own.dataSource(), Clock.systemUTC());
            for (int i = 0; i < 20; i++) {
                ledger.append(AuditEvent.of("m.jones", "hold.create", "HOLD-" + i, "DONE", "why"));
            }
            assertThat(ledger.verify().intact()).isTrue();
            exec(own, "UPDATE mc_audit_entry SET outcome = 'REFUSED' WHERE sequence = 7");
            assertThat(ledger.verify().firstBadSequence()).isEqualTo(7);
            exec(own, "UPDATE mc_audit_entry SET outcome = 'DONE' WHERE sequence = 7");
            exec(own, "DELETE FROM mc_audit_entry WHERE sequence = 12");
            assertThat(ledger.verify()).satisfies(v -> {
                assertThat(v.firstBadSequence()).isEqualTo(12);
                assertThat(v.problem()).contains("missing");
            });
            exec(own, "DELETE FROM mc_audit_entry WHERE sequence >= 12");
            assertThat(ledger.verify()).satisfies(v -> {
                assertThat(v.intact()).isFalse();
                assertThat(v.problem()).contains("head records entry 20");
            });
        }
    }

    /**
     * Issue 10: somebody with the database but not the key rewrites an entry and reseals the chain offline (direct SQL,
     * plain SHA-256 recomputed for it and every later entry, head updated). The plain chain then verifies (the control:
     * this is exactly what went unnoticed before); the keyed ledger names the rewritten entry, and so does the anchor
     * file written outside the database before the rewrite.
     */
    @Test
    void aLedgerRewrittenAndResealedOfflineIsDetected() throws Exception {
        try (TestDatabase own = open()) {
            com.medcase.audit.LedgerKey key = com.medcase.audit.LedgerKey.of(new byte[32]);
            JdbcAuditLedger ledger = new JdbcAuditLedger(own.dataSource(), Clock.systemUTC(), key);
            for (int i = 0; i < 10; i++) {
                ledger.append(AuditEvent.of("m.jones", "record.read_content", "REC-" + i, "DENY", "rule:no-applicable-authorization"));
            }
            java.nio.file.Path anchors = java.nio.file.Files.createTempDirectory("medcase-anchors").resolve("ledger-anchors.log");
            com.medcase.store.audit.LedgerAnchors anchorFile = new com.medcase.store.audit.LedgerAnchors(anchors, Clock.systemUTC());
            anchorFile.anchor(ledger);
            assertThat(anchorFile.verify(ledger).intact()).isTrue();
            assertThat(ledger.verify().intact()).isTrue();

            // Offline rewrite of entry 4 ("DENY" becomes "PERMIT"), resealed with plain hashes.
            List<AuditEntry> entries = ledger.read(1, 100);
            String previous = entries.get(2).hash();
            for (AuditEntry e : entries.subList(3, entries.size())) {
                AuditEvent event = e.sequence() == 4 ? new AuditEvent(e.event().actor(), null, e.event().action(), e.event().subjectId(),
                        "PERMIT", e.event().reason(), e.event().details()) : e.event();
                String hash = AuditEntry.computeHash(e.sequence(), e.timestamp(), event, previous);
                exec(own, "UPDATE mc_audit_entry SET outcome = '" + event.outcome() + "', previous_hash = '" + previous
                        + "', hash = '" + hash + "' WHERE sequence = " + e.sequence());
                previous = hash;
            }
            exec(own, "UPDATE mc_audit_head SET last_hash = '" + previous + "' WHERE id = 1");

            assertThat(new JdbcAuditLedger(own.dataSource(), Clock.systemUTC()).verify().intact())
                    .as("the plain chain was resealed consistently").isTrue();
            LedgerVerification keyed = ledger.verify();
            assertThat(keyed.intact()).isFalse();
            assertThat(keyed.firstBadSequence()).isEqualTo(4);
            assertThat(keyed.problem()).contains("MAC");
            LedgerVerification anchored = anchorFile.verify(ledger);
            assertThat(anchored.intact()).isFalse();
            assertThat(anchored.problem()).contains("anchor");
            // A wrong key is no key: nothing verifies under it.
            assertThat(new JdbcAuditLedger(own.dataSource(), Clock.systemUTC(), com.medcase.audit.LedgerKey.of(new byte[]{1, 2, 3}))
                    .verify().firstBadSequence()).isEqualTo(1);
        }
    }

    /** Ledger key rotation: resealed under the new key after verifying under the old one; the old key then fails. */
    @Test
    void theLedgerKeyRotatesOnlyFromAVerifyingLedger() throws Exception {
        try (TestDatabase own = open()) {
            com.medcase.audit.LedgerKey oldKey = com.medcase.audit.LedgerKey.of(new byte[]{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1});
            com.medcase.audit.LedgerKey newKey = com.medcase.audit.LedgerKey.of(new byte[]{2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2});
            JdbcAuditLedger before = new JdbcAuditLedger(own.dataSource(), Clock.systemUTC(), oldKey);
            for (int i = 0; i < 5; i++) {
                before.append(AuditEvent.of("m.jones", "hold.create", "HOLD-" + i, "DONE", null));
            }
            JdbcAuditLedger after = new JdbcAuditLedger(own.dataSource(), Clock.systemUTC(), newKey);
            assertThat(after.verify().intact()).isFalse();
            assertThat(after.rotateKeyFrom(oldKey)).isEqualTo(5);
            assertThat(after.verify().intact()).isTrue();
            assertThat(before.verify().intact()).isFalse();
            // A ledger rewritten in between does not verify under the earlier key: no rotation launders it.
            exec(own, "UPDATE mc_audit_entry SET outcome = 'REFUSED' WHERE sequence = 2");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new JdbcAuditLedger(own.dataSource(), Clock.systemUTC(), oldKey)
                    .rotateKeyFrom(newKey)).isInstanceOf(IllegalStateException.class).hasMessageContaining("does not verify");
        }
    }

    static void exec(TestDatabase db, String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
