package com.medcase.service.importing;

import com.medcase.audit.AuditEvent;
import com.medcase.audit.AuditLedger;
import com.medcase.importing.admin.ImportAdministration;
import com.medcase.importing.admin.ImportMonitor;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The import monitor for administrators: per-route numbers, dead letters, review queue, reprocessing. */
@RestController
class ImportController {

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
    List<?> deadLetters(@RequestParam(defaultValue = "100") int limit) {
        return administration.deadLetters(Math.min(limit, 1000));
    }

    @GetMapping("/api/import/review")
    List<?> reviewItems(@RequestParam(defaultValue = "100") int limit) {
        return administration.reviewItems(Math.min(limit, 1000));
    }

    @PostMapping("/api/import/dead-letters/{id}/reprocess")
    ImportAdministration.Result reprocess(@PathVariable String id, Authentication authentication) {
        ImportAdministration.Result result = administration.reprocess(id);
        ledger.append(AuditEvent.of(authentication.getName(), "import.reprocess", id, result.succeeded() ? "DONE" : "FAILED", null));
        return result;
    }

    @PostMapping("/api/import/review/{id}/resolve")
    ImportAdministration.Result resolve(@PathVariable String id, @RequestParam String caseNumber, Authentication authentication) {
        return administration.resolve(id, caseNumber, authentication.getName());
    }
}
