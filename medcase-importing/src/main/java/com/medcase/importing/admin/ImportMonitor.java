package com.medcase.importing.admin;

import com.medcase.importing.pipeline.ImportMetrics;
import com.medcase.importing.pipeline.JdbcImportState;

import java.util.List;

/** The numbers an administrator looks at: per-route counters since start, and what waits for a person. */
public final class ImportMonitor {

    /**
     * Per-route counters plus the durable backlog (shared by all nodes); {@code filingClaims}: documents being
     * filed right now on any node (a number that stays up after a crash until the claims' lease passes);
     * {@code awaitingFollowUp}: filed records whose follow-up (their search entry) is not done yet, on any node.
     */
    public record Snapshot(List<ImportMetrics.RouteSnapshot> routes, long openDeadLetters, long openReviewItems, long filingClaims,
                           long awaitingFollowUp) { }

    private final ImportMetrics metrics;
    private final JdbcImportState state;

    public ImportMonitor(ImportMetrics metrics, JdbcImportState state) {
        this.metrics = metrics;
        this.state = state;
    }

    public Snapshot snapshot() {
        return new Snapshot(metrics.snapshot(), state.count("mc_import_dead_letter", "NEW"), state.count("mc_import_review", "OPEN"),
                state.inFlightCount(), state.awaitingFollowUpCount());
    }

    public ImportMetrics.RouteSnapshot route(String route) {
        return metrics.snapshot(route);
    }
}
