package com.medcase.retention;

import java.time.LocalDate;

/**
 * The computed retention of one record. {@code dispositionDate} is null while a trigger has not
 * happened ({@code pendingReason} says which), and is recomputed whenever a trigger date changes.
 *
 * @param legalMinimumUntil the first day the law allows disposing of the record (null: no legal minimum
 *                          configured for it); {@code dispositionDate} is never before it
 */
public record DispositionPlan(String recordId, String scheduleId, DispositionAction action, LocalDate triggerDate,
                              LocalDate dispositionDate, LocalDate minimumRetentionUntil, String pendingReason,
                              LocalDate legalMinimumUntil) {

    public DispositionPlan(String recordId, String scheduleId, DispositionAction action, LocalDate triggerDate,
                           LocalDate dispositionDate, LocalDate minimumRetentionUntil, String pendingReason) {
        this(recordId, scheduleId, action, triggerDate, dispositionDate, minimumRetentionUntil, pendingReason, null);
    }

    public boolean pending() {
        return dispositionDate == null;
    }
}
