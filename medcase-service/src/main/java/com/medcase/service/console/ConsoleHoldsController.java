package com.medcase.service.console;

import com.medcase.hold.HeldStateChange;
import com.medcase.hold.HoldException;
import com.medcase.hold.LegalHold;
import com.medcase.service.hold.HoldOperations;
import com.medcase.service.security.Caller;
import com.medcase.service.security.MedCaseRole;
import com.medcase.store.hold.JdbcHoldRepository;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Legal holds in the console: list, create, hold whole cases (also covering records filed later) or single
 * records, see what a hold holds and its history (from the audit ledger), release with a reason. Through
 * {@link HoldOperations}, as the REST API: the engine checks the legal hold administrator role before any
 * side effect and audits refusals; records managers may look.
 */
@Controller
class ConsoleHoldsController {

    private final HoldOperations holds;
    private final JdbcHoldRepository holdRepository;
    private final AuditTrail trail;
    private final com.medcase.repository.RecordRepository claimants;

    ConsoleHoldsController(HoldOperations holds, JdbcHoldRepository holdRepository, AuditTrail trail,
                           com.medcase.repository.RecordRepository claimants) {
        this.claimants = claimants;
        this.holds = holds;
        this.holdRepository = holdRepository;
        this.trail = trail;
    }

    @GetMapping("/console/holds")
    String list(@RequestParam(defaultValue = "0") int page, Model model, Authentication authentication) {
        Caller caller = requireViewer(authentication);
        List<LegalHold> all = holds.all().stream()
                .sorted(java.util.Comparator.comparing(LegalHold::active).reversed().thenComparing(LegalHold::createdAt,
                        java.util.Comparator.nullsLast(java.util.Comparator.reverseOrder()))).toList();
        model.addAttribute("caller", caller);
        model.addAttribute("page", PageView.of(all, page, PageView.DEFAULT_SIZE, "/console/holds", Map.of()));
        model.addAttribute("counts", all.stream().collect(Collectors.toMap(LegalHold::id, h -> holdRepository.itemsOf(h.id()).size())));
        model.addAttribute("canAdminister", caller.has(MedCaseRole.LEGAL_HOLD_ADMINISTRATOR));
        model.addAttribute("unconfirmed", holds.unconfirmed());
        model.addAttribute("claimantIds", claimantIds());
        return "console/holds";
    }

    @PostMapping("/console/holds")
    String create(@RequestParam(required = false) String name, @RequestParam(required = false) String matter,
                  @RequestParam(required = false) String reason, @RequestParam(required = false) String caseNumber,
                  @RequestParam(required = false) String claimantId, @RequestParam(required = false) String query,
                  Authentication authentication, RedirectAttributes redirect) {
        Caller caller = requireViewer(authentication);
        try {
            if (query != null && !query.isBlank()) {
                com.medcase.service.hold.HoldOperations.checkQuery(query); // a malformed query is refused before the hold exists
            }
            LegalHold hold = holds.create(caller, name, matter, reason);
            if (caseNumber != null && !caseNumber.isBlank()) {
                holds.addCases(caller, hold.id(), Set.of(caseNumber.strip()));
            }
            if (claimantId != null && !claimantId.isBlank()) {
                holds.addClaimants(caller, hold.id(), Set.of(claimantId.strip()));
            }
            if (query != null && !query.isBlank()) {
                holds.addQuery(caller, hold.id(), query.strip());
            }
            redirect.addFlashAttribute("messageKey", "holds.created");
            redirect.addFlashAttribute("messageArgs", new Object[]{hold.name()});
            return "redirect:/console/holds/" + hold.id();
        } catch (HoldException | IllegalArgumentException | NoSuchElementException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            redirect.addFlashAttribute("form", Map.of("name", nz(name), "matter", nz(matter), "reason", nz(reason), "caseNumber", nz(caseNumber),
                    "claimantId", nz(claimantId), "query", nz(query)));
            return caseNumber != null && !caseNumber.isBlank()
                    ? "redirect:/console/cases/" + caseNumber.strip() + "#holds" : "redirect:/console/holds#new-hold";
        }
    }

    @GetMapping("/console/holds/{holdId}")
    String detail(@PathVariable String holdId, @RequestParam(defaultValue = "0") int page, Model model, Authentication authentication) {
        Caller caller = requireViewer(authentication);
        LegalHold hold = holds.all().stream().filter(h -> h.id().equals(holdId)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("No legal hold " + holdId));
        List<AuditTrail.Row> items = trail.describe(holdRepository.itemsOf(holdId).stream().sorted().toList());
        model.addAttribute("caller", caller);
        model.addAttribute("hold", hold);
        model.addAttribute("page", PageView.of(items, page, PageView.DEFAULT_SIZE, "/console/holds/" + holdId, Map.of()));
        model.addAttribute("history", trail.about(holdId, 200));
        model.addAttribute("canAdminister", caller.has(MedCaseRole.LEGAL_HOLD_ADMINISTRATOR) && hold.active());
        model.addAttribute("unconfirmedBy", holds.unconfirmed().get(holdId));
        model.addAttribute("canConfirm", caller.has(MedCaseRole.LEGAL_HOLD_ADMINISTRATOR));
        model.addAttribute("claimantIds", claimantIds());
        return "console/hold";
    }

