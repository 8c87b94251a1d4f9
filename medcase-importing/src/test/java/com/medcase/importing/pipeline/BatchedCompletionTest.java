package com.medcase.importing.pipeline;

import com.medcase.store.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Claim completions are written in batches (one commit for the completions of a short while, where each document had
 * its own): what a redelivery is told must not change for it. The writer is held back here (a delay of an hour) so that
 * the state between completion and its row can be looked at; the crash case is {@code KillDuringFilingTest}.
 */
class BatchedCompletionTest {

    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final String SHA = "c".repeat(64);

    @TempDir
    Path dir;

    @Test
    void aCompletedClaimIsADuplicateAtOnceOnThisNodeAndInTheDatabaseOnceWritten() {
        try (TestDatabase db = TestDatabase.h2(dir, "classpath:db/migration/importing");
             JdbcImportState node = new JdbcImportState(db.dataSource(), Clock.systemUTC(), Duration.ofHours(1));
             JdbcImportState otherNode = new JdbcImportState(db.dataSource())) {
            var claimed = (JdbcImportState.Claimed) node.claim("case-1", SHA, "hl7-mllp", "M1", LEASE);
            node.completeSoon(claimed, "rec-1");

            assertThat(node.claim("case-1", SHA, "hl7-mllp", "M1-resent", LEASE))
                    .as("a redelivery to this node is a duplicate before the row is written")
                    .isEqualTo(new JdbcImportState.AlreadyFiled("rec-1"));
            assertThat(node.inFlightCount()).as("not written yet").isEqualTo(1);
            assertThat(node.pendingCompletions()).isEqualTo(1);
            assertThat(otherNode.claim("case-1", SHA, "hl7-mllp", "M1-resent", LEASE))
                    .as("another node meanwhile sees a delivery in flight (resend later), never a second filing")
                    .isInstanceOf(JdbcImportState.InFlight.class);

            node.flushCompletions();

            assertThat(node.pendingCompletions()).isZero();
            assertThat(node.inFlightCount()).isZero();
            assertThat(node.filedCount()).isEqualTo(1);
            assertThat(otherNode.claim("case-1", SHA, "hl7-mllp", "M1-resent", LEASE)).isEqualTo(new JdbcImportState.AlreadyFiled("rec-1"));
        }
    }

