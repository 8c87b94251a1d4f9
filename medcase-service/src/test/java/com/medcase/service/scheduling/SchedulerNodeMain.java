package com.medcase.service.scheduling;

import com.medcase.audit.InMemoryAuditLedger;
import com.medcase.retention.DispositionAction;
import com.medcase.retention.DispositionPlan;
import com.medcase.retention.RetentionFacts;
import com.medcase.store.MedCaseDatabase;
import com.medcase.store.retention.JdbcRetentionFactsStore;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.scheduling.quartz.SchedulerFactoryBean;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * One scheduler node as its own process, for the crash test: the node the service builds
 * ({@link GovernanceScheduling#factory}) running the disposition planner over every unplanned record in
 * one run, slowly ({@code msPerBatch}), until it is killed.
 * <p>
 * Args: {@code jdbcUrl instanceId batchSize msPerBatch}.
 */
public final class SchedulerNodeMain {

    public static void main(String[] args) throws Exception {
        HikariDataSource ds = MedCaseDatabase.pooled(args[0], "postgres", "", 4);
        SchedulerFactoryBean node = GovernanceScheduling.factory(ds, properties(args[1]),
                List.of(planAll(new JdbcRetentionFactsStore(ds), Integer.parseInt(args[2]), Long.parseLong(args[3]))),
                new JobRunLog(ds), new InMemoryAuditLedger(Clock.systemUTC()), Clock.systemUTC());
        node.afterPropertiesSet();
        node.start();
        System.out.println("node started");
        Thread.sleep(Long.MAX_VALUE);
    }

    static SchedulingProperties properties(String instanceId) {
        return new SchedulingProperties(true, instanceId, "admin", 2, Duration.ofSeconds(20), Duration.ofMinutes(10),
                Duration.ofMinutes(10), Duration.ofMillis(1000));
    }

    /** The planning job: one run plans the whole backlog, batch by batch (each batch one transaction). */
    static GovernanceJob planAll(JdbcRetentionFactsStore store, int batch, long msPerBatch) {
        Function<List<RetentionFacts>, List<DispositionPlan>> planner = facts -> {
            GovernanceSchedulerClusterTest.sleep(msPerBatch);
            return facts.stream().map(f -> new DispositionPlan(f.recordId(), "RS-1", DispositionAction.DESTROY_ENTIRELY, f.receivedDate(),
                    f.receivedDate().plusYears(1), f.receivedDate(), null)).toList();
        };
        return new GovernanceJob() {
            @Override public String name() { return "disposition-planning"; }
            @Override public String description() { return "crash test"; }
            @Override public Duration period() { return Duration.ofMinutes(10); }
            @Override public Result run() {
                return Result.of(store.planUnplanned(null, null, batch, planner).scheduled());
            }
        };
    }
}
