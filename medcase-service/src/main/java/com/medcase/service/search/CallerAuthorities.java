package com.medcase.service.search;

import com.medcase.enforcement.RecordAccessEnforcer;
import com.medcase.repository.AuthorityDirectory;
import com.medcase.repository.RepositoryException;
import com.medcase.service.security.Caller;
import org.springframework.stereotype.Component;

import com.medcase.store.consent.JdbcAuthorizationStore;

import java.time.Clock;
import java.time.Instant;
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
    private final JdbcAuthorizationStore authorizations;
    private final Clock clock;

    CallerAuthorities(AuthorityDirectory directory, JdbcAuthorizationStore authorizations, Clock clock) {
        this.directory = directory;
        this.authorizations = authorizations;
        this.clock = clock;
    }

    public Set<String> of(Caller caller) {
        Set<String> authorities = new LinkedHashSet<>(caller.readerAuthorities());
        try {
            authorities.addAll(directory.groupsOf(caller.id()));
        } catch (RepositoryException notAPersonThere) {
            // A service-only user (an administrator or a provider feed) has no repository groups.
        }
        // An authorization that ended a moment ago may still have its group filled until the sweep runs:
        // search honours the end at its instant all the same.
        Instant now = clock.instant();
        authorities.removeIf(a -> a.startsWith(RecordAccessEnforcer.AUTHORIZATION_GROUP_PREFIX) && !activeGroup(a, now));
        return authorities;
    }

    private boolean activeGroup(String group, Instant now) {
        String suffix = group.substring(RecordAccessEnforcer.AUTHORIZATION_GROUP_PREFIX.length());
        // Authorization ids are restricted to the characters of a group id, so the group names its authorization.
        return authorizations.find(suffix).map(a -> a.isActiveAt(now)).orElse(false);
    }
}
