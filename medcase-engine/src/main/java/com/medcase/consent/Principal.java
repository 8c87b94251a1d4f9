package com.medcase.consent;

import java.util.Objects;
import java.util.Set;

/** Who asks: a records-team member in one role, an operator of the service, or an outside party, with its group authorities. */
public record Principal(String id, Role role, Set<String> groups) {

    /**
     * {@code OPERATIONS} runs the service (imports, audit verification, the console's monitors): least privilege
     * (45 CFR 164.308(a)(3), 164.514(d) minimum necessary) keeps it out of every record's metadata and content,
     * whatever the category or purpose; {@link RoleTable} refuses to widen it.
     */
    public enum Role { RECORDS_MANAGER, RECORDS_CLERK, LEGAL_HOLD_ADMINISTRATOR, OPERATIONS, OUTSIDE_PARTY }

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
