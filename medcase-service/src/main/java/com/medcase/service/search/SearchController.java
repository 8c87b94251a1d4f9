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

    private final RecordSearch search;

    SearchController(RecordSearch search) {
        this.search = search;
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
        return search.search(Caller.of(authentication),
                new SearchIndex.Query(q, provider, category, caseType, serviceFrom, serviceTo, start, rows));
    }
}
