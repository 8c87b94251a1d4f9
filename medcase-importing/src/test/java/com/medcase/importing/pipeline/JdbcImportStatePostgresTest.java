package com.medcase.importing.pipeline;

import com.medcase.store.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The idempotent repository and the dead-letter store on PostgreSQL (a private schema, dropped
 * after): a second node on the same database sees the first node's claims and dead letters.
 * Fails with how to start PostgreSQL when it is not running.
 */
class JdbcImportStatePostgresTest {

    static TestDatabase db;

    @BeforeAll
    static void open() {
        db = TestDatabase.postgres("classpath:db/migration/importing");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void aClaimSurvivesIntoASecondNodeAndOnlyTheFirstClaimWins() {
        JdbcImportState first = new JdbcImportState(db.dataSource());
        assertThat(first.claim("a".repeat(64), "hl7-mllp", "M1")).isEmpty();
        first.completed("a".repeat(64), "rec-1");
        try (var second = db.secondNode()) {
            JdbcImportState other = new JdbcImportState(second);
            assertThat(other.claim("a".repeat(64), "file-drop", "M2")).contains("rec-1");
            assertThat(other.claim("b".repeat(64), "file-drop", "M3")).isEmpty();
            other.release("b".repeat(64));
            assertThat(first.claim("b".repeat(64), "hl7-mllp", "M4")).as("a released claim can be filed again").isEmpty();
        }
    }

    @Test
    void deadLettersKeepTheOriginalBytesTheRouteAndTheError() {
        JdbcImportState state = new JdbcImportState(db.dataSource());
        byte[] original = "MSH|^~\\&|bad\rÜ".getBytes(StandardCharsets.ISO_8859_1);
        String id = state.deadLetter("hl7-mllp", "hl7-mllp MSH-10=X1", "rejected: unparseable", "application/hl7-v2", original);
        JdbcImportState.DeadLetter dl = state.deadLetter(id).orElseThrow();
        assertThat(dl.original()).isEqualTo(original);
        assertThat(dl.route()).isEqualTo("hl7-mllp");
        assertThat(dl.error()).isEqualTo("rejected: unparseable");
        assertThat(dl.receivedAt()).isNotNull();
        assertThat(state.deadLetters("NEW", 10)).extracting(JdbcImportState.DeadLetter::id).contains(id);
        state.markReprocessed(id, true, null);
        assertThat(state.deadLetter(id).orElseThrow().status()).isEqualTo("REPROCESSED");
        assertThat(state.deadLetter(id).orElseThrow().attempts()).isEqualTo(2);
    }
}
