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
}
