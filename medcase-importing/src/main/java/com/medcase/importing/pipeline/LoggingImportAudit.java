package com.medcase.importing.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default audit when the service provides none: identifiers only, at INFO. */
public final class LoggingImportAudit implements ImportAudit {

    private static final Logger LOG = LoggerFactory.getLogger("medcase.import.audit");

    @Override
    public void filed(String route, String messageId, String recordId, String caseNumber) {
        LOG.info("filed route={} message={} record={} case={}", route, messageId, recordId, caseNumber);
    }

    @Override
    public void duplicate(String route, String messageId, String existingRecordId) {
        LOG.info("duplicate route={} message={} existing={}", route, messageId, existingRecordId);
    }

    @Override
    public void queuedForReview(String route, String messageId, String reviewId, String reason) {
        LOG.info("review route={} message={} review={} reason={}", route, messageId, reviewId, reason);
    }

    @Override
    public void deadLettered(String route, String source, String deadLetterId, String error) {
        // the code only: error texts may quote the payload
        LOG.warn("dead-letter route={} source={} id={} error={}", route, LedgerImportAudit.identifiersOnly(source), deadLetterId,
                LedgerImportAudit.errorCode(error));
    }
}
