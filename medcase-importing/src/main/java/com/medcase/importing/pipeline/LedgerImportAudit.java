package com.medcase.importing.pipeline;

import com.medcase.audit.AuditEvent;
import com.medcase.audit.AuditLedger;

import java.util.Map;

/** Import events on the hash-chained audit ledger, under the route as a system actor. */
public final class LedgerImportAudit implements ImportAudit {

    private final AuditLedger ledger;
    private final String onBehalfOf;

    /** @param onBehalfOf the administrator who configured the routes */
    public LedgerImportAudit(AuditLedger ledger, String onBehalfOf) {
        this.ledger = ledger;
        this.onBehalfOf = onBehalfOf;
    }

    private void append(String route, String action, String subject, String outcome, String reason, Map<String, String> details) {
        ledger.append(new AuditEvent("system:import-" + route, onBehalfOf, action, subject, outcome, reason, details));
    }

    @Override
    public void filed(String route, String messageId, String recordId, String caseNumber) {
        append(route, "import.file", recordId, "FILED", null, Map.of("messageId", messageId, "case", caseNumber));
    }

    @Override
    public void duplicate(String route, String messageId, String existingRecordId) {
        append(route, "import.duplicate", existingRecordId == null ? messageId : existingRecordId, "DUPLICATE", null, Map.of("messageId", messageId));
    }

    @Override
    public void queuedForReview(String route, String messageId, String reviewId, String reason) {
        append(route, "import.review", reviewId, "QUEUED", reason, Map.of("messageId", messageId));
    }

    @Override
    public void deadLettered(String route, String source, String deadLetterId, String error) {
        append(route, "import.dead-letter", deadLetterId, "DEAD_LETTERED", error, Map.of("source", source));
    }
}
