package com.medcase.service.retention;

import com.medcase.store.MedCaseDatabase;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Disposition execution progress in the database: a second node (another ExecutionRuns on the same database) shows
 * the run the first one is executing, item by item, and a run whose node stopped is reported as interrupted. Before,
 * the progress lived in the memory of the node that started the run: behind a load balancer the console's progress
 * page answered 404 whenever its poll reached the other node, and a restart lost the outcome.
 */
class ExecutionRunsTest {
    static final String PG_URL = System.getProperty("medcase.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");

    Instant now = Instant.parse("2026-11-29T10:00:00Z");
    final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private HikariDataSource database(String kind, Path dir) throws Exception {
        String schema = null;
        HikariDataSource ds;
        if (kind.equals("h2")) {
            ds = MedCaseDatabase.h2File(dir, "runs");
        } else {
            schema = "runs_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            try (Connection c = DriverManager.getConnection(PG_URL, "postgres", ""); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            }
            ds = MedCaseDatabase.pooled(PG_URL + "?currentSchema=" + schema, "postgres", "", 4);
        }
        MedCaseDatabase.migrate(ds, schema, "classpath:db/migration/importing", "classpath:db/migration/service");
        return ds;
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void anotherNodeShowsTheRunItemByItemAndAStalledRunIsInterrupted(String kind, @TempDir Path dir) throws Exception {
        try (HikariDataSource db = database(kind, dir)) {
            ExecutionRuns executing = new ExecutionRuns(db, clock);
            ExecutionRuns otherNode = new ExecutionRuns(db, clock);
            executing.start("RUN-1", "manon", List.of("rec-a", "rec-b", "rec-c"));
            executing.executed("RUN-1", 0, "CERT-a");
            now = now.plusSeconds(3);
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

            now = now.plus(ExecutionRuns.STALLED).plusSeconds(1); // the executing node died before rec-c
            DispositionQueue.ExecutionRun stalled = otherNode.find("RUN-1").orElseThrow();
            assertThat(stalled.interrupted()).isTrue();
            assertThat(stalled.lastProgressText()).isEqualTo("2026-11-29 10:00:03 UTC");

            executing.start("RUN-2", "manon", List.of("rec-d"));
            executing.executed("RUN-2", 0, "CERT-d");
            executing.finished("RUN-2");
            now = now.plus(Duration.ofHours(1));
            DispositionQueue.ExecutionRun done = otherNode.find("RUN-2").orElseThrow();
            assertThat(done.finished()).isTrue();
            assertThat(done.interrupted()).isFalse();
            assertThat(otherNode.find("RUN-unknown")).isEmpty();
        }
    }
}
