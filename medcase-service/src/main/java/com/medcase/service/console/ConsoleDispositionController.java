package com.medcase.service.console;

import com.medcase.model.MedCaseModel;
import com.medcase.retention.DispositionItem;
import com.medcase.service.retention.DispositionQueue;
import com.medcase.service.security.Caller;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Disposition for records managers: the due list with filters and paging, bulk approval showing per item
 * what happened, execution with its progress and the certificates it issued. Everything goes through
 * {@link DispositionQueue}, as the REST API does; this class only turns forms into calls and results into pages.
 * The security chain keeps {@code /console/disposition/**} for records managers.
 */
@Controller
class ConsoleDispositionController {

    private final DispositionQueue disposition;

    ConsoleDispositionController(DispositionQueue disposition) {
        this.disposition = disposition;
    }

    @GetMapping("/console/disposition")
    String list(@RequestParam(required = false) DispositionItem.Status status, @RequestParam(required = false) String caseNumber,
                @RequestParam(required = false) String category,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dueBy,
                @RequestParam(defaultValue = "0") int page, Model model, Authentication authentication) {
        int size = PageView.DEFAULT_SIZE;
        DispositionQueue.Rows rows = disposition.list(status, caseNumber, category, dueBy, page, size);
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("status", status == null ? "" : status.name());
        filters.put("caseNumber", caseNumber == null ? "" : caseNumber);
        filters.put("category", category == null ? "" : category);
        filters.put("dueBy", dueBy == null ? "" : dueBy.toString());
        model.addAttribute("caller", Caller.of(authentication));
        model.addAttribute("page", new PageView<>(rows.rows(), Math.max(0, page), size, rows.total(), "/console/disposition", filters));
        model.addAttribute("filters", filters);
        model.addAttribute("statuses", List.of(DispositionItem.Status.DUE, DispositionItem.Status.APPROVED,
                DispositionItem.Status.BLOCKED_BY_HOLD, DispositionItem.Status.SCHEDULED));
        model.addAttribute("categories", MedCaseModel.RECORD_CATEGORIES);
        model.addAttribute("counts", disposition.counts());
        return "console/disposition";
    }

    /** Bulk approval: the outcome of each selected item is shown on the list the manager comes back to. */
    @PostMapping("/console/disposition/approvals")
    String approve(@RequestParam(name = "recordIds", required = false) List<String> recordIds, @RequestParam(required = false) String back,
                   Authentication authentication, RedirectAttributes redirect) {
        if (recordIds == null || recordIds.isEmpty()) {
            redirect.addFlashAttribute("errorKey", "disposition.select.required");
        } else {
            redirect.addFlashAttribute("outcomes", disposition.approveAll(recordIds, Caller.of(authentication)));
            redirect.addFlashAttribute("outcomeNames", disposition.names(recordIds));
        }
        return "redirect:" + backTo(back);
    }

    @PostMapping("/console/disposition/executions")
    String execute(@RequestParam(name = "recordIds", required = false) List<String> recordIds, @RequestParam(required = false) String back,
                   Authentication authentication, RedirectAttributes redirect) {
        if (recordIds == null || recordIds.isEmpty()) {
            redirect.addFlashAttribute("errorKey", "disposition.select.required");
            return "redirect:" + backTo(back);
        }
        return "redirect:/console/disposition/executions/" + disposition.startExecution(recordIds, Caller.of(authentication)).id();
    }

    @GetMapping("/console/disposition/executions/{runId}")
    String run(@PathVariable String runId, Model model, Authentication authentication) {
        model.addAttribute("caller", Caller.of(authentication));
        model.addAttribute("run", disposition.run(runId));
        return "console/disposition-run";
    }

    /** Only back to the list itself (with its filters): never an address taken from the form as is. */
    private static String backTo(String back) {
        return back != null && back.startsWith("/console/disposition") && !back.contains("//") ? back : "/console/disposition";
    }
}
