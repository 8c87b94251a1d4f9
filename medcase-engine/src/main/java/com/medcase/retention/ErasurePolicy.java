package com.medcase.retention;

import java.time.LocalDate;
import java.util.Set;

/**
 * A claimant's request to erase a record is honoured unless a legal hold or the legal minimum
 * retention forbids it; the decision carries the reason either way, for the audit ledger and the
 * reply to the claimant.
 */
public final class ErasurePolicy {

    public record ErasureDecision(String recordId, boolean granted, String reason) { }

    public ErasureDecision decide(DispositionPlan plan, Set<String> activeHolds, LocalDate today) {
        if (!activeHolds.isEmpty()) {
            return new ErasureDecision(plan.recordId(), false, "under legal hold " + activeHolds);
        }
        if (plan.pending()) {
            return new ErasureDecision(plan.recordId(), false,
                    "minimum retention under schedule " + plan.scheduleId() + " has not started (" + plan.pendingReason() + ")");
        }
        if (today.isBefore(plan.minimumRetentionUntil())) {
            return new ErasureDecision(plan.recordId(), false, "minimum retention under schedule " + plan.scheduleId()
                    + " runs until " + plan.minimumRetentionUntil());
        }
        return new ErasureDecision(plan.recordId(), true, "no hold; minimum retention under schedule "
                + plan.scheduleId() + " ended " + plan.minimumRetentionUntil());
    }
}
