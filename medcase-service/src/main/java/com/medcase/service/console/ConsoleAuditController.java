package com.medcase.service.console;

import com.medcase.audit.AuditEvent;
import com.medcase.audit.AuditLedger;
import com.medcase.service.security.Caller;
import com.medcase.service.security.MedCaseRole;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The audit viewer (administrators, as {@code /api/audit}): filters by case, record, user, action and day,
 * readable names, the chain's verification status, and a CSV export that is itself audited.
 */
@Controller
class ConsoleAuditController {

    private final AuditTrail trail;
    private final AuditLedger ledger;

    ConsoleAuditController(AuditTrail trail, AuditLedger ledger) {
        this.trail = trail;
        this.ledger = ledger;
    }

    @GetMapping("/console/audit")
    String audit(@RequestParam(required = false) String caseNumber, @RequestParam(required = false) String recordId,
                 @RequestParam(required = false) String user, @RequestParam(required = false) String action,
                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                 @RequestParam(defaultValue = "0") int page, Model model, Authentication authentication) {
        requireAdmin(authentication);
        AuditTrail.Filter filter = new AuditTrail.Filter(caseNumber, recordId, user, action, from, to);
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("caseNumber", caseNumber);
        parameters.put("recordId", recordId);
        parameters.put("user", user);
        parameters.put("action", action);
        parameters.put("from", from == null ? null : from.toString());
        parameters.put("to", to == null ? null : to.toString());
        int size = 50;
        try {
            AuditTrail.Found found = trail.search(filter, Math.max(0, page), size);
            long total = (long) Math.max(0, page) * size + found.rows().size() + (found.more() ? 1 : 0);
            model.addAttribute("page", new PageView<>(found.rows(), Math.max(0, page), size, total, "/console/audit", parameters));
        } catch (java.util.NoSuchElementException e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute("page", new PageView<>(java.util.List.of(), 0, size, 0, "/console/audit", parameters));
        }
        model.addAttribute("filters", parameters);
        model.addAttribute("csvLink", new PageView<>(java.util.List.of(), 0, size, 0, "/console/audit.csv", parameters).link(Map.of()));
        model.addAttribute("verification", ledger.verify());
        model.addAttribute("caller", Caller.of(authentication));
        return "console/audit";
    }

    @GetMapping("/console/audit.csv")
    void csv(@RequestParam(required = false) String caseNumber, @RequestParam(required = false) String recordId,
             @RequestParam(required = false) String user, @RequestParam(required = false) String action,
             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
             HttpServletResponse response, Authentication authentication) throws IOException {
        requireAdmin(authentication);
        // Exporting the trail discloses who did what to which record: the export is audited too.
        ledger.append(AuditEvent.of(authentication.getName(), "audit.export", "ledger", "DONE", null));
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"medcase-audit.csv\"");
        response.setHeader("X-Content-Type-Options", "nosniff");
        OutputStreamWriter out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        trail.writeCsv(new AuditTrail.Filter(caseNumber, recordId, user, action, from, to), out);
        out.flush();
    }

    private static void requireAdmin(Authentication authentication) {
        if (!Caller.of(authentication).has(MedCaseRole.ADMIN)) {
            throw new AccessDeniedException("The audit trail is for administrators");
        }
    }
}
