package com.medcase.repository;

import java.util.Map;
import java.util.Set;

/**
 * The complete set of principals (users or groups, Alfresco authority names) allowed on an
 * object and what each may do, and those explicitly denied (a claimant's restriction naming them).
 * Anything not allowed is refused; a denied authority is refused even where a group it belongs to is
 * allowed (ACS evaluates DENIED before ALLOWED at the same node).
 */
public record AccessProjection(Map<String, AccessLevel> entries, Set<String> denied) {
    public AccessProjection {
        entries = Map.copyOf(entries);
        denied = Set.copyOf(denied);
    }

    public AccessProjection(Map<String, AccessLevel> entries) {
        this(entries, Set.of());
    }

    public enum AccessLevel {
        /** Read properties and content. */
        READ,
        /** Read and change properties and content, but not delete or change permissions. */
        WRITE,
        /** Everything, including delete and permission changes. */
        ALL
    }
}
