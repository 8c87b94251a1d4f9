package com.medcase.service.scheduling;

import com.medcase.audit.AuditEvent;
import com.medcase.audit.AuditLedger;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Map;

/**
 * The one Quartz job class: it runs the {@link GovernanceJob} named by its key. Non-concurrent across
 * the cluster (the JDBC job store blocks the trigger while one node runs it). A run that handled items
 * or failed is audited as {@code system:<job>} on behalf of the scheduler's owner; the jobs audit each
 * item on behalf of whoever set up what they act on.
 */
@DisallowConcurrentExecution
public class QuartzGovernanceJob implements Job {

    static final String JOBS = "medcase.governanceJobs";
    static final String LOG = "medcase.jobRunLog";
    static final String LEDGER = "medcase.auditLedger";
    static final String OWNER = "medcase.owner";
    static final String CLOCK = "medcase.clock";

    private static final Logger log = LoggerFactory.getLogger(QuartzGovernanceJob.class);

    @Override
    @SuppressWarnings("unchecked")
    public void execute(JobExecutionContext context) throws JobExecutionException {
        try {
            var schedulerContext = context.getScheduler().getContext();
            Map<String, GovernanceJob> jobs = (Map<String, GovernanceJob>) schedulerContext.get(JOBS);
            JobRunLog runs = (JobRunLog) schedulerContext.get(LOG);
            AuditLedger ledger = (AuditLedger) schedulerContext.get(LEDGER);
            Clock clock = (Clock) schedulerContext.get(CLOCK);
            String owner = (String) schedulerContext.get(OWNER);
            String name = context.getJobDetail().getKey().getName();
            GovernanceJob job = jobs.get(name);
            if (job == null) {
                // A job stored by a newer or older node that this node does not have: leave it to the nodes that do.
                log.warn("Scheduled job {} is not known to this node; skipped", name);
                return;
            }
            String node = context.getScheduler().getSchedulerInstanceId();
            String runId = runs.started(name, node, clock.instant());
            GovernanceJob.Result result;
            try {
                result = job.run();
            } catch (RuntimeException e) {
                result = new GovernanceJob.Result(0, 1, e.getClass().getSimpleName() + ": " + e.getMessage());
                log.warn("Scheduled job {} failed: {}", name, e.getClass().getName());
            }
            runs.finished(runId, clock.instant(), result.items(), result.failures(), result.message());
            if (ledger != null && (result.items() > 0 || result.failures() > 0)) {
                ledger.append(new AuditEvent("system:" + name, owner, "job.run", name, result.failures() == 0 ? "DONE" : "FAILED", null,
                        Map.of("items", Long.toString(result.items()), "failures", Long.toString(result.failures()), "node", node)));
            }
        } catch (SchedulerException e) {
            throw new JobExecutionException(e);
        }
    }
}
