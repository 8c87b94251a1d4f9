package com.medcase.retention;

import java.time.LocalDate;

/**
 * The computed retention of one record. {@code dispositionDate} is null while the trigger has not
 * happened ({@code pendingReason} says which), and is recomputed whenever a trigger date changes.
 */
public record DispositionPlan(String recordId, String scheduleId, DispositionAction action, LocalDate triggerDate,
                              LocalDate dispositionDate, LocalDate minimumRetentionUntil, String pendingReason) {

    public boolean pending() {
        return dispositionDate == null;
    }
}
