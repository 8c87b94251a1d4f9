package com.medcase.service.security;

import com.medcase.consent.Principal;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The authenticated caller as the engine sees it: a user id, its MedCase roles and its group
 * authorities (which the search readers filter and outside-party consents match on).
 */
public record Caller(String id, Set<MedCaseRole> roles, Set<String> groups) {

    /**
     * Engine roles tried in this order when a caller holds several: the widest records-team role wins. ADMIN
     * (operations) comes after them: it reads nothing, so a user who is also granted a records-team role reads
     * as that role, and an operator alone reads nothing.
     */
    private static final List<MedCaseRole> PRECEDENCE = List.of(MedCaseRole.RECORDS_MANAGER,
            MedCaseRole.LEGAL_HOLD_ADMINISTRATOR, MedCaseRole.RECORDS_CLERK, MedCaseRole.ADMIN, MedCaseRole.OUTSIDE_PARTY);

    public Caller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        groups = Set.copyOf(groups);
    }

    public static Caller of(Authentication authentication) {
        Set<MedCaseRole> roles = EnumSet.noneOf(MedCaseRole.class);
        Set<String> groups = new LinkedHashSet<>();
        for (GrantedAuthority granted : authentication.getAuthorities()) {
            String authority = granted.getAuthority();
            if (authority.startsWith("ROLE_")) {
                roles.add(MedCaseRole.valueOf(authority.substring("ROLE_".length())));
            } else if (authority.startsWith("GROUP_")) {
                groups.add(authority);
            }
        }
        return new Caller(authentication.getName(), roles, groups);
    }

    public boolean has(MedCaseRole role) {
        return roles.contains(role);
    }

    /** The caller as a consent-engine principal, in its widest role. */
    public Principal asPrincipal() {
        MedCaseRole widest = PRECEDENCE.stream().filter(roles::contains).findFirst().orElse(MedCaseRole.OUTSIDE_PARTY);
        return new Principal(id, widest.engineRole(), groups);
    }

    /** The caller acting as legal hold administrator; the URL rules already checked it holds that role. */
    public Principal asHoldAdministrator() {
        return new Principal(id, has(MedCaseRole.LEGAL_HOLD_ADMINISTRATOR)
                ? Principal.Role.LEGAL_HOLD_ADMINISTRATOR : asPrincipal().role(), groups);
    }

    /** Principals a search result's readers field may name for this caller: the user and its groups. */
    public Set<String> readerAuthorities() {
        Set<String> all = new LinkedHashSet<>(groups);
        all.add(id);
        return all;
    }
}
