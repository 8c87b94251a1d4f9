package com.medcase.retention;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The dates a retention trigger can come from; unknown ones are null (e.g. a case still open).
 *
 * @param relationshipEndedDate when the firm's relationship with the claimant ended (engagement closed);
 *                              null while it lasts
 */
public record RetentionFacts(String recordId, String category, String jurisdiction, LocalDate receivedDate,
                             LocalDate lastDateOfService, LocalDate caseClosedDate, LocalDate claimantBirthDate,
                             boolean sensitive, LocalDate relationshipEndedDate) {
    public RetentionFacts {
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(category, "category");
    }

    /** Facts without a relationship end (the relationship lasts). */
    public RetentionFacts(String recordId, String category, String jurisdiction, LocalDate receivedDate,
                          LocalDate lastDateOfService, LocalDate caseClosedDate, LocalDate claimantBirthDate, boolean sensitive) {
        this(recordId, category, jurisdiction, receivedDate, lastDateOfService, caseClosedDate, claimantBirthDate, sensitive, null);
    }
}
