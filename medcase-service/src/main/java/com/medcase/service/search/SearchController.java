package com.medcase.service.search;

import com.medcase.service.security.Caller;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;

/** Consent-filtered search with facets by provider, category, case type and year of service. */
@RestController
class SearchController {

    private final SearchIndex index;
    private final CallerAuthorities authorities;
    private final com.medcase.audit.AuditLedger ledger;

    SearchController(SearchIndex index, CallerAuthorities authorities, com.medcase.audit.AuditLedger ledger) {
        this.index = index;
        this.authorities = authorities;
        this.ledger = ledger;
    }

    @GetMapping("/api/search")
    SearchIndex.Result search(@RequestParam(required = false) String q,
                              @RequestParam(required = false) String provider,
                              @RequestParam(required = false) String category,
                              @RequestParam(required = false) String caseType,
                              @RequestParam(required = false) LocalDate serviceFrom,
                              @RequestParam(required = false) LocalDate serviceTo,
                              @RequestParam(defaultValue = "0") int start,
                              @RequestParam(defaultValue = "20") int rows,
                              Authentication authentication) {
        SearchIndex.Result result = index.search(new SearchIndex.Query(q, provider, category, caseType, serviceFrom, serviceTo,
                start, rows), authorities.of(Caller.of(authentication)));
        // A hit list discloses which records exist and their names: audited with the real user (issue 10). The entry
        // names the hit ids only, never the query text or hit names, which may carry PHI.
        ledger.append(new com.medcase.audit.AuditEvent(authentication.getName(), null, "search.hits", "search", "DONE", null,
                java.util.Map.of("total", Long.toString(result.total()), "start", Integer.toString(start),
                        "hits", String.join(",", result.hits().stream().map(SearchIndex.Hit::id).toList()))));
        return result;
    }
}
