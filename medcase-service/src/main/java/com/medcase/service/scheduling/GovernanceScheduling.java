package com.medcase.service.scheduling;

import com.medcase.audit.AuditLedger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.quartz.SchedulerFactoryBean;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Quartz on the service's database, clustered. Why Quartz rather than ShedLock: ShedLock only stops two
 * nodes running the same {@code @Scheduled} method at once; each node keeps its own timer in memory,
 * nothing records the next run, and a job cut short by a dying node waits for that node's next tick.
 * Quartz's JDBC job store keeps the triggers (so next-run times survive restarts and are the same on
 * every node), fires each trigger on exactly one node under a row lock ({@code QRTZ_LOCKS}), blocks a
 * non-concurrent job cluster-wide while it runs, and re-runs a job whose node died mid-run on another
 * node ({@code requestsRecovery}). All of that is configuration here, not code.
 * <p>
 * Boot's own Quartz auto-configuration backs off for this factory bean; the tables come from the
 * Flyway migration V300 (H2 and PostgreSQL alike).
 */
@Configuration(proxyBeanMethods = false)
class GovernanceScheduling {

    static final String SCHEDULER_NAME = "medcase-governance";
    static final String GROUP = "medcase";

    @Bean
    JobRunLog jobRunLog(DataSource dataSource) {
        return new JobRunLog(dataSource);
    }

    @Bean
    @ConditionalOnProperty(prefix = "medcase.scheduling", name = "enabled", havingValue = "true", matchIfMissing = true)
    SchedulerFactoryBean governanceScheduler(DataSource dataSource, List<GovernanceJob> jobs, JobRunLog runs, AuditLedger ledger,
                                             Clock clock, SchedulingProperties properties) {
        return factory(dataSource, properties, jobs, runs, ledger, clock);
    }

    /** The scheduler of one node; tests build two of them on one database to check that each run happens once. */
    static SchedulerFactoryBean factory(DataSource dataSource, SchedulingProperties properties, Collection<GovernanceJob> jobs,
                                        JobRunLog runs, AuditLedger ledger, Clock clock) {
        SchedulerFactoryBean factory = new SchedulerFactoryBean();
        factory.setDataSource(dataSource);
        factory.setSchedulerName(SCHEDULER_NAME);
        factory.setQuartzProperties(quartzProperties(properties));
        Map<String, GovernanceJob> byName = new HashMap<>();
        List<JobDetail> details = new ArrayList<>();
        List<Trigger> triggers = new ArrayList<>();
        for (GovernanceJob job : jobs) {
            byName.put(job.name(), job);
            JobDetail detail = JobBuilder.newJob(QuartzGovernanceJob.class).withIdentity(job.name(), GROUP)
                    .withDescription(job.description()).storeDurably().requestRecovery().build();
            details.add(detail);
            triggers.add(trigger(job.name(), job.period()));
        }
        Map<String, Object> context = new HashMap<>();
        context.put(QuartzGovernanceJob.JOBS, byName);
        context.put(QuartzGovernanceJob.LOG, runs);
        context.put(QuartzGovernanceJob.LEDGER, ledger);
        context.put(QuartzGovernanceJob.CLOCK, clock);
        context.put(QuartzGovernanceJob.OWNER, properties.owner());
        factory.setSchedulerContextAsMap(context);
        factory.setJobDetails(details.toArray(JobDetail[]::new));
        factory.setTriggers(triggers.toArray(Trigger[]::new));
        // A changed period in the configuration replaces the stored trigger at the next start.
        factory.setOverwriteExistingJobs(true);
        factory.setWaitForJobsToCompleteOnShutdown(true);
        return factory;
    }

    static Trigger trigger(String job, Duration period) {
        return TriggerBuilder.newTrigger().withIdentity(job, GROUP).forJob(job, GROUP).startNow()
                // After downtime the job runs once at once (catching up), then keeps its period.
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(period.toMillis()).repeatForever()
                        .withMisfireHandlingInstructionNowWithExistingCount())
                .build();
    }

    static Properties quartzProperties(SchedulingProperties properties) {
        Properties q = new Properties();
        q.setProperty("org.quartz.scheduler.instanceName", SCHEDULER_NAME);
        q.setProperty("org.quartz.scheduler.instanceId", properties.instanceId());
        q.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        q.setProperty("org.quartz.threadPool.threadCount", Integer.toString(properties.threads()));
        q.setProperty("org.quartz.jobStore.isClustered", "true");
        q.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(properties.clusterCheckinInterval().toMillis()));
        // H2 runs in PostgreSQL mode and answers BYTEA reads like PostgreSQL: one delegate for both.
        q.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        q.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        q.setProperty("org.quartz.jobStore.misfireThreshold", "10000");
        q.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        // A node that found nothing to fire (the job was running, blocked, on another node) looks again after 5 s
        // rather than Quartz's default 30 s: the ≤ 1 minute promise of consent expiry holds across nodes. Quartz
        // advises against less than 5 s (database polling).
        q.setProperty("org.quartz.scheduler.idleWaitTime", "5000");
        return q;
    }
}
