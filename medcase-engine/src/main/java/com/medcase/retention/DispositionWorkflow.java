package com.medcase.retention;

import com.medcase.audit.AuditEvent;
import com.medcase.audit.AuditLedger;
import com.medcase.consent.Principal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The disposition queue's transitions: SCHEDULED → DUE (or BLOCKED_BY_HOLD) → APPROVED → COMPLETED.
 * Only records managers approve and execute; sensitive records need a second, different approver;
 * a hold blocks at every step. Each step is audited.
 */
public final class DispositionWorkflow {

    private final Function<String, Set<String>> activeHoldsOf;
    private final Function<DispositionItem, LocalDate> legalMinimumUntil;
    private final AuditLedger ledger;
    private final Clock clock;

    /**
     * Re-checks the legal minimum recorded on each item when it was planned.
     *
     * @param activeHoldsOf the ids of the active holds on a record (empty when free)
     */
    public DispositionWorkflow(Function<String, Set<String>> activeHoldsOf, AuditLedger ledger, Clock clock) {
        this(activeHoldsOf, DispositionItem::legalMinimumUntil, ledger, clock);
    }

    /**
     * @param legalMinimumUntil the first day the law allows disposing of an item's record, as the legal
     *                          minimums in force now say (e.g. {@link RetentionSchedules#legalMinimumUntil}
     *                          over the record's facts); null when none applies, {@link LocalDate#MAX}
     *                          while its trigger has not happened
     */
    public DispositionWorkflow(Function<String, Set<String>> activeHoldsOf, Function<DispositionItem, LocalDate> legalMinimumUntil,
                               AuditLedger ledger, Clock clock) {
        this.activeHoldsOf = activeHoldsOf;
        this.legalMinimumUntil = legalMinimumUntil;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** Re-evaluates an item for today: due, blocked by a hold, or unblocked when the hold went away. */
    public DispositionItem refresh(DispositionItem item, LocalDate today) {
        if (item.status() == DispositionItem.Status.COMPLETED || today.isBefore(item.dueDate())) {
            return item;
        }
        boolean held = !activeHoldsOf.apply(item.recordId()).isEmpty();
        if (held) {
            return item.status() == DispositionItem.Status.BLOCKED_BY_HOLD ? item : item.with(DispositionItem.Status.BLOCKED_BY_HOLD, List.of());
        }
        if (item.status() == DispositionItem.Status.SCHEDULED || item.status() == DispositionItem.Status.BLOCKED_BY_HOLD) {
            return item.with(DispositionItem.Status.DUE, List.of());
        }
        return item;
    }

    public DispositionItem approve(DispositionItem item, Principal approver) {
        requireManager(approver, "approve a disposition");
        refuseIfHeld(item, "approved");
        refuseBeforeLegalMinimum(item, "approved");
        if (item.status() != DispositionItem.Status.DUE) {
            throw new DispositionException("Record " + item.recordId() + " is " + item.status() + ", not DUE; only due items can be approved");
        }
        for (Approval a : item.approvals()) {
            if (a.approver().equals(approver.id())) {
                throw new DispositionException(approver.id() + " already approved the disposition of " + item.recordId()
                        + "; a sensitive record needs a second, different approver");
            }
        }
        List<Approval> approvals = new ArrayList<>(item.approvals());
        approvals.add(new Approval(approver.id(), clock.instant()));
        DispositionItem.Status next = approvals.size() >= item.approvalsRequired() ? DispositionItem.Status.APPROVED : DispositionItem.Status.DUE;
        ledger.append(new AuditEvent(approver.id(), null, "disposition.approve", item.recordId(), next.name(), null,
                Map.of("schedule", item.scheduleId(), "approvals", approvals.size() + "/" + item.approvalsRequired())));
        return item.with(next, approvals);
    }

    /**
     * Executes an approved disposition. The caller destroys or transfers the content only after this
     * returns, using the certificate id; a hold appearing since approval stops it here.
     */
    public DestructionCertificate execute(DispositionItem item, Principal executor, String contentSha256) {
        requireManager(executor, "execute a disposition");
        refuseIfHeld(item, "executed");
        refuseBeforeLegalMinimum(item, "executed");
        if (item.status() != DispositionItem.Status.APPROVED) {
            throw new DispositionException("Record " + item.recordId() + " is " + item.status() + "; it needs "
                    + item.approvalsRequired() + " approval(s) before execution");
        }
        DestructionCertificate certificate = DestructionCertificate.issue("DC-" + UUID.randomUUID(), item, clock.instant(),
                executor.id(), contentSha256);
        ledger.append(new AuditEvent(executor.id(), null, "disposition.execute", item.recordId(), "DONE", item.action().name(),
                Map.of("certificate", certificate.certificateId(), "schedule", item.scheduleId(),
                        "certificateHash", certificate.certificateHash())));
        return certificate;
    }

    private void refuseIfHeld(DispositionItem item, String step) {
        Set<String> holds = activeHoldsOf.apply(item.recordId());
        if (!holds.isEmpty()) {
            throw new DispositionException("Record " + item.recordId() + " is under legal hold " + holds + " and cannot be "
                    + step + "; it becomes eligible again when every hold on it is released");
        }
    }

    /** The legal minimum is checked again at each step: the law or the record's facts may have changed since planning. */
    private void refuseBeforeLegalMinimum(DispositionItem item, String step) {
        LocalDate until = legalMinimumUntil.apply(item);
        if (until == null) {
            return;
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (until.equals(LocalDate.MAX)) {
            throw new DispositionException("Record " + item.recordId() + " cannot be " + step + ": the trigger of its legal "
                    + "minimum retention has not happened yet");
        }
        if (today.isBefore(until)) {
            throw new DispositionException("Record " + item.recordId() + " cannot be " + step + " before " + until
                    + ": the legal minimum retention runs until then");
        }
    }

    private static void requireManager(Principal who, String what) {
        if (who.role() != Principal.Role.RECORDS_MANAGER) {
            throw new DispositionException(who.id() + " may not " + what + ": only records managers may");
        }
    }
}
