package com.medcase.service.console;

import com.medcase.model.MedCaseModel;
import com.medcase.service.search.RecordSearch;
import com.medcase.service.search.SavedSearches;
import com.medcase.service.search.SearchIndex;
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
import org.springframework.web.util.HtmlUtils;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Search in the console: full text (inside documents, extracted by Tika at filing) with facets, highlighting
 * and saved searches. Consent filtering as in the REST API ({@link RecordSearch}): totals, facets, hits and
 * snippets only ever come from records the caller may read. Open to every signed-in user, like /api/search.
 */
@Controller
class ConsoleSearchController {

    private final RecordSearch search;
    private final SavedSearches saved;

    ConsoleSearchController(RecordSearch search, SavedSearches saved) {
        this.search = search;
        this.saved = saved;
    }

    @GetMapping("/console/search")
    String search(@RequestParam(required = false) String q, @RequestParam(required = false) String provider,
                  @RequestParam(required = false) String category, @RequestParam(required = false) String caseType,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate serviceFrom,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate serviceTo,
                  @RequestParam(required = false) String year, @RequestParam(defaultValue = "serviceDate") String sort,
                  @RequestParam(defaultValue = "0") int page, Model model, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        LocalDate from = serviceFrom;
        LocalDate to = serviceTo;
        if (year != null && year.matches("\\d{4}")) {
            from = LocalDate.of(Integer.parseInt(year), 1, 1);
            to = LocalDate.of(Integer.parseInt(year), 12, 31);
        }
        int size = PageView.DEFAULT_SIZE;
        SearchIndex.Result result = search.search(caller, new SearchIndex.Query(blankToNull(q), blankToNull(provider),
                blankToNull(category), blankToNull(caseType), from, to, null, sort, Math.max(0, page) * size, size));
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("q", q);
        parameters.put("provider", provider);
        parameters.put("category", category);
        parameters.put("caseType", caseType);
        parameters.put("serviceFrom", serviceFrom == null ? null : serviceFrom.toString());
        parameters.put("serviceTo", serviceTo == null ? null : serviceTo.toString());
        parameters.put("year", year);
        parameters.put("sort", sort);
        PageView<SearchIndex.Hit> view = new PageView<>(result.hits(), Math.max(0, page), size, result.total(), "/console/search", parameters);
        model.addAttribute("caller", caller);
        model.addAttribute("page", view);
        model.addAttribute("result", result);
        Map<String, String> snippets = new LinkedHashMap<>();
        result.hits().forEach(h -> snippets.put(h.id(), snippetHtml(h.snippet())));
        model.addAttribute("snippets", snippets);
        model.addAttribute("filters", parameters);
        model.addAttribute("facetParameter", Map.of("providerName", "provider", "category", "category", "caseType", "caseType",
                "serviceYear", "year"));
        model.addAttribute("facetProperty", Map.of("providerName", MedCaseModel.PROP_SOURCE_PROVIDER_NAME,
                "category", MedCaseModel.PROP_RECORD_CATEGORY, "caseType", MedCaseModel.PROP_CASE_TYPE, "serviceYear", ""));
        model.addAttribute("categories", MedCaseModel.RECORD_CATEGORIES);
        model.addAttribute("caseTypes", MedCaseModel.CASE_TYPES);
        model.addAttribute("saved", saved.of(caller.id()));
        model.addAttribute("currentQuery", view.link(Map.of()));
        model.addAttribute("searched", blankToNull(q) != null || blankToNull(provider) != null || blankToNull(category) != null
                || blankToNull(caseType) != null || from != null || to != null);
        model.addAttribute("canOpenRecords", ConsoleCasesController.isRecordsTeam(caller));
        return "console/search";
    }

    @PostMapping("/console/search/saved")
    String save(@RequestParam(required = false) String name, @RequestParam String query, Authentication authentication,
                RedirectAttributes redirect) {
        String target = query.startsWith("/console/search") ? query : "/console/search";
        try {
            saved.save(authentication.getName(), name, target);
            redirect.addFlashAttribute("messageKey", "search.saved");
            redirect.addFlashAttribute("messageArgs", new Object[]{name});
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("errorKey", "search.save.name");
        }
        return "redirect:" + target;
    }

    @PostMapping("/console/search/saved/{id}/delete")
    String delete(@PathVariable String id, Authentication authentication, RedirectAttributes redirect) {
        saved.delete(authentication.getName(), id);
        redirect.addFlashAttribute("messageKey", "search.deleted");
        return "redirect:/console/search";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** A snippet as HTML: everything escaped, then only the highlight markers turned into {@code <mark>}. */
    static String snippetHtml(String snippet) {
        if (snippet == null) {
            return null;
        }
        return HtmlUtils.htmlEscape(snippet).replace(SearchIndex.MARK_START, "<mark>").replace(SearchIndex.MARK_END, "</mark>");
    }
}
