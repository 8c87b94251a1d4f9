package com.medcase.repository;

import java.util.Map;

/**
 * The complete set of principals (users or groups, Alfresco authority names) allowed on an
 * object and what each may do. Anything not listed is refused.
 */
public record AccessProjection(Map<String, AccessLevel> entries) {
    public AccessProjection {
        entries = Map.copyOf(entries);
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
