package com.medcase.service.console;

import com.medcase.audit.AuditEvent;
import com.medcase.audit.AuditLedger;
import com.medcase.importing.admin.ImportAdministration;
import com.medcase.importing.admin.ImportMonitor;
import com.medcase.service.security.Caller;
import com.medcase.service.security.MedCaseRole;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The import dashboard (administrators, as {@code /api/import/**}): per-channel counters from the ImportMonitor,
 * a throughput chart (Apache ECharts), the review queue with case assignment, and the dead letters with
 * reprocessing, each action audited.
 */
@Controller
class ConsoleImportsController {

    private final ObjectProvider<ImportMonitor> monitor;
    private final ObjectProvider<ImportAdministration> administration;
    private final ImportThroughput throughput;
    private final AuditLedger ledger;

    ConsoleImportsController(ObjectProvider<ImportMonitor> monitor, ObjectProvider<ImportAdministration> administration,
                             ImportThroughput throughput, AuditLedger ledger) {
        this.monitor = monitor;
        this.administration = administration;
        this.throughput = throughput;
        this.ledger = ledger;
    }

    @GetMapping("/console/imports")
    String dashboard(Model model, Authentication authentication) {
        requireAdmin(authentication);
        ImportMonitor m = monitor.getIfAvailable();
        ImportAdministration admin = administration.getIfAvailable();
        throughput.sample();
        model.addAttribute("caller", Caller.of(authentication));
        model.addAttribute("available", m != null);
        model.addAttribute("snapshot", m == null ? null : m.snapshot());
        model.addAttribute("deadLetters", admin == null ? List.of() : admin.deadLetters(100));
        model.addAttribute("reviewItems", admin == null ? List.of() : admin.reviewItems(100));
        model.addAttribute("chart", chart(throughput.samples()));
        return "console/imports";
    }

    @PostMapping("/console/import/dead-letters/{id}/reprocess")
    String reprocess(@PathVariable String id, Authentication authentication, RedirectAttributes redirect) {
        requireAdmin(authentication);
        ImportAdministration.Result result = administration.getObject().reprocess(id);
        ledger.append(AuditEvent.of(authentication.getName(), "import.reprocess", id, result.succeeded() ? "DONE" : "FAILED", null));
        redirect.addFlashAttribute(result.succeeded() ? "messageKey" : "errorKey",
                result.succeeded() ? "imports.reprocessed" : "imports.reprocess.failed");
        redirect.addFlashAttribute("messageArgs", new Object[]{id, result.detail()});
        return "redirect:/console/imports#dead-letters";
    }

    @PostMapping("/console/import/review/{id}/resolve")
    String resolve(@PathVariable String id, @RequestParam String caseNumber, Authentication authentication, RedirectAttributes redirect) {
        requireAdmin(authentication);
        ImportAdministration.Result result = administration.getObject().resolve(id, caseNumber.strip(), authentication.getName());
        redirect.addFlashAttribute(result.succeeded() ? "messageKey" : "errorKey",
                result.succeeded() ? "imports.resolved" : "imports.resolve.failed");
        redirect.addFlashAttribute("messageArgs", new Object[]{id, result.detail()});
        return "redirect:/console/imports#review";
    }

    /** Per-interval counts (differences of the cumulative samples) as the chart's series. */
    static Map<String, Object> chart(List<ImportThroughput.Sample> samples) {
        List<String> times = new ArrayList<>();
        List<Long> received = new ArrayList<>();
        List<Long> filed = new ArrayList<>();
        List<Long> failed = new ArrayList<>();
        for (int i = 1; i < samples.size(); i++) {
            ImportThroughput.Sample a = samples.get(i - 1);
            ImportThroughput.Sample b = samples.get(i);
            times.add(b.at().toString().substring(11, 19));
            received.add(Math.max(0, b.received() - a.received()));
            filed.add(Math.max(0, b.filed() - a.filed()));
            failed.add(Math.max(0, b.rejected() - a.rejected() + b.deadLettered() - a.deadLettered()));
        }
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("times", times);
        chart.put("received", received);
        chart.put("filed", filed);
        chart.put("failed", failed);
        return chart;
    }

    private static void requireAdmin(Authentication authentication) {
        if (!Caller.of(authentication).has(MedCaseRole.ADMIN)) {
            throw new AccessDeniedException("Import monitoring is for administrators");
        }
    }
}
