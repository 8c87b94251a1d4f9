package com.medcase.service.retention;

import com.medcase.store.StoreSupport;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Disposition execution runs in the service's database (V332): the run, each item's outcome as it is reached, and
 * when the run last moved. Any node answers for any run; a run that stopped moving with its node is reported as
 * interrupted (its remaining items are still approved in the queue, ready for another run).
 */
@Component
class ExecutionRuns {
    /** No item for this long while not finished: the node running it stopped. One item (one destruction) takes seconds. */
    static final Duration STALLED = Duration.ofMinutes(5);

    enum Outcome { PENDING, EXECUTED, FAILED }

    private final StoreSupport db;
    private final Clock clock;

    ExecutionRuns(DataSource dataSource, Clock clock) {
        this.db = new StoreSupport(dataSource);
        this.clock = clock;
    }

    void start(String runId, String startedBy, List<String> recordIds) {
        Instant now = clock.instant();
        db.inTransaction(c -> {
            StoreSupport.update(c, "INSERT INTO mc_disposition_run (id, started_by, started_at, last_progress_at) VALUES (?, ?, ?, ?)",
                    runId, startedBy, now, now);
            for (int i = 0; i < recordIds.size(); i++) {
                StoreSupport.update(c, "INSERT INTO mc_disposition_run_item (run_id, seq, record_id, outcome) VALUES (?, ?, ?, 'PENDING')",
                        runId, i, recordIds.get(i));
            }
            return null;
        });
    }

    void executed(String runId, int seq, String certificateId) {
        item(runId, seq, Outcome.EXECUTED, certificateId, null);
    }

    void failed(String runId, int seq, String reason) {
        item(runId, seq, Outcome.FAILED, null, reason == null ? null : reason.substring(0, Math.min(reason.length(), 2000)));
    }

    private void item(String runId, int seq, Outcome outcome, String certificateId, String reason) {
        Instant now = clock.instant();
        db.inTransaction(c -> {
            StoreSupport.update(c, "UPDATE mc_disposition_run_item SET outcome = ?, certificate_id = ?, reason = ? WHERE run_id = ? AND seq = ?",
                    outcome.name(), certificateId, reason, runId, seq);
            StoreSupport.update(c, "UPDATE mc_disposition_run SET last_progress_at = ? WHERE id = ?", now, runId);
            return null;
        });
    }

    void finished(String runId) {
        Instant now = clock.instant();
        db.update("UPDATE mc_disposition_run SET finished_at = ?, last_progress_at = ? WHERE id = ?", now, now, runId);
    }

    Optional<DispositionQueue.ExecutionRun> find(String runId) {
        return db.inTransaction(c -> {
            List<Object[]> run = StoreSupport.query(c, "SELECT started_by, last_progress_at, finished_at FROM mc_disposition_run WHERE id = ?",
                    rs -> new Object[]{rs.getString(1), StoreSupport.instant(rs, "last_progress_at"), StoreSupport.instant(rs, "finished_at")}, runId);
            if (run.isEmpty()) {
                return Optional.empty();
            }
            List<String> recordIds = new ArrayList<>();
            List<Map<String, String>> certificates = new ArrayList<>();
            List<Map<String, String>> failures = new ArrayList<>();
            int[] done = {0};
            StoreSupport.query(c, "SELECT record_id, outcome, certificate_id, reason FROM mc_disposition_run_item WHERE run_id = ? ORDER BY seq", rs -> {
                String recordId = rs.getString(1);
                recordIds.add(recordId);
                switch (Outcome.valueOf(rs.getString(2))) {
                    case EXECUTED -> {
                        done[0]++;
                        certificates.add(Map.of("recordId", recordId, "certificateId", rs.getString(3)));
                    }
                    case FAILED -> {
                        done[0]++;
                        failures.add(Map.of("recordId", recordId, "reason", String.valueOf(rs.getString(4))));
                    }
                    case PENDING -> { }
                }
                return null;
            }, runId);
            Instant lastProgress = (Instant) run.get(0)[1];
            boolean finished = run.get(0)[2] != null;
            boolean interrupted = !finished && lastProgress.plus(STALLED).isBefore(clock.instant());
            return Optional.of(new DispositionQueue.ExecutionRun(runId, (String) run.get(0)[0], recordIds, done[0], finished, interrupted,
                    lastProgress, failures, certificates));
        });
    }
}
