package com.medcase.service.console;

import com.medcase.audit.AuditLedger;
import com.medcase.store.hold.JdbcHoldRepository;
import com.medcase.hold.LegalHolds;
import com.medcase.repository.CaseFolder;
import com.medcase.repository.RecordRepository;
import com.medcase.retention.DispositionItem;
import com.medcase.service.cases.CaseFiling;
import com.medcase.service.security.Caller;
import com.medcase.service.security.MedCaseRole;
import com.medcase.store.consent.JdbcAuthorizationStore;
import com.medcase.store.retention.JdbcDispositionQueue;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;
import java.util.Map;

/**
 * The records and admin console (server-rendered; forms carry the CSRF token). It shows what the
 * REST API offers, with the same role rules: a page section a role may not use is not rendered,
 * and the actions behind it are refused anyway.
 */
@Controller
class ConsoleController {

    private final RecordRepository repository;
    private final CaseFiling filing;
    private final JdbcHoldRepository holdRepository;
    private final LegalHolds holds;
    private final JdbcDispositionQueue disposition;
    private final JdbcAuthorizationStore authorizations;
    private final AuditLedger ledger;
    private final org.springframework.beans.factory.ObjectProvider<com.medcase.importing.admin.ImportMonitor> importMonitor;

    private final com.medcase.service.retention.DispositionQueue dispositionQueue;
    private final org.springframework.beans.factory.ObjectProvider<com.medcase.importing.admin.ImportAdministration> importAdministration;

    ConsoleController(org.springframework.beans.factory.ObjectProvider<com.medcase.importing.admin.ImportMonitor> importMonitor,
                      org.springframework.beans.factory.ObjectProvider<com.medcase.importing.admin.ImportAdministration> importAdministration,
                      com.medcase.service.retention.DispositionQueue dispositionQueue,
                      RecordRepository repository, CaseFiling filing, JdbcHoldRepository holdRepository, LegalHolds holds,
                      JdbcDispositionQueue disposition, JdbcAuthorizationStore authorizations, AuditLedger ledger) {
        this.importMonitor = importMonitor;
        this.importAdministration = importAdministration;
        this.dispositionQueue = dispositionQueue;
        this.repository = repository;
        this.filing = filing;
        this.holdRepository = holdRepository;
        this.holds = holds;
        this.disposition = disposition;
        this.authorizations = authorizations;
        this.ledger = ledger;
    }

    /** The admin numbers panel's figures. */
    record Numbers(int cases, long records, long held, long dueForDisposition, long authorizations,
                   long imported, long rejected, long deadLettered) {
    }

    @GetMapping({"/", "/console"})
    String dashboard(Model model, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        model.addAttribute("caller", caller);
        List<CaseFolder> cases = isRecordsTeam(caller) ? repository.listCases() : List.of();
        long records = cases.stream().mapToLong(c -> repository.listRecords(c.id()).size()).sum();
        Map<DispositionItem.Status, Long> queue = disposition.countsByStatus();
        model.addAttribute("numbers", new Numbers(cases.size(), records, holdRepository.heldItemCount(),
                queue.getOrDefault(DispositionItem.Status.DUE, 0L) + queue.getOrDefault(DispositionItem.Status.BLOCKED_BY_HOLD, 0L),
                authorizations.count(), imports(r -> r.filed()), imports(r -> r.rejected()), imports(r -> r.deadLettered())));
        model.addAttribute("cases", cases);
        model.addAttribute("holds", caller.has(MedCaseRole.LEGAL_HOLD_ADMINISTRATOR) || caller.has(MedCaseRole.RECORDS_MANAGER)
                ? holds.all() : List.of());
        model.addAttribute("isAdmin", caller.has(MedCaseRole.ADMIN));
        model.addAttribute("isManager", caller.has(MedCaseRole.RECORDS_MANAGER));
        model.addAttribute("due", caller.has(MedCaseRole.RECORDS_MANAGER) ? dispositionQueue.due(null, 50) : List.of());
        var administration = importAdministration.getIfAvailable();
        model.addAttribute("deadLetters", caller.has(MedCaseRole.ADMIN) && administration != null
                ? administration.deadLetters(50) : List.of());
        model.addAttribute("verification", caller.has(MedCaseRole.ADMIN) ? ledger.verify() : null);
        return "console/dashboard";
    }

    @GetMapping("/console/cases/{caseNumber}")
    String caseDetail(@PathVariable String caseNumber, Model model, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        if (!isRecordsTeam(caller)) {
            throw new org.springframework.security.access.AccessDeniedException("Case folders are for the records team");
        }
        CaseFolder folder = filing.find(caseNumber);
        model.addAttribute("caller", caller);
        model.addAttribute("folder", folder);
        List<com.medcase.repository.StoredRecord> records = repository.listRecords(folder.id());
        // The console's case page lists records as the API does: audited alike (issue 10).
        ledger.append(new com.medcase.audit.AuditEvent(authentication.getName(), null, "case.records.list", folder.id(), "DONE", null,
                java.util.Map.of("records", String.join(",", records.stream().map(com.medcase.repository.StoredRecord::id).toList()),
                        "channel", "console")));
        model.addAttribute("records", records);
        return "console/case";
    }

    @PostMapping("/console/holds")
    String createHold(@RequestParam String name, @RequestParam String matter, @RequestParam String reason,
                      Authentication authentication) {
        holds.create(Caller.of(authentication).asHoldAdministrator(), name, matter, reason);
        return "redirect:/console";
    }

    @PostMapping("/console/disposition/{recordId}/approve")
    String approveDisposition(@PathVariable String recordId, Authentication authentication) {
        dispositionQueue.approve(recordId, Caller.of(authentication));
        return "redirect:/console#disposition";
    }

    @PostMapping("/console/import/dead-letters/{id}/reprocess")
    String reprocess(@PathVariable String id, Authentication authentication) {
        var administration = importAdministration.getObject();
        var result = administration.reprocess(id);
        ledger.append(com.medcase.audit.AuditEvent.of(authentication.getName(), "import.reprocess", id,
                result.succeeded() ? "DONE" : "FAILED", null));
        return "redirect:/console#dead-letters";
    }

    private long imports(java.util.function.ToLongFunction<com.medcase.importing.pipeline.ImportMetrics.RouteSnapshot> count) {
        var monitor = importMonitor.getIfAvailable();
        return monitor == null ? 0 : monitor.snapshot().routes().stream().mapToLong(count).sum();
    }

    private static boolean isRecordsTeam(Caller caller) {
        return caller.has(MedCaseRole.RECORDS_MANAGER) || caller.has(MedCaseRole.RECORDS_CLERK)
                || caller.has(MedCaseRole.LEGAL_HOLD_ADMINISTRATOR);
    }
}
