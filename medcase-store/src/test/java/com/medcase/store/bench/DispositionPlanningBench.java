package com.medcase.store.bench;

import com.medcase.retention.DispositionAction;
import com.medcase.retention.DispositionPlan;
import com.medcase.retention.RetentionFacts;
import com.medcase.retention.RetentionSchedule;
import com.medcase.retention.RetentionSchedules;
import com.medcase.retention.TriggerEvent;
import com.medcase.store.MedCaseDatabase;
import com.medcase.store.retention.JdbcDispositionQueue;
import com.medcase.store.retention.JdbcRetentionFactsStore;
import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * N records' retention facts on PostgreSQL (a private schema, dropped at the end), then the disposition
 * planner's store path end to end: every record's due date computed by the engine and written to the
 * queue in batches (one transaction each, facts locked), then every due record queued set-based with the
 * hold check. Prints each phase; the target is planning + queueing of 1,000,000 records under 60 s.
 * <p>
 * Usage: {@code DispositionPlanningBench [records] [batch]}.
 */
public final class DispositionPlanningBench {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        String url = System.getProperty("medcase.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
        String schema = "medcase_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        // reWriteBatchedInserts: pgjdbc sends a batch of inserts as multi-row statements.
        try (HikariDataSource ds = MedCaseDatabase.pooled(url + "?currentSchema=" + schema + "&reWriteBatchedInserts=true", "postgres", "", 4)) {
            MedCaseDatabase.migrate(ds, schema);
            JdbcRetentionFactsStore facts = new JdbcRetentionFactsStore(ds);
            JdbcDispositionQueue queue = new JdbcDispositionQueue(ds);
            String[] categories = {"clinicalNotes", "imaging", "billing", "laboratory", "correspondence"};
            String[] jurisdictions = {"US-CA", "US-NY", "US-TX", "US-FL", "US-WA"};
            RetentionSchedules schedules = new RetentionSchedules(List.of(
                    new RetentionSchedule("RS-NOTES", "clinicalNotes", "*", TriggerEvent.LAST_DATE_OF_SERVICE, Period.ofYears(7),
                            DispositionAction.DESTROY_ENTIRELY, Period.ofYears(6)),
                    new RetentionSchedule("RS-IMAGING-CA", "imaging", "US-CA", TriggerEvent.LAST_DATE_OF_SERVICE, Period.ofYears(10),
                            DispositionAction.DESTROY_CONTENT_KEEP_METADATA, null),
                    new RetentionSchedule("RS-MINORS", "laboratory", "*", TriggerEvent.CLAIMANT_REACHES_MAJORITY, Period.ofYears(3),
                            DispositionAction.REVIEW, null, TriggerEvent.LAST_DATE_OF_SERVICE, Period.ofYears(7), RetentionSchedule.Combination.LATER),
                    new RetentionSchedule("RS-ALL", "*", "*", TriggerEvent.RECORD_RECEIVED, Period.ofYears(1), DispositionAction.DESTROY_ENTIRELY, null)),
                    Map.of("US-NY", 18, "US-CA", 18));
            long t0 = System.nanoTime();
            int chunk = 50_000;
            for (int from = 0; from < n; from += chunk) {
                List<RetentionFacts> part = new ArrayList<>(chunk);
                for (int i = from; i < Math.min(n, from + chunk); i++) {
                    LocalDate received = LocalDate.of(2000, 1, 1).plusDays(i % 5000);
                    part.add(new RetentionFacts("R-%08d".formatted(i), categories[i % 5], jurisdictions[i % 5], received,
                            received.minusDays(30), null, i % 3 == 0 ? LocalDate.of(1995, 1, 1).plusDays(i % 3000) : null, i % 11 == 0));
                }
                facts.recordAll(part, f -> "C-" + (f.recordId().hashCode() & 0xffff), f -> "CLM-" + (f.recordId().hashCode() & 0xfff), "bench");
            }
            long t1 = System.nanoTime();
            System.out.printf("facts of %,d records stored (filing side, not in the target): %.1f s%n", n, (t1 - t0) / 1e9);

            Function<List<RetentionFacts>, List<DispositionPlan>> planner = b -> schedules.planAll(b);
            JdbcRetentionFactsStore.PlanningOutcome planned = facts.planUnplanned(null, null, batch, planner);
            long t2 = System.nanoTime();
            System.out.printf("due dates computed and written: %,d planned, %,d scheduled, %,d waiting: %.1f s%n", planned.planned(),
                    planned.scheduled(), planned.waiting(), (t2 - t1) / 1e9);

            JdbcDispositionQueue.QueueingOutcome queued = queue.queueDue(LocalDate.of(2026, 11, 1));
            long t3 = System.nanoTime();
            System.out.printf("due records queued (hold check included): %,d due, %,d blocked: %.1f s%n", queued.due(), queued.blocked(),
                    (t3 - t2) / 1e9);
            System.out.printf("PLANNING + QUEUEING of %,d records: %.1f s (target < 60 s for 1,000,000)%n", n, (t3 - t1) / 1e9);
        } finally {
            if (Boolean.getBoolean("bench.keep")) {
                System.out.println("schema kept: " + schema);
                return;
            }
            try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }
}
