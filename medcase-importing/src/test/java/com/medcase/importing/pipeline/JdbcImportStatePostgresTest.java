package com.medcase.importing.pipeline;

import com.medcase.store.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

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
        Duration lease = Duration.ofMinutes(5);
        JdbcImportState first = new JdbcImportState(db.dataSource());
        var a = (JdbcImportState.Claimed) first.claim("case-1", "a".repeat(64), "hl7-mllp", "M1", lease);
        assertThat(first.completed(a, "rec-1")).isTrue();
        try (var second = db.secondNode()) {
            JdbcImportState other = new JdbcImportState(second);
            assertThat(other.claim("case-1", "a".repeat(64), "file-drop", "M2", lease)).isEqualTo(new JdbcImportState.AlreadyFiled("rec-1"));
            assertThat(other.claim("case-2", "a".repeat(64), "file-drop", "M2", lease)).as("identity is the case, not only the bytes")
                    .isInstanceOf(JdbcImportState.Claimed.class);
            var b = (JdbcImportState.Claimed) other.claim("case-1", "b".repeat(64), "file-drop", "M3", lease);
            assertThat(first.claim("case-1", "b".repeat(64), "hl7-mllp", "M3", lease)).as("a fresh FILING claim is in flight, not a duplicate")
                    .isInstanceOf(JdbcImportState.InFlight.class);
            other.release(b);
            assertThat(first.claim("case-1", "b".repeat(64), "hl7-mllp", "M4", lease)).as("a released claim can be filed again")
                    .isInstanceOf(JdbcImportState.Claimed.class);
        }
    }

    @Test
    void aFilingClaimOlderThanTheLeaseIsTakenOverAndTheDeadDeliveryCannotCompleteIt() {
        Duration lease = Duration.ofMinutes(5);
        Instant t0 = Instant.parse("2026-11-29T10:00:00Z");
        JdbcImportState crashed = new JdbcImportState(db.dataSource(), Clock.fixed(t0, ZoneOffset.UTC));
        var dead = (JdbcImportState.Claimed) crashed.claim("case-9", "c".repeat(64), "hl7-mllp", "M1", lease);
        JdbcImportState later = new JdbcImportState(db.dataSource(), Clock.fixed(t0.plus(lease).plusSeconds(1), ZoneOffset.UTC));
        var taken = (JdbcImportState.Claimed) later.claim("case-9", "c".repeat(64), "hl7-mllp", "M1", lease);
        assertThat(taken.tookOver()).isTrue();
        assertThat(crashed.completed(dead, "rec-dead")).as("the old lease no longer completes").isFalse();
        assertThat(later.completed(taken, "rec-2")).isTrue();
        assertThat(later.claim("case-9", "c".repeat(64), "hl7-mllp", "M1", lease)).isEqualTo(new JdbcImportState.AlreadyFiled("rec-2"));
    }

    @Test
    void theSameUnmatchedMessageResentIsOneReviewItem() {
        JdbcImportState state = new JdbcImportState(db.dataSource());
        byte[] content = "x".getBytes(StandardCharsets.UTF_8);
        String first = state.queueForReview("hl7-mllp", "RV-1", "d".repeat(64), Instant.now(), "no match", "{}", content);
        String again = state.queueForReview("hl7-mllp", "RV-1", "d".repeat(64), Instant.now(), "no match", "{}", content);
        assertThat(again).isEqualTo(first);
        assertThat(state.openReviews(100)).extracting(JdbcImportState.ReviewItem::messageId).containsOnlyOnce("RV-1");
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
