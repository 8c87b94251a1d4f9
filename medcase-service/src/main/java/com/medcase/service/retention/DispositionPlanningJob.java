package com.medcase.service.retention;

import com.medcase.service.scheduling.GovernanceJob;
import com.medcase.service.scheduling.SchedulingProperties;
import com.medcase.store.retention.JdbcDispositionQueue;
import com.medcase.store.retention.JdbcRetentionFactsStore;
import org.springframework.stereotype.Component;

import java.time.Duration;

/** Computes the due dates whose facts changed, then queues the records whose date has come (holds checked then). */
@Component
class DispositionPlanningJob implements GovernanceJob {

    static final String NAME = "disposition-planning";

    private final RetentionPlanner planner;
    private final Duration period;

    DispositionPlanningJob(RetentionPlanner planner, SchedulingProperties properties) {
        this.planner = planner;
        this.period = properties.dispositionPlanningPeriod();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Computes disposition due dates (filing and trigger events) and puts due records into the review queue";
    }

    @Override
    public Duration period() {
        return period;
    }

    @Override
    public Result run() {
        JdbcRetentionFactsStore.PlanningOutcome planned = planner.planAll(NAME);
        JdbcDispositionQueue.QueueingOutcome queued = planner.queueDue(NAME);
        long due = planned.due() + queued.due();
        long blocked = planned.blocked() + queued.blocked();
        long items = planned.scheduled() + planned.rescheduled() + planned.withdrawn() + due + blocked;
        return new Result(items, 0, "planned " + planned.planned() + ", scheduled " + planned.scheduled() + ", rescheduled "
                + planned.rescheduled() + ", withdrawn " + planned.withdrawn() + ", now due " + due + ", blocked by hold " + blocked);
    }
}
