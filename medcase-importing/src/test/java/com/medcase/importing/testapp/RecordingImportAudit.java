package com.medcase.importing.testapp;

import com.medcase.importing.pipeline.ImportAudit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The import audit events a test looks at: filings ("message-id record-id") and dead letters ("route dead-letter-id"). */
public final class RecordingImportAudit implements ImportAudit {

    public final List<String> filed = new CopyOnWriteArrayList<>();
    public final List<String> deadLettered = new CopyOnWriteArrayList<>();

    @Override
    public void filed(String route, String messageId, String recordId, String caseNumber) {
        filed.add(messageId + " " + recordId);
    }

    @Override
    public void duplicate(String route, String messageId, String existingRecordId) {
    }

    @Override
    public void queuedForReview(String route, String messageId, String reviewId, String reason) {
    }

    @Override
    public void deadLettered(String route, String source, String deadLetterId, String error) {
        deadLettered.add(route + " " + deadLetterId);
    }
}
