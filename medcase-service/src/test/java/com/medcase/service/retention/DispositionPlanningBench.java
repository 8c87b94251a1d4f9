package com.medcase.service.retention;

import com.medcase.retention.DispositionAction;
import com.medcase.retention.RetentionFacts;
import com.medcase.retention.RetentionRules;
import com.medcase.retention.RetentionSchedule;
import com.medcase.retention.TriggerEvent;
import com.medcase.service.scheduling.SchedulingProperties;
import com.medcase.store.MedCaseDatabase;
import com.medcase.store.audit.JdbcAuditLedger;
import com.medcase.store.retention.JdbcDispositionQueue;
import com.medcase.store.retention.JdbcRetentionFactsStore;
import com.medcase.store.retention.JdbcRetentionScheduleStore;
import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Disposition end to end on PostgreSQL (a private schema, dropped at the end), through the production
 * classes: N records' retention facts stored in bulk ({@link JdbcRetentionFactsStore#recordAll}), then
 * what the {@code disposition-planning} job does on its run ({@link DispositionPlanningJob#run}: the
 * service's {@link RetentionPlanner} computes every due date with the schedules in force, written to the
 * queue in batches, then queues every due record with the hold check, audited per schedule).
 * Prints each phase and the end-to-end figure; target: 1,000,000 records under 60 s.
 * <p>
 * Usage: {@code DispositionPlanningBench [records]}; the connection pool is the service's
 * ({@link MedCaseDatabase#pooled}) on the plain JDBC URL, as configured in production.
 */
public final class DispositionPlanningBench {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        String url = System.getProperty("medcase.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
        String schema = "medcase_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        try (HikariDataSource ds = MedCaseDatabase.pooled(url + "?currentSchema=" + schema, "postgres", "", 4)) {
            MedCaseDatabase.migrate(ds, schema);
            Clock clock = Clock.fixed(Instant.parse("2026-11-01T06:00:00Z"), ZoneOffset.UTC);
            JdbcRetentionFactsStore facts = new JdbcRetentionFactsStore(ds);
            JdbcRetentionScheduleStore scheduleStore = new JdbcRetentionScheduleStore(ds);
            for (RetentionSchedule s : List.of(
                    new RetentionSchedule("RS-NOTES", "clinicalNotes", "*", TriggerEvent.LAST_DATE_OF_SERVICE, Period.ofYears(7),
                            DispositionAction.DESTROY_ENTIRELY, Period.ofYears(6)),
                    new RetentionSchedule("RS-IMAGING-CA", "imaging", "US-CA", TriggerEvent.LAST_DATE_OF_SERVICE, Period.ofYears(10),
                            DispositionAction.DESTROY_CONTENT_KEEP_METADATA, null),
                    new RetentionSchedule("RS-MINORS", "laboratory", "*", TriggerEvent.CLAIMANT_REACHES_MAJORITY, Period.ofYears(3),
                            DispositionAction.REVIEW, null, TriggerEvent.LAST_DATE_OF_SERVICE, Period.ofYears(7), RetentionSchedule.Combination.LATER),
                    new RetentionSchedule("RS-ALL", "*", "*", TriggerEvent.RECORD_RECEIVED, Period.ofYears(1), DispositionAction.DESTROY_ENTIRELY, null))) {
                scheduleStore.save(s, "manon");
            }
            RetentionPlanner planner = new RetentionPlanner(facts, scheduleStore, new JdbcDispositionQueue(ds), new JdbcAuditLedger(ds, clock),
                    new RetentionProperties(List.of(), RetentionRules.OverlapPolicy.REFUSE, Map.of("US-NY", 18, "US-CA", 18), 5000, 2, ""),
                    clock, new SchedulingProperties(true, "bench", "admin", 2, Duration.ofSeconds(20), Duration.ofSeconds(60),
                    Duration.ofMinutes(10), Duration.ofMillis(7500)));

            String[] categories = {"clinicalNotes", "imaging", "billing", "laboratory", "correspondence"};
            String[] jurisdictions = {"US-CA", "US-NY", "US-TX", "US-FL", "US-WA"};
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
            System.out.printf("retention facts of %,d records stored: %.1f s%n", n, (t1 - t0) / 1e9);

            // What DispositionPlanningJob.run() does, phase by phase.
            JdbcRetentionFactsStore.PlanningOutcome planned = planner.planAll(DispositionPlanningJob.NAME);
            long t2 = System.nanoTime();
            System.out.printf("due dates computed and written: %,d planned, %,d scheduled (%,d of them due at once, %,d blocked by hold), "
                    + "%,d waiting: %.1f s%n", planned.planned(), planned.scheduled(), planned.due(), planned.blocked(), planned.waiting(),
                    (t2 - t1) / 1e9);
            var queued = planner.queueDue(DispositionPlanningJob.NAME);
            long t3 = System.nanoTime();
            System.out.printf("queueing pass (entries scheduled earlier whose date has come; hold check included): %,d due, %,d blocked: %.1f s%n",
                    queued.due(), queued.blocked(), (t3 - t2) / 1e9);
            System.out.printf("in the review queue: %,d due, %,d blocked by hold%n", planned.due() + queued.due(), planned.blocked() + queued.blocked());
            System.out.printf("END TO END (facts stored + dates computed + queued) of %,d records: %.1f s (target < 60 s for 1,000,000)%n",
                    n, (t3 - t0) / 1e9);
        } finally {
            if (Boolean.getBoolean("bench.keep")) {
                System.out.println("schema kept: " + schema);
            } else {
                try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA " + schema + " CASCADE");
                }
            }
        }
    }
}
