package com.medcase.service.importing;

import com.medcase.audit.AuditEvent;
import com.medcase.audit.AuditLedger;
import com.medcase.importing.admin.ImportAdministration;
import com.medcase.importing.admin.ImportMonitor;
import com.medcase.importing.pipeline.LedgerImportAudit;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The import monitor for import administrators (ADMIN, see SecurityConfiguration): per-channel numbers,
 * dead letters, review queue, reprocessing. Listings are masked (ids, codes, sizes: no payload bytes, no
 * error texts or document metadata, which quote patient data); one message's bytes are read through its
 * own endpoint, and every such read is audited with the real user.
 */
@RestController
class ImportController {

    /** A dead letter in a listing: what an administrator needs to choose one, nothing of the payload. */
    record DeadLetterSummary(String id, String route, String source, Instant receivedAt, String errorCode, String contentType, int size,
                             String status, int attempts, boolean edited) { }

    /** A review item in a listing. */
    record ReviewSummary(String id, String route, String messageId, Instant receivedAt, String reason, int size, String status) { }

    private final ImportMonitor monitor;
    private final ImportAdministration administration;
    private final AuditLedger ledger;

    ImportController(ImportMonitor monitor, ImportAdministration administration, AuditLedger ledger) {
        this.monitor = monitor;
        this.administration = administration;
        this.ledger = ledger;
    }

    @GetMapping("/api/import/monitor")
    ImportMonitor.Snapshot snapshot() {
        return monitor.snapshot();
    }

    @GetMapping("/api/import/dead-letters")
    List<DeadLetterSummary> deadLetters(@RequestParam(defaultValue = "100") int limit) {
        return administration.deadLetters(Math.min(limit, 1000)).stream().map(d -> new DeadLetterSummary(d.id(), d.route(), d.source(),
                d.receivedAt(), LedgerImportAudit.errorCode(d.error()), d.contentType(), d.original().length, d.status(), d.attempts(),
                d.edited() != null)).toList();
    }

    /** One dead letter with its error text and original bytes (and a correction, if any): audited. */
    @GetMapping("/api/import/dead-letters/{id}")
    ResponseEntity<Map<String, Object>> deadLetter(@PathVariable String id, Authentication authentication) {
        return administration.deadLetter(id).map(d -> {
            ledger.append(AuditEvent.of(authentication.getName(), "import.dead-letter.read", id, "DISCLOSED", null));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", d.id());
            body.put("route", d.route());
            body.put("source", d.source());
            body.put("receivedAt", d.receivedAt());
            body.put("error", d.error());
            body.put("contentType", d.contentType());
            body.put("status", d.status());
            body.put("attempts", d.attempts());
            body.put("original", Base64.getEncoder().encodeToString(d.original()));
            body.put("edited", d.edited() == null ? null : Base64.getEncoder().encodeToString(d.edited()));
            body.put("editedBy", d.editedBy());
            return ResponseEntity.ok(body);
        }).orElseGet(() -> ResponseEntity.status(404).body(Map.of("error", "No dead letter " + id)));
    }

    @GetMapping("/api/import/review")
    List<ReviewSummary> reviewItems(@RequestParam(defaultValue = "100") int limit) {
        return administration.reviewItems(Math.min(limit, 1000)).stream().map(r -> new ReviewSummary(r.id(), r.route(), r.messageId(),
                r.receivedAt(), r.reason(), r.content().length, r.status())).toList();
    }

    /** One review item with the document's metadata (names, date of birth) and bytes: audited. */
    @GetMapping("/api/import/review/{id}")
    ResponseEntity<Map<String, Object>> reviewItem(@PathVariable String id, Authentication authentication) {
        return administration.reviewItem(id).map(r -> {
            ledger.append(AuditEvent.of(authentication.getName(), "import.review.read", id, "DISCLOSED", null));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", r.id());
            body.put("route", r.route());
            body.put("messageId", r.messageId());
            body.put("receivedAt", r.receivedAt());
            body.put("reason", r.reason());
            body.put("status", r.status());
            body.put("document", r.documentJson());
            body.put("content", Base64.getEncoder().encodeToString(r.content()));
            return ResponseEntity.ok(body);
        }).orElseGet(() -> ResponseEntity.status(404).body(Map.of("error", "No review item " + id)));
    }

    /**
     * Reprocesses a dead letter. With a body, the body is the administrator's corrected message: it is
     * kept beside the original (which stays as received) and goes through the route instead.
     */
    @PostMapping("/api/import/dead-letters/{id}/reprocess")
    ImportAdministration.Result reprocess(@PathVariable String id, @RequestBody(required = false) byte[] edited, Authentication authentication) {
        boolean withEdit = edited != null && edited.length > 0;
        ImportAdministration.Result result = administration.reprocess(id, withEdit ? edited : null, authentication.getName());
        ledger.append(AuditEvent.of(authentication.getName(), withEdit ? "import.edit-and-reprocess" : "import.reprocess", id,
                result.succeeded() ? "DONE" : "FAILED", null));
        return result;
    }

    @PostMapping("/api/import/review/{id}/resolve")
    ImportAdministration.Result resolve(@PathVariable String id, @RequestParam String caseNumber, Authentication authentication) {
        ImportAdministration.Result result = administration.resolve(id, caseNumber, authentication.getName());
        ledger.append(AuditEvent.of(authentication.getName(), "import.review.resolve", id, result.succeeded() ? "DONE" : "FAILED", null));
        return result;
    }
}
