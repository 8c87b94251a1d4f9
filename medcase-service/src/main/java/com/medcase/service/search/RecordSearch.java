package com.medcase.service.search;

import com.medcase.audit.AuditEvent;
import com.medcase.audit.AuditLedger;
import com.medcase.service.security.Caller;
import org.springframework.stereotype.Service;

import java.util.Map;

/**
 * Search as a caller: the index queried with the authorities resolved for this caller at this moment (user,
 * login groups, repository groups with active authorization groups), for the REST API and the console alike.
 * A hit list discloses which records exist and their names, so every search is audited with the real user (issue 10):
 * the entry names the hit ids only, never the query text or hit names, which may carry PHI.
 */
@Service
public class RecordSearch {

    private final SearchIndex index;
    private final CallerAuthorities authorities;
    private final AuditLedger ledger;

    RecordSearch(SearchIndex index, CallerAuthorities authorities, AuditLedger ledger) {
        this.index = index;
        this.authorities = authorities;
        this.ledger = ledger;
    }

    public SearchIndex.Result search(Caller caller, SearchIndex.Query query) {
        SearchIndex.Result result = index.search(query, authorities.of(caller));
        ledger.append(new AuditEvent(caller.id(), null, "search.hits", "search", "DONE", null,
                Map.of("total", Long.toString(result.total()), "start", Integer.toString(query.start()),
                        "hits", String.join(",", result.hits().stream().map(SearchIndex.Hit::id).toList()))));
        return result;
    }
}
