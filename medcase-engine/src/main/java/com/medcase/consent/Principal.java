package com.medcase.consent;

import java.util.Objects;
import java.util.Set;

/** Who asks: a records-team member in one role, or an outside party, with its group authorities. */
public record Principal(String id, Role role, Set<String> groups) {

    public enum Role { RECORDS_MANAGER, RECORDS_CLERK, LEGAL_HOLD_ADMINISTRATOR, OUTSIDE_PARTY }

    public Principal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        groups = Set.copyOf(groups);
    }

    public static Principal outsideParty(String id, String... groups) {
        return new Principal(id, Role.OUTSIDE_PARTY, Set.of(groups));
    }

    public static Principal recordsTeam(String id, Role role) {
        return new Principal(id, role, Set.of());
    }
}
