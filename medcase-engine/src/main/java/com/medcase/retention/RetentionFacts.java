package com.medcase.retention;

import java.time.LocalDate;
import java.util.Objects;

/** The dates a retention trigger can come from; unknown ones are null (e.g. a case still open). */
public record RetentionFacts(String recordId, String category, String jurisdiction, LocalDate receivedDate,
                             LocalDate lastDateOfService, LocalDate caseClosedDate, LocalDate claimantBirthDate,
                             boolean sensitive) {
    public RetentionFacts {
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(category, "category");
    }
}
