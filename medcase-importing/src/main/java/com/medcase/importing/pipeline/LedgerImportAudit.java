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

    /**
     * The ledger gets an error code, never the error text: parser and repository messages quote the payload
     * (a PID segment, a patient's name), and the ledger is append-only. The text stays with the dead letter,
     * shown only to import administrators.
     */
    @Override
    public void deadLettered(String route, String source, String deadLetterId, String error) {
        append(route, "import.dead-letter", deadLetterId, "DEAD_LETTERED", errorCode(error), Map.of("source", identifiersOnly(source)));
    }

    /** A fixed code for an import error text (the words before its first colon, when they are one of ours). */
    public static String errorCode(String error) {
        String head = error == null ? "" : error.split(":", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        return switch (head) {
            case "rejected" -> "REJECTED";
            case "application error" -> "APPLICATION_ERROR";
            case "quarantined" -> "QUARANTINED";
            case "filing failed" -> "FILING_FAILED";
            default -> head.startsWith("quarantined") ? "QUARANTINED" : head.startsWith("filing failed") ? "FILING_FAILED"
                    : head.matches("[a-z_]{1,40}") ? head.toUpperCase(java.util.Locale.ROOT) : "IMPORT_ERROR";
        };
    }

    /** Route sources are channel, batch and control ids; anything else in them is cut off. */
    static String identifiersOnly(String source) {
        String s = source == null ? "" : source.replaceAll("[^A-Za-z0-9 ._:/=@-]", "?");
        return s.length() > 200 ? s.substring(0, 200) : s;
    }
}
