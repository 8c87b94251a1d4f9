package com.medcase.service.scheduling;

import com.medcase.audit.InMemoryAuditLedger;
import com.medcase.retention.DispositionAction;
import com.medcase.retention.DispositionPlan;
import com.medcase.retention.RetentionFacts;
import com.medcase.store.MedCaseDatabase;
import com.medcase.store.retention.JdbcRetentionFactsStore;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.quartz.SchedulerFactoryBean;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The governance scheduler as several service nodes run it: Quartz's clustered JDBC job store on one
 * PostgreSQL schema (a private one per test). Each node is the scheduler the service builds
 * ({@link GovernanceScheduling#factory}), with its own connection pool, as a second JVM would have. The
 * job is the real disposition planner's store step over real rows, one batch per run.
 */
class GovernanceSchedulerClusterTest {

    static final String PG_URL = System.getProperty("medcase.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
    static final int RECORDS = 600;
    static final int BATCH = 50;

    String schema;
    HikariDataSource setup;
    final List<HikariDataSource> pools = new ArrayList<>();
    final List<SchedulerFactoryBean> nodes = new ArrayList<>();

    @BeforeEach
    void schema() throws Exception {
        schema = "medcase_sched_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(PG_URL, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (java.sql.SQLException e) {
            throw new AssertionError("PostgreSQL not reachable at " + PG_URL + ": start it with "
                    + "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start", e);
        }
        setup = pool();
        MedCaseDatabase.migrate(setup, schema);
        List<RetentionFacts> facts = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            facts.add(new RetentionFacts("R-%05d".formatted(i), "clinicalNotes", "US-CA", LocalDate.of(2010, 1, 1), null, null, null, false));
        }
        new JdbcRetentionFactsStore(setup).recordAll(facts, f -> "C-1", f -> "CLM-1", "manon");
    }

    @AfterEach
    void drop() throws Exception {
        for (SchedulerFactoryBean node : nodes) {
            node.destroy();
        }
        pools.forEach(HikariDataSource::close);
        setup.close();
        try (Connection c = DriverManager.getConnection(PG_URL, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    /** One batch of the real planning step per run; counts concurrent runs across every node of this JVM. */
    static final class PlanOneBatch implements GovernanceJob {
        final JdbcRetentionFactsStore store;
        final AtomicInteger inFlight;
        final AtomicInteger maxInFlight;
        final AtomicBoolean crash;
        final Set<String> nodesThatRan;
        final String node;

        PlanOneBatch(JdbcRetentionFactsStore store, AtomicInteger inFlight, AtomicInteger maxInFlight, AtomicBoolean crash,
                     Set<String> nodesThatRan, String node) {
            this.store = store;
            this.inFlight = inFlight;
            this.maxInFlight = maxInFlight;
            this.crash = crash;
            this.nodesThatRan = nodesThatRan;
            this.node = node;
        }

        @Override public String name() { return "disposition-planning"; }
        @Override public String description() { return "test"; }
        @Override public Duration period() { return Duration.ofMillis(200); }

        @Override
        public Result run() {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            nodesThatRan.add(node);
            try {
                Function<List<RetentionFacts>, List<DispositionPlan>> planner = batch -> {
                    if (crash.get()) {
                        // The node dies in the middle of a batch: nothing of this batch may count.
                        throw new IllegalStateException("node crashed mid-batch");
                    }
                    sleep(40);
                    return batch.stream().map(f -> new DispositionPlan(f.recordId(), "RS-1", DispositionAction.DESTROY_ENTIRELY,
                            f.receivedDate(), f.receivedDate().plusYears(1), f.receivedDate(), null)).toList();
                };
                JdbcRetentionFactsStore.PlanningOutcome o = store.planOneBatch(BATCH, planner);
                return Result.of(o.scheduled());
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    @Test
    void twoNodesOnOnePostgresRunEachJobOnceAtATimeAndPlanEveryRecordOnce() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        Set<String> ran = ConcurrentHashMap.newKeySet();
        AtomicBoolean crash = new AtomicBoolean(false);
        start("node-a", inFlight, maxInFlight, crash, ran);
        start("node-b", inFlight, maxInFlight, crash, ran);

        // a deadline, not a speed check: it returns as soon as every record is planned (slow on a loaded CI machine)
        awaitPlanned(RECORDS, Duration.ofSeconds(180));
        Thread.sleep(600); // a few idle runs more: nothing may be planned twice

        assertThat(maxInFlight.get()).as("the job never ran on two nodes at once").isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM mc_disposition_item")).isEqualTo(RECORDS);
        assertThat(count("SELECT COALESCE(SUM(items), 0) FROM mc_job_run WHERE job = 'disposition-planning'"))
                .as("items handled over all runs on all nodes: each record once").isEqualTo(RECORDS);
        assertThat(ran).as("runs were shared by the cluster").isNotEmpty();
    }

    @Test
    void aRestartInTheMiddleOfTheJobNeitherLosesNorDoublesItems() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        Set<String> ran = ConcurrentHashMap.newKeySet();
        AtomicBoolean crash = new AtomicBoolean(false);
        SchedulerFactoryBean first = start("node-a", inFlight, maxInFlight, crash, ran);
        awaitPlanned(3 * BATCH, Duration.ofSeconds(120));
        crash.set(true);                 // the batch in flight fails and rolls back, as if the process died in it
        first.destroy();                 // the node goes away
        nodes.remove(first);
        long before = count("SELECT COUNT(*) FROM mc_disposition_item");
        assertThat(before).isBetween((long) 3 * BATCH, (long) RECORDS - 1);

        crash.set(false);
        start("node-a", inFlight, maxInFlight, crash, ran); // restarted with the same identity
        awaitPlanned(RECORDS, Duration.ofSeconds(180));
        Thread.sleep(400);

        assertThat(count("SELECT COUNT(*) FROM mc_disposition_item")).isEqualTo(RECORDS);
        assertThat(count("SELECT COUNT(*) FROM mc_retention_unplanned")).isZero();
        assertThat(count("SELECT COALESCE(SUM(items), 0) FROM mc_job_run")).as("no item counted twice across the restart").isEqualTo(RECORDS);
    }

    /**
     * A real crash: the node is its own JVM, killed (SIGKILL) in the middle of a run, leaving Quartz's
     * fired-trigger row and the job's trigger blocked. The node restarted with the same identity, or another
     * node, recovers the dead instance (cluster check-in), runs the job again, and the job finishes the
     * backlog from the database: every record planned exactly once.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "taken over by {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"node-a", "node-b"})
    void aNodeKilledInTheMiddleOfARunNeitherLosesNorDoublesItems(String survivor) throws Exception {
        String url = PG_URL + "?currentSchema=" + schema;
        Process child = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SchedulerNodeMain.class.getName(), url, "node-a", "20", "100")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            awaitPlanned(100, Duration.ofSeconds(180));
        } finally {
            child.destroyForcibly().waitFor();
        }
        long beforeKill = count("SELECT COUNT(*) FROM mc_disposition_item");
        assertThat(beforeKill).as("killed mid-run").isLessThan(RECORDS);
        assertThat(count("SELECT COUNT(*) FROM mc_job_run WHERE finished_at IS NULL")).as("the interrupted run").isEqualTo(1);

        HikariDataSource ds = pool();
        pools.add(ds);
        SchedulerFactoryBean restarted = GovernanceScheduling.factory(ds, SchedulerNodeMain.properties(survivor),
                List.of(SchedulerNodeMain.planAll(new JdbcRetentionFactsStore(ds), 20, 0)), new JobRunLog(ds),
                new InMemoryAuditLedger(Clock.systemUTC()), Clock.systemUTC());
        restarted.afterPropertiesSet();
        restarted.start();
        nodes.add(restarted);
        awaitPlanned(RECORDS, Duration.ofSeconds(180));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (count("SELECT COUNT(*) FROM mc_job_run WHERE finished_at IS NOT NULL") == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(count("SELECT COUNT(*) FROM mc_disposition_item")).isEqualTo(RECORDS);
        assertThat(count("SELECT COUNT(*) FROM mc_retention_unplanned")).isZero();
        assertThat(count("SELECT COALESCE(SUM(items), 0) FROM mc_job_run WHERE finished_at IS NOT NULL"))
                .as("the run after the restart planned exactly what the killed one had not").isEqualTo(RECORDS - beforeKill);
    }

    private SchedulerFactoryBean start(String node, AtomicInteger inFlight, AtomicInteger maxInFlight, AtomicBoolean crash,
                                       Set<String> ran) throws Exception {
        HikariDataSource ds = pool();
        pools.add(ds);
        SchedulingProperties properties = new SchedulingProperties(true, node, "admin", 2, Duration.ofSeconds(20),
                Duration.ofMillis(200), Duration.ofMinutes(10), Duration.ofMillis(1000));
        GovernanceJob job = new PlanOneBatch(new JdbcRetentionFactsStore(ds), inFlight, maxInFlight, crash, ran, node);
        SchedulerFactoryBean factory = GovernanceScheduling.factory(ds, properties, List.of(job), new JobRunLog(ds),
                new InMemoryAuditLedger(Clock.systemUTC()), Clock.systemUTC());
        factory.afterPropertiesSet();
        factory.start();
        nodes.add(factory);
        return factory;
    }

    private HikariDataSource pool() {
        return MedCaseDatabase.pooled(PG_URL + "?currentSchema=" + schema, "postgres", "", 4);
    }

    private void awaitPlanned(int n, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count("SELECT COUNT(*) FROM mc_disposition_item") < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + count("SELECT COUNT(*) FROM mc_disposition_item") + " of " + n + " planned in " + timeout);
            }
            Thread.sleep(50);
        }
    }

    private long count(String sql) throws Exception {
        try (Connection c = setup.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
