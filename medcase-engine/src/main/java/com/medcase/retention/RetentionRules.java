package com.medcase.retention;

import java.util.List;

/**
 * How a schedule set is checked and applied. Configuration; the service binds it under
 * {@code medcase.retention}. Defaults ({@link #DEFAULT}): no legal minimums configured (each firm
 * lists those of its jurisdictions), and overlapping schedules refused.
 *
 * @param legalMinimums the legal floors; a schedule below one is refused, and no plan falls below one
 * @param overlap       what to do when two schedules match a record and neither is more specific
 */
public record RetentionRules(List<LegalMinimum> legalMinimums, OverlapPolicy overlap) {

    public enum OverlapPolicy {
        /** The schedule set is refused as ambiguous, naming both schedules and the scope they share (default). */
        REFUSE,
        /** The set is accepted; for each record the schedule that keeps it longer applies. */
        LONGER_APPLIES
    }

    public static final RetentionRules DEFAULT = new RetentionRules(List.of(), OverlapPolicy.REFUSE);

    public RetentionRules {
        legalMinimums = legalMinimums == null ? List.of() : List.copyOf(legalMinimums);
        overlap = overlap == null ? OverlapPolicy.REFUSE : overlap;
    }

    public RetentionRules withLegalMinimums(List<LegalMinimum> minimums) {
        return new RetentionRules(minimums, overlap);
    }

    public RetentionRules withOverlap(OverlapPolicy policy) {
        return new RetentionRules(legalMinimums, policy);
    }
}
