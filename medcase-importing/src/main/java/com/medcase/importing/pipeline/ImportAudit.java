package com.medcase.importing.pipeline;

/**
 * Where import events go for the audit trail. Identifiers only (route, message id, record id, case
 * number, dead-letter id). The service implements it on the audit ledger.
 */
public interface ImportAudit {
    void filed(String route, String messageId, String recordId, String caseNumber);

    void duplicate(String route, String messageId, String existingRecordId);

    void queuedForReview(String route, String messageId, String reviewId, String reason);

    void deadLettered(String route, String source, String deadLetterId, String error);
}
