package com.medcase.consent;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * What the internal records-team roles may do, independent of authorizations (the firm holds the
 * records it works). Configuration; the service binds it under {@code medcase.consent.roles}.
 * The documented default ({@link #DEFAULT}):
 * <pre>
 * role                       READ_METADATA  READ_CONTENT                        WRITE
 * RECORDS_MANAGER            ALL            ALL                                 ALL
 * RECORDS_CLERK              ALL            UNPROTECTED                         UNPROTECTED
 * LEGAL_HOLD_ADMINISTRATOR   ALL            NONE                                NONE
 * OPERATIONS                 NONE           NONE                                NONE   (fixed: cannot be configured)
 * OUTSIDE_PARTY              (never decided here: authorizations only)
 * </pre>
 * "Protected" are psychotherapy notes and Part 2 records, the two categories federal law protects
 * beyond ordinary PHI. A firm may let a role handle protected records administratively (file, label,
 * redact, produce) for stated purposes ({@code administrativePurposes}); the decision then names the
 * purpose, so the audit entry does. Default: no role has administrative purposes, so only managers
 * handle protected content.
 *
 * @param reach                  per role and action, how far the role reaches; a missing entry is NONE
 * @param administrativePurposes per role, the purposes for which UNPROTECTED reach extends to protected records
 */
public record RoleTable(Map<Principal.Role, Map<Action, Reach>> reach, Map<Principal.Role, Set<Purpose>> administrativePurposes) {

    public enum Reach {
        /** Never. */
        NONE,
        /** All but psychotherapy notes and Part 2 records (unless an administrative purpose is stated). */
        UNPROTECTED,
        /** Every record. */
        ALL
    }

    public static final RoleTable DEFAULT = new RoleTable(Map.of(
            Principal.Role.RECORDS_MANAGER, Map.of(Action.READ_METADATA, Reach.ALL, Action.READ_CONTENT, Reach.ALL, Action.WRITE, Reach.ALL),
            Principal.Role.RECORDS_CLERK, Map.of(Action.READ_METADATA, Reach.ALL, Action.READ_CONTENT, Reach.UNPROTECTED,
                    Action.WRITE, Reach.UNPROTECTED),
            Principal.Role.LEGAL_HOLD_ADMINISTRATOR, Map.of(Action.READ_METADATA, Reach.ALL)),
            Map.of());

    public RoleTable {
        if (reach == null) {
            reach = DEFAULT.reach();
        }
        Map<Principal.Role, Map<Action, Reach>> copy = new EnumMap<>(Principal.Role.class);
        reach.forEach((role, actions) -> copy.put(role, Map.copyOf(actions)));
        if (copy.containsKey(Principal.Role.OUTSIDE_PARTY)) {
            throw new IllegalArgumentException("Outside parties are decided by authorizations; remove OUTSIDE_PARTY from the role table");
        }
        if (copy.getOrDefault(Principal.Role.OPERATIONS, Map.of()).values().stream().anyMatch(r -> r != Reach.NONE)) {
            // Least privilege is the rule, not a default: operators never read records.
            throw new IllegalArgumentException("The OPERATIONS role never reads or writes records; remove it from the role table");
        }
        reach = Map.copyOf(copy);
        Map<Principal.Role, Set<Purpose>> purposes = new EnumMap<>(Principal.Role.class);
        if (administrativePurposes != null) {
            administrativePurposes.forEach((role, set) -> purposes.put(role, Set.copyOf(set)));
        }
        if (!purposes.getOrDefault(Principal.Role.OPERATIONS, Set.of()).isEmpty()) {
            throw new IllegalArgumentException("The OPERATIONS role has no administrative purposes; remove it from administrativePurposes");
        }
        administrativePurposes = Map.copyOf(purposes);
    }

    /** The default table, with {@code role} allowed to handle protected records for {@code purposes}. */
    public static RoleTable withAdministrativePurposes(Principal.Role role, Set<Purpose> purposes) {
        return new RoleTable(DEFAULT.reach(), Map.of(role, purposes));
    }

    public Reach reachOf(Principal.Role role, Action action) {
        Map<Action, Reach> actions = reach.get(role);
        Reach r = actions == null ? null : actions.get(action);
        return r == null ? Reach.NONE : r;
    }

    public boolean administrative(Principal.Role role, Purpose purpose) {
        return administrativePurposes.getOrDefault(role, Set.of()).contains(purpose);
    }
}
