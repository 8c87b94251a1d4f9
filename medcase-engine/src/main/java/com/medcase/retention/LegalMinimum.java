package com.medcase.retention;

import java.time.Period;
import java.util.Objects;

/**
 * The shortest retention the law allows for records of a category in a jurisdiction, counted from a
 * trigger (e.g. hospital records in US-CA: 7 years after discharge; minors: 1 year after majority).
 * {@code "*"} matches any category or jurisdiction. Where several apply to a record, all of them must
 * be met.
 *
 * @param citation where the minimum comes from (statute or regulation), named in every refusal
 */
public record LegalMinimum(String category, String jurisdiction, TriggerEvent trigger, Period minimum, String citation) {

    public LegalMinimum {
        category = category == null ? RetentionSchedule.ANY : category;
        jurisdiction = jurisdiction == null ? RetentionSchedule.ANY : jurisdiction;
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(minimum, "minimum");
        if (minimum.isNegative()) {
            throw new IllegalArgumentException("A legal minimum cannot be negative: " + minimum);
        }
        citation = citation == null || citation.isBlank() ? "legal minimum" : citation;
    }

    boolean matches(String recordCategory, String recordJurisdiction) {
        return (category.equals(RetentionSchedule.ANY) || category.equals(recordCategory))
                && (jurisdiction.equals(RetentionSchedule.ANY) || jurisdiction.equals(recordJurisdiction));
    }

    /** "7 years after last date of service in US-CA for imaging (Cal. H&S 123145)". */
    String describe() {
        return minimum + " after " + RetentionSchedules.words(trigger) + " for category '" + category + "' in jurisdiction '"
                + jurisdiction + "' (" + citation + ")";
    }
}