    @Test
    void completionsWaitForTheirDelayAndThenShareOneWrite() throws Exception {
        try (TestDatabase db = TestDatabase.h2(dir, "classpath:db/migration/importing");
             JdbcImportState node = new JdbcImportState(db.dataSource(), Clock.systemUTC(), Duration.ofMillis(50))) {
            for (int i = 0; i < 5; i++) {
                var claimed = (JdbcImportState.Claimed) node.claim("case-1", Integer.toString(i).repeat(64), "hl7-mllp", "M" + i, LEASE);
                node.completeSoon(claimed, "rec-" + i);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (node.filedCount() < 5 && System.nanoTime() < deadline) {
                Thread.sleep(10); // waiting for the background writer, whose delay is the thing under test
            }
            assertThat(node.filedCount()).as("written by the background writer without being asked").isEqualTo(5);
            assertThat(node.pendingCompletions()).isZero();
        }
    }

    @Test
    void closingWritesWhatIsPendingSoThatACleanStopLeavesNoClaimInFlight() {
        try (TestDatabase db = TestDatabase.h2(dir, "classpath:db/migration/importing")) {
            JdbcImportState node = new JdbcImportState(db.dataSource(), Clock.systemUTC(), Duration.ofHours(1));
            for (int i = 0; i < 3; i++) {
                var claimed = (JdbcImportState.Claimed) node.claim("case-1", Integer.toString(i).repeat(64), "hl7-mllp", "M" + i, LEASE);
                node.completeSoon(claimed, "rec-" + i);
            }
            node.close();

            JdbcImportState restarted = new JdbcImportState(db.dataSource());
            assertThat(restarted.inFlightCount()).isZero();
            assertThat(restarted.filedCount()).isEqualTo(3);
        }
    }

    @Test
    void aFailureAfterFilingDoesNotGiveTheClaimBack() {
        // the pipeline releases its claim when anything after the claim throws; once the record is filed (the completion
        // pending), a release must keep the claim, or a resend would file the document a second time
        try (TestDatabase db = TestDatabase.h2(dir, "classpath:db/migration/importing");
             JdbcImportState node = new JdbcImportState(db.dataSource(), Clock.systemUTC(), Duration.ofHours(1))) {
            var claimed = (JdbcImportState.Claimed) node.claim("case-1", SHA, "hl7-mllp", "M1", LEASE);
            node.completeSoon(claimed, "rec-1");
            node.release(claimed);
            node.flushCompletions();

            assertThat(node.filedCount()).isEqualTo(1);
            assertThat(node.claim("case-1", SHA, "hl7-mllp", "M1-resent", LEASE)).isEqualTo(new JdbcImportState.AlreadyFiled("rec-1"));
        }
    }

    @Test
    void aWriterWhoseDatabaseStaysUnreachableGivesUpAfterItsRetriesAndLeavesTheClaimsToTheLease() throws Exception {
        // before: the writer tried again every second for as long as the process lived (a test that closed its
        // database without closing the state filled its log for the rest of the run)
        try (TestDatabase db = TestDatabase.h2(dir, "classpath:db/migration/importing")) {
            SwitchableDataSource reachable = new SwitchableDataSource(db.dataSource());
            var retries = new JdbcImportState.CompletionRetries(Duration.ofMillis(10), Duration.ofMillis(40), 5);
            try (JdbcImportState node = new JdbcImportState(reachable.proxy(), Clock.systemUTC(), Duration.ofMillis(10), retries)) {
                var claimed = (JdbcImportState.Claimed) node.claim("case-1", SHA, "hl7-mllp", "M1", LEASE);
                reachable.on = false;
                node.completeSoon(claimed, "rec-1");

                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (node.pendingCompletions() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(10); // waiting for the background writer's retries, which are the thing under test
                }
                assertThat(node.pendingCompletions()).as("given up").isZero();
                int attempts = reachable.attempts.get();
                assertThat(attempts).as("the first write and its retries, no more").isEqualTo(1 + 5);
                Thread.sleep(200);
                assertThat(reachable.attempts.get()).as("nothing is tried after giving up").isEqualTo(attempts);

                reachable.on = true;
                assertThat(node.inFlightCount()).as("the claim stays FILING: nothing a sender was told depends on its row").isEqualTo(1);
                JdbcImportState later = new JdbcImportState(db.dataSource(), Clock.offset(Clock.systemUTC(), LEASE.plusMinutes(1)));
                JdbcImportState.Claim resent = later.claim("case-1", SHA, "hl7-mllp", "M1-resent", LEASE);
                assertThat(resent).as("after the lease, a resend takes it over and asks the repository (ImportPipeline)")
                        .isInstanceOfSatisfying(JdbcImportState.Claimed.class, c -> assertThat(c.tookOver()).isTrue());
            }
        }
    }

    @Test
    void aFollowUpIsMarkedDoneOnlyOnceItsClaimsCompletionIsWritten() {
        // before: the follow-up row went while the completion waited in memory; a crash then left the claim FILING with
        // no follow-up row, so nothing resolved it (its sender was acknowledged and never resends)
        try (TestDatabase db = TestDatabase.h2(dir, "classpath:db/migration/importing");
             JdbcImportState node = new JdbcImportState(db.dataSource(), Clock.systemUTC(), Duration.ofHours(1))) {
            var claimed = (JdbcImportState.Claimed) node.claim("case-1", SHA, "hl7-mllp", "M1", LEASE);
            node.completeSoon(claimed, "rec-1");

            node.followedUp(java.util.List.of(claimed.key()));

            assertThat(node.inFlightCount()).as("the completion was written first").isZero();
            assertThat(node.filedCount()).isEqualTo(1);
            assertThat(node.awaitingFollowUpCount()).isZero();
        }
    }

    /** A data source whose connections can be cut (a database gone away), counting every attempt to get one. */
    private static final class SwitchableDataSource {
        final javax.sql.DataSource target;
        final java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        volatile boolean on = true;

        SwitchableDataSource(javax.sql.DataSource target) {
            this.target = target;
        }

        javax.sql.DataSource proxy() {
            return (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[]{javax.sql.DataSource.class}, (p, method, args) -> {
                        if (method.getName().equals("getConnection")) {
                            if (!on) {
                                attempts.incrementAndGet();
                                throw new java.sql.SQLTransientConnectionException("database unreachable (test)");
                            }
                        }
                        try {
                            return method.invoke(target, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }
}
