package com.medcase.service.scheduling;

import java.time.Duration;

/**
 * A job the governance scheduler runs every {@link #period()} on one node of the cluster. Runs must be
 * resumable: what is pending lives in the database and is marked done in the transaction that does it,
 * so a run cut short by a crash is completed by the next one, without repeating what was done.
 */
public interface GovernanceJob {

    /** Stable name, also the audit actor {@code system:<name>} and the Quartz job key. */
    String name();

    /** What the job does, for the admin page. */
    String description();

    Duration period();

    Result run();

    /** Items handled (and failed) by one run; {@code message} never carries PHI. */
    record Result(long items, long failures, String message) {
        public static Result of(long items) {
            return new Result(items, 0, null);
        }
    }
}
