package com.medcase.importing.pipeline;

/** What happened to one document. */
public record ImportOutcome(Kind kind, String recordId, String caseNumber, String detail) {

    public enum Kind { FILED, DUPLICATE, QUEUED_FOR_REVIEW }

    public static ImportOutcome filed(String recordId, String caseNumber) {
        return new ImportOutcome(Kind.FILED, recordId, caseNumber, null);
    }

    public static ImportOutcome duplicate(String existingRecordId) {
        return new ImportOutcome(Kind.DUPLICATE, existingRecordId, null, "identical content already imported");
    }

    public static ImportOutcome review(String reviewId, String reason) {
        return new ImportOutcome(Kind.QUEUED_FOR_REVIEW, reviewId, null, reason);
    }
}