    @PostMapping("/console/holds/{holdId}/cases")
    String addCase(@PathVariable String holdId, @RequestParam String caseNumber, Authentication authentication, RedirectAttributes redirect) {
        Caller caller = requireViewer(authentication);
        return change(holdId, redirect, () -> holds.addCases(caller, holdId, Set.of(caseNumber.strip())));
    }

    @PostMapping("/console/holds/{holdId}/records")
    String addRecords(@PathVariable String holdId, @RequestParam String recordIds, Authentication authentication, RedirectAttributes redirect) {
        Caller caller = requireViewer(authentication);
        Set<String> ids = Arrays.stream(recordIds.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (ids.isEmpty()) {
            redirect.addFlashAttribute("errorKey", "hold.records.required");
            return "redirect:/console/holds/" + holdId;
        }
        return change(holdId, redirect, () -> holds.addRecords(caller, holdId, ids));
    }

    @PostMapping("/console/holds/{holdId}/claimants")
    String addClaimant(@PathVariable String holdId, @RequestParam String claimantId, Authentication authentication, RedirectAttributes redirect) {
        Caller caller = requireViewer(authentication);
        return change(holdId, redirect, () -> holds.addClaimants(caller, holdId, Set.of(claimantId.strip())));
    }

    @PostMapping("/console/holds/{holdId}/queries")
    String addQuery(@PathVariable String holdId, @RequestParam String query, Authentication authentication, RedirectAttributes redirect) {
        Caller caller = requireViewer(authentication);
        return change(holdId, redirect, () -> holds.addQuery(caller, holdId, query.strip()));
    }

    /** Takes the selected items out of the hold, after a confirmation and with a reason (the engine requires one). */
    @PostMapping("/console/holds/{holdId}/items/remove")
    String removeItems(@PathVariable String holdId, @RequestParam(name = "itemIds", required = false) List<String> itemIds,
                       @RequestParam(required = false) String reason, @RequestParam(defaultValue = "false") boolean confirmed,
                       Authentication authentication, RedirectAttributes redirect) {
        Caller caller = requireViewer(authentication);
        if (itemIds == null || itemIds.isEmpty()) {
            redirect.addFlashAttribute("errorKey", "hold.remove.select.required");
            return "redirect:/console/holds/" + holdId + "#items";
        }
        if (!confirmed) {
            redirect.addFlashAttribute("errorKey", "hold.remove.confirm.required");
            return "redirect:/console/holds/" + holdId + "#items";
        }
        return change(holdId, redirect, () -> holds.removeRecords(caller, holdId, new LinkedHashSet<>(itemIds), reason));
    }

    /** A legal hold administrator confirms an urgent preservation hold placed by a records manager. */
    @PostMapping("/console/holds/{holdId}/confirm")
    String confirm(@PathVariable String holdId, Authentication authentication, RedirectAttributes redirect) {
        Caller caller = requireViewer(authentication);
        if (!caller.has(MedCaseRole.LEGAL_HOLD_ADMINISTRATOR)) {
            throw new AccessDeniedException("Only legal hold administrators confirm urgent holds");
        }
        try {
            holds.confirm(caller, holdId);
            redirect.addFlashAttribute("messageKey", "hold.urgent.confirmed");
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/console/holds/" + holdId;
    }

    private List<String> claimantIds() {
        return claimants.listCases().stream()
                .map(c -> c.properties().get(com.medcase.model.MedCaseModel.PROP_CASE_CLAIMANT_ID))
                .filter(java.util.Objects::nonNull).map(String::valueOf).distinct().sorted().limit(500).toList();
    }

    @PostMapping("/console/holds/{holdId}/release")
    String release(@PathVariable String holdId, @RequestParam(required = false) String reason,
                   @RequestParam(defaultValue = "false") boolean confirmed, Authentication authentication, RedirectAttributes redirect) {
        Caller caller = requireViewer(authentication);
        if (!confirmed) {
            redirect.addFlashAttribute("errorKey", "hold.release.confirm.required");
            return "redirect:/console/holds/" + holdId + "#release";
        }
        return change(holdId, redirect, () -> holds.release(caller, holdId, reason));
    }

    private String change(String holdId, RedirectAttributes redirect, java.util.function.Supplier<HeldStateChange> operation) {
        try {
            HeldStateChange change = operation.get();
            redirect.addFlashAttribute("messageKey", "hold.changed");
            redirect.addFlashAttribute("messageArgs", new Object[]{change.nowHeld().size(), change.nowFree().size()});
        } catch (HoldException | IllegalArgumentException | NoSuchElementException | com.medcase.repository.RepositoryException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/console/holds/" + holdId;
    }

    /** GET /api/holds is for legal hold administrators and records managers; changes are checked by the engine. */
    private static Caller requireViewer(Authentication authentication) {
        Caller caller = Caller.of(authentication);
        if (!caller.has(MedCaseRole.LEGAL_HOLD_ADMINISTRATOR) && !caller.has(MedCaseRole.RECORDS_MANAGER)) {
            throw new AccessDeniedException("Legal holds are for legal hold administrators and records managers");
        }
        return caller;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

}
