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
    private final com.medcase.service.search.RecordSearch search;
    private final org.springframework.beans.factory.ObjectProvider<com.medcase.importing.admin.ImportMonitor> importMonitor;

    private final com.medcase.service.retention.DispositionQueue dispositionQueue;
    private final org.springframework.beans.factory.ObjectProvider<com.medcase.importing.admin.ImportAdministration> importAdministration;

    ConsoleController(org.springframework.beans.factory.ObjectProvider<com.medcase.importing.admin.ImportMonitor> importMonitor,
                      org.springframework.beans.factory.ObjectProvider<com.medcase.importing.admin.ImportAdministration> importAdministration,
                      com.medcase.service.retention.DispositionQueue dispositionQueue,
                      RecordRepository repository, CaseFiling filing, JdbcHoldRepository holdRepository, LegalHolds holds,
                      JdbcDispositionQueue disposition, JdbcAuthorizationStore authorizations, AuditLedger ledger,
                      com.medcase.service.search.RecordSearch search) {
        this.search = search;
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
        // Counted through the index (the caller's readable records), not by listing every case folder.
        long records = isRecordsTeam(caller) ? search.search(caller, new com.medcase.service.search.SearchIndex.Query(
                null, null, null, null, null, null, null, null, 0, 1, false)).total() : 0;
        Map<DispositionItem.Status, Long> queue = disposition.countsByStatus();
        model.addAttribute("numbers", new Numbers(cases.size(), records, holdRepository.heldItemCount(),
                queue.getOrDefault(DispositionItem.Status.DUE, 0L) + queue.getOrDefault(DispositionItem.Status.BLOCKED_BY_HOLD, 0L),
                authorizations.count(), imports(r -> r.filed()), imports(r -> r.rejected()), imports(r -> r.deadLettered())));
        model.addAttribute("cases", cases.stream().map(ConsoleCasesController::row)
                .sorted(java.util.Comparator.comparing(ConsoleCasesController.CaseRow::opened,
                        java.util.Comparator.nullsLast(java.util.Comparator.reverseOrder()))).limit(10).toList());
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

    @PostMapping("/console/disposition/{recordId}/approve")
    String approveDisposition(@PathVariable String recordId, Authentication authentication,
                              org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
        try {
            dispositionQueue.approve(recordId, Caller.of(authentication));
            redirect.addFlashAttribute("messageKey", "disposition.approved");
            redirect.addFlashAttribute("messageArgs", new Object[]{recordId});
        } catch (RuntimeException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/console#disposition";
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
