package com.medcase.service.search;

import com.medcase.service.security.Caller;
import org.springframework.stereotype.Service;

/**
 * Search as a caller: the index queried with the authorities resolved for this caller at this moment (user,
 * login groups, repository groups with active authorization groups), for the REST API and the console alike.
 */
@Service
public class RecordSearch {

    private final SearchIndex index;
    private final CallerAuthorities authorities;

    RecordSearch(SearchIndex index, CallerAuthorities authorities) {
        this.index = index;
        this.authorities = authorities;
    }

    public SearchIndex.Result search(Caller caller, SearchIndex.Query query) {
        return index.search(query, authorities.of(caller));
    }
}
