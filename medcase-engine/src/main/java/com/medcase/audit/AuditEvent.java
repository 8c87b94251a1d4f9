package com.medcase.audit;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What happened, before it is sealed into the ledger. Identifiers only: never names, dates of birth
 * or clinical content (the ledger is read by administrators who may not see PHI).
 *
 * @param actor      the real initiator: a user id, or {@code system:<job>} for scheduled work
 * @param onBehalfOf for system actors, the user who scheduled or configured the job; else null
 * @param action     e.g. {@code consent.decide}, {@code hold.release}, {@code disposition.destroy}
 * @param subjectId  the record, case, hold or authorization acted upon
 * @param outcome    e.g. PERMIT, DENY, DONE, REFUSED
 * @param reason     why (rule ids, authorization ids, the user's stated reason)
 */
public record AuditEvent(String actor, String onBehalfOf, String action, String subjectId, String outcome,
                         String reason, Map<String, String> details) {

    public AuditEvent {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(outcome, "outcome");
        if (actor.startsWith("system:") && (onBehalfOf == null || onBehalfOf.isBlank())) {
            throw new IllegalArgumentException("System action " + action + " by " + actor
                    + " must name the user it runs on behalf of (onBehalfOf)");
        }
        // Sorted so that the canonical encoding, and so the hash, does not depend on map order.
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(details));
    }

    public static AuditEvent of(String actor, String action, String subjectId, String outcome, String reason) {
        return new AuditEvent(actor, null, action, subjectId, outcome, reason, Map.of());
    }
}
