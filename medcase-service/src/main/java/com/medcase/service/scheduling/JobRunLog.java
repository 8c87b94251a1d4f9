package com.medcase.service.scheduling;

import com.medcase.store.StoreSupport;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Every run of every job on every node ({@code mc_job_run}): started, finished, items handled, failures. */
public final class JobRunLog {

    /** One run; {@code finishedAt} null while running (or when its node died in it). */
    public record Run(String id, String job, String node, Instant startedAt, Instant finishedAt, long items, long failures, String message) { }

    /** A job's totals over the runs kept. */
    public record Totals(long runs, long items, long failures) { }

    private final StoreSupport db;

    public JobRunLog(DataSource dataSource) {
        this.db = new StoreSupport(dataSource);
    }

    public String started(String job, String node, Instant at) {
        String id = UUID.randomUUID().toString();
        db.update("INSERT INTO mc_job_run (id, job, node, started_at, items, failures) VALUES (?, ?, ?, ?, 0, 0)", id, job, node, at);
        return id;
    }

    public void finished(String runId, Instant at, long items, long failures, String message) {
        db.update("UPDATE mc_job_run SET finished_at = ?, items = ?, failures = ?, message = ? WHERE id = ?", at, items, failures,
                message == null ? null : message.length() > 2000 ? message.substring(0, 2000) : message, runId);
        // Idle runs (every 20 s for some jobs) are kept a day; runs that did something are kept.
        db.update("DELETE FROM mc_job_run WHERE items = 0 AND failures = 0 AND finished_at IS NOT NULL AND started_at < ?",
                at.minusSeconds(86_400));
    }

    public Optional<Run> last(String job) {
        return db.queryOne("SELECT id, job, node, started_at, finished_at, items, failures, message FROM mc_job_run WHERE job = ? "
                + "ORDER BY started_at DESC LIMIT 1", JobRunLog::run, job);
    }

    public List<Run> recent(String job, int limit) {
        return db.query("SELECT id, job, node, started_at, finished_at, items, failures, message FROM mc_job_run WHERE job = ? "
                + "ORDER BY started_at DESC LIMIT " + Math.max(1, limit), JobRunLog::run, job);
    }

    public Totals totals(String job) {
        return db.queryOne("SELECT COUNT(*), COALESCE(SUM(items), 0), COALESCE(SUM(failures), 0) FROM mc_job_run WHERE job = ?",
                rs -> new Totals(rs.getLong(1), rs.getLong(2), rs.getLong(3)), job).orElse(new Totals(0, 0, 0));
    }

    private static Run run(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Run(rs.getString(1), rs.getString(2), rs.getString(3), StoreSupport.instant(rs, "started_at"),
                StoreSupport.instant(rs, "finished_at"), rs.getLong(6), rs.getLong(7), rs.getString(8));
    }
}
