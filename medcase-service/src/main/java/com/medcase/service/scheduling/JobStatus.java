package com.medcase.service.scheduling;

import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Each job's state for administrators: its period, the last and next fire times the cluster's job store
 * holds (the same on every node), the last run this service logged (which node, items, failures) and
 * totals. Also "run now", which fires the stored trigger's job once on whichever node takes it.
 */
@Service
public class JobStatus {

    /** One job as the admin page and {@code GET /api/admin/jobs} show it. */
    public record View(String name, String description, Duration period, String state, Instant previousFire, Instant nextFire,
                       JobRunLog.Run lastRun, long runs, long itemsHandled, long failures, List<JobRunLog.Run> recentRuns) { }

    private final List<GovernanceJob> jobs;
    private final JobRunLog runs;
    private final ObjectProvider<Scheduler> scheduler;

    JobStatus(List<GovernanceJob> jobs, JobRunLog runs, ObjectProvider<Scheduler> scheduler) {
        this.jobs = jobs.stream().sorted(Comparator.comparing(GovernanceJob::name)).toList();
        this.runs = runs;
        this.scheduler = scheduler;
    }

    public List<View> all() {
        return jobs.stream().map(this::view).toList();
    }

    public View get(String name) {
        return view(job(name));
    }

    /** Fires the job now (once, on one node); returns at once. */
    public void runNow(String name) {
        job(name);
        Scheduler s = scheduler.getIfAvailable();
        if (s == null) {
            throw new IllegalStateException("The scheduler is disabled on this node (medcase.scheduling.enabled=false)");
        }
        try {
            s.triggerJob(new org.quartz.JobKey(name, GovernanceScheduling.GROUP));
        } catch (SchedulerException e) {
            throw new IllegalStateException("Could not fire job " + name + ": " + e.getMessage(), e);
        }
    }

    private GovernanceJob job(String name) {
        return jobs.stream().filter(j -> j.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("No scheduled job named " + name + "; jobs: "
                        + jobs.stream().map(GovernanceJob::name).toList()));
    }

    private View view(GovernanceJob job) {
        String state = "DISABLED";
        Instant previous = null;
        Instant next = null;
        Scheduler s = scheduler.getIfAvailable();
        if (s != null) {
            try {
                TriggerKey key = new TriggerKey(job.name(), GovernanceScheduling.GROUP);
                Trigger trigger = s.getTrigger(key);
                if (trigger != null) {
                    state = s.getTriggerState(key).name();
                    previous = trigger.getPreviousFireTime() == null ? null : trigger.getPreviousFireTime().toInstant();
                    next = trigger.getNextFireTime() == null ? null : trigger.getNextFireTime().toInstant();
                }
            } catch (SchedulerException e) {
                state = "UNKNOWN";
            }
        }
        JobRunLog.Totals totals = runs.totals(job.name());
        return new View(job.name(), job.description(), job.period(), state, previous, next, runs.last(job.name()).orElse(null),
                totals.runs(), totals.items(), totals.failures(), runs.recent(job.name(), 10));
    }
}
