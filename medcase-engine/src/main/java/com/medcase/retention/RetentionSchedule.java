package com.medcase.retention;

import java.time.Period;
import java.util.Objects;

/**
 * How long records of a category in a jurisdiction are kept, from which trigger, and what happens
 * then. {@code "*"} matches any category or jurisdiction. {@code minimumRetention} is the legal floor
 * an erasure request cannot go below (often shorter than the firm's own {@code retainFor}).
 */
public record RetentionSchedule(String id, String category, String jurisdiction, TriggerEvent trigger, Period retainFor,
                                DispositionAction action, Period minimumRetention) {

    public static final String ANY = "*";

    public RetentionSchedule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(retainFor, "retainFor");
        Objects.requireNonNull(action, "action");
        category = category == null ? ANY : category;
        jurisdiction = jurisdiction == null ? ANY : jurisdiction;
        minimumRetention = minimumRetention == null ? Period.ZERO : minimumRetention;
        if (retainFor.isNegative() || minimumRetention.isNegative()) {
            throw new IllegalArgumentException("Schedule " + id + ": periods cannot be negative");
        }
    }

    boolean matches(String recordCategory, String recordJurisdiction) {
        return (category.equals(ANY) || category.equals(recordCategory))
                && (jurisdiction.equals(ANY) || jurisdiction.equals(recordJurisdiction));
    }

    /** 3 = category and jurisdiction named, 2 = category, 1 = jurisdiction, 0 = catch-all. */
    int specificity() {
        return (category.equals(ANY) ? 0 : 2) + (jurisdiction.equals(ANY) ? 0 : 1);
    }
}
