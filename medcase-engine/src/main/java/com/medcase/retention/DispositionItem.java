package com.medcase.retention;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A record's place in the disposition queue. Immutable; each transition returns a new item.
 *
 * @param legalMinimumUntil the first day the law allows disposing of the record, as planned (null: none
 *                          configured); the workflow re-checks it at approval and execution
 */
public record DispositionItem(String recordId, String scheduleId, DispositionAction action, LocalDate dueDate,
                              boolean sensitive, Status status, List<Approval> approvals, LocalDate legalMinimumUntil) {

    public enum Status {
        /** Not yet due. */
        SCHEDULED,
        /** Due and waiting for approval. */
        DUE,
        /** Due but frozen by at least one legal hold. */
        BLOCKED_BY_HOLD,
        /** Approved by enough people; may be executed. */
        APPROVED,
        /** Executed; a certificate exists. */
        COMPLETED
    }

    public DispositionItem {
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(dueDate, "dueDate");
        approvals = List.copyOf(approvals);
    }

    public DispositionItem(String recordId, String scheduleId, DispositionAction action, LocalDate dueDate,
                           boolean sensitive, Status status, List<Approval> approvals) {
        this(recordId, scheduleId, action, dueDate, sensitive, status, approvals, null);
    }

    public static DispositionItem from(DispositionPlan plan, boolean sensitive) {
        if (plan.pending()) {
            throw new IllegalArgumentException("Record " + plan.recordId() + " has no disposition date yet (" + plan.pendingReason() + ")");
        }
        return new DispositionItem(plan.recordId(), plan.scheduleId(), plan.action(), plan.dispositionDate(), sensitive,
                Status.SCHEDULED, List.of(), plan.legalMinimumUntil());
    }

    /** Sensitive records need two different approvers; others one. */
    public int approvalsRequired() {
        return sensitive ? 2 : 1;
    }

    DispositionItem with(Status newStatus, List<Approval> newApprovals) {
        return new DispositionItem(recordId, scheduleId, action, dueDate, sensitive, newStatus, newApprovals, legalMinimumUntil);
    }
}
