package com.medcase.service.retention;

import com.medcase.service.MovableClock;
import com.medcase.service.ServiceDatabases;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Disposition execution progress in the database: a second node (another ExecutionRuns on the same database) shows
 * the run the first one is executing, item by item, and a run whose node stopped is reported as interrupted. Before,
 * the progress lived in the memory of the node that started the run: behind a load balancer the console's progress
 * page answered 404 whenever its poll reached the other node, and a restart lost the outcome.
 */
class ExecutionRunsTest {

    final MovableClock clock = new MovableClock(Instant.parse("2026-11-29T10:00:00Z"));

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void anotherNodeShowsTheRunItemByItemAndAStalledRunIsInterrupted(String kind, @TempDir Path dir) throws Exception {
        try (HikariDataSource db = ServiceDatabases.open(kind, dir)) {
            ExecutionRuns executing = new ExecutionRuns(db, clock);
            ExecutionRuns otherNode = new ExecutionRuns(db, clock);
            executing.start("RUN-1", "manon", List.of("rec-a", "rec-b", "rec-c"));
            executing.executed("RUN-1", 0, "CERT-a");
            clock.advance(Duration.ofSeconds(3));
            executing.failed("RUN-1", 1, "held by hold H-1");

            DispositionQueue.ExecutionRun seen = otherNode.find("RUN-1").orElseThrow();
            assertThat(seen.total()).isEqualTo(3);
            assertThat(seen.done()).isEqualTo(2);
            assertThat(seen.percent()).isEqualTo(66);
            assertThat(seen.finished()).isFalse();
            assertThat(seen.interrupted()).isFalse();
            assertThat(seen.startedBy()).isEqualTo("manon");
            assertThat(seen.certificates()).containsExactly(Map.of("recordId", "rec-a", "certificateId", "CERT-a"));
            assertThat(seen.failures()).containsExactly(Map.of("recordId", "rec-b", "reason", "held by hold H-1"));

            clock.advance(ExecutionRuns.STALLED.plusSeconds(1)); // the executing node died before rec-c
            DispositionQueue.ExecutionRun stalled = otherNode.find("RUN-1").orElseThrow();
            assertThat(stalled.interrupted()).isTrue();
            assertThat(stalled.lastProgressText()).isEqualTo("2026-11-29 10:00:03 UTC");

            executing.start("RUN-2", "manon", List.of("rec-d"));
            executing.executed("RUN-2", 0, "CERT-d");
            executing.finished("RUN-2");
            clock.advance(Duration.ofHours(1));
            DispositionQueue.ExecutionRun done = otherNode.find("RUN-2").orElseThrow();
            assertThat(done.finished()).isTrue();
            assertThat(done.interrupted()).isFalse();
            assertThat(otherNode.find("RUN-unknown")).isEmpty();
        }
    }
}
