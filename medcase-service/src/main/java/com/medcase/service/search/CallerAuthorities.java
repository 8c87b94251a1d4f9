package com.medcase.service.search;

import com.medcase.repository.AuthorityDirectory;
import com.medcase.repository.RepositoryException;
import com.medcase.service.security.Caller;
import org.springframework.stereotype.Component;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The authorities a search runs with, resolved for every query as ACS's own search does
 * (SolrQueryHTTPClient sends the caller's authorities, groups included): the user, the groups it
 * logged in with, and every group the repository puts it in, nested ones included. An emptied
 * authorization group (revocation, expiry) therefore stops matching at the very next query, with no
 * re-indexing.
 */
@Component
public class CallerAuthorities {

    private final AuthorityDirectory directory;

    CallerAuthorities(AuthorityDirectory directory) {
        this.directory = directory;
    }

    public Set<String> of(Caller caller) {
        Set<String> authorities = new LinkedHashSet<>(caller.readerAuthorities());
        try {
            authorities.addAll(directory.groupsOf(caller.id()));
        } catch (RepositoryException notAPersonThere) {
            // A service-only user (an administrator or a provider feed) has no repository groups.
        }
        return authorities;
    }
}
