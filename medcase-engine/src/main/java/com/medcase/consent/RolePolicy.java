package com.medcase.consent;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides records-team requests from a {@link RoleTable}. Reasons are rule ids starting with
 * {@code role:}; a permit for an administrative purpose on a protected record names the purpose
 * ({@code role:records-clerk:administrative:RECORDS_ADMINISTRATION}), so the audit entry does.
 */
public final class RolePolicy {

    static final String RULE_MANAGER = "role:records-manager";
    static final String RULE_CLERK = "role:records-clerk";
    static final String RULE_CLERK_PROTECTED = "role:records-clerk:protected-category";
    static final String RULE_HOLD_ADMIN_METADATA = "role:legal-hold-administrator:metadata";
    static final String RULE_HOLD_ADMIN_NO_CONTENT = "role:legal-hold-administrator:no-content";

    private final RoleTable table;

    RolePolicy(RoleTable table) {
        this.table = table;
    }

    AccessDecision decide(Principal.Role role, Action action, RecordFacts record, Purpose purpose) {
        if (role == Principal.Role.OUTSIDE_PARTY) {
            throw new IllegalArgumentException("Outside parties are decided by authorizations, not roles");
        }
        String name = "role:" + role.name().toLowerCase(Locale.ROOT).replace('_', '-');
        boolean isProtected = record.isPsychotherapyNotes() || record.isPart2();
        return switch (table.reachOf(role, action)) {
            case ALL -> permit(role == Principal.Role.LEGAL_HOLD_ADMINISTRATOR && action == Action.READ_METADATA
                    ? RULE_HOLD_ADMIN_METADATA : name);
            case UNPROTECTED -> !isProtected ? permit(name)
                    : table.administrative(role, purpose) ? permit(name + ":administrative:" + purpose.name())
                    : AccessDecision.deny(name + ":protected-category");
            case NONE -> AccessDecision.deny(name + (action == Action.READ_METADATA ? ":no-metadata" : ":no-content"));
        };
    }

    private static AccessDecision permit(String rule) {
        return new AccessDecision(AccessDecision.Outcome.PERMIT, List.of(rule), Set.of());
    }
}
