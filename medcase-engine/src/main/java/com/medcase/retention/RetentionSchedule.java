package com.medcase.retention;

import java.time.Period;
import java.util.Objects;

/**
 * How long records of a category in a jurisdiction are kept, from which trigger, and what happens
 * then. {@code "*"} matches any category or jurisdiction. {@code minimumRetention} is the floor an
 * erasure request cannot go below (often shorter than the firm's own {@code retainFor}).
 * <p>
 * A composite schedule has a second term: "3 years after majority or 7 years after the last date of
 * service, whichever is later" is {@code CLAIMANT_REACHES_MAJORITY, P3Y} with
 * {@code alternativeTrigger LAST_DATE_OF_SERVICE, alternativeRetainFor P7Y, combination LATER}.
 *
 * @param alternativeTrigger   the second term's trigger, or null for a single-term schedule
 * @param alternativeRetainFor the second term's period
 * @param combination          which of the two dates applies; required with a second term
 */
public record RetentionSchedule(String id, String category, String jurisdiction, TriggerEvent trigger, Period retainFor,
                                DispositionAction action, Period minimumRetention,
                                TriggerEvent alternativeTrigger, Period alternativeRetainFor, Combination combination) {

    public static final String ANY = "*";

    /** Of the two terms' dates, whichever is later or whichever is earlier. */
    public enum Combination { LATER, EARLIER }

    public RetentionSchedule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(retainFor, "retainFor");
        Objects.requireNonNull(action, "action");
        category = category == null ? ANY : category;
        jurisdiction = jurisdiction == null ? ANY : jurisdiction;
        minimumRetention = minimumRetention == null ? Period.ZERO : minimumRetention;
        if (retainFor.isNegative() || minimumRetention.isNegative()
                || (alternativeRetainFor != null && alternativeRetainFor.isNegative())) {
            throw new IllegalArgumentException("Schedule " + id + ": periods cannot be negative");
        }
        if ((alternativeTrigger == null) != (alternativeRetainFor == null)) {
            throw new IllegalArgumentException("Schedule " + id + ": a second term needs both its trigger and its period");
        }
        if (alternativeTrigger != null && combination == null) {
            throw new IllegalArgumentException("Schedule " + id + ": say whether the later or the earlier of the two dates applies");
        }
        if (alternativeTrigger == null) {
            combination = null;
        }
    }

    /** A single-term schedule. */
    public RetentionSchedule(String id, String category, String jurisdiction, TriggerEvent trigger, Period retainFor,
                             DispositionAction action, Period minimumRetention) {
        this(id, category, jurisdiction, trigger, retainFor, action, minimumRetention, null, null, null);
    }

    public boolean composite() {
        return alternativeTrigger != null;
    }

    boolean matches(String recordCategory, String recordJurisdiction) {
        return (category.equals(ANY) || category.equals(recordCategory))
                && (jurisdiction.equals(ANY) || jurisdiction.equals(recordJurisdiction));
    }

    /** This schedule's scope lies inside {@code other}'s (equal scopes included). */
    boolean within(RetentionSchedule other) {
        return (other.category.equals(ANY) || other.category.equals(category))
                && (other.jurisdiction.equals(ANY) || other.jurisdiction.equals(jurisdiction));
    }

    /** Strictly more specific: inside {@code other}'s scope and not the same scope. */
    boolean moreSpecificThan(RetentionSchedule other) {
        return within(other) && !other.within(this);
    }
}
