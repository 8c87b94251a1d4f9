package com.medcase.consent;

/**
 * What the internal records-team roles may do, independent of authorizations (the firm holds the
 * records it works). Explicit table, most restrictive first:
 * <pre>
 * role                       READ_METADATA  READ_CONTENT                        WRITE
 * RECORDS_MANAGER            all            all                                 all
 * RECORDS_CLERK              all            all but psychotherapy and Part 2    all but psychotherapy and Part 2
 * LEGAL_HOLD_ADMINISTRATOR   all            none                                none
 * OUTSIDE_PARTY              (never decided here: authorizations only)
 * </pre>
 * Clerks file and prepare records; psychotherapy notes and Part 2 records are the two categories
 * federal law protects beyond ordinary PHI, so only managers handle their content.
 */
public final class RolePolicy {

    static final String RULE_MANAGER = "role:records-manager";
    static final String RULE_CLERK = "role:records-clerk";
    static final String RULE_CLERK_PROTECTED = "role:records-clerk:protected-category";
    static final String RULE_HOLD_ADMIN_METADATA = "role:legal-hold-administrator:metadata";
    static final String RULE_HOLD_ADMIN_NO_CONTENT = "role:legal-hold-administrator:no-content";

    private static final AccessDecision MANAGER = permit(RULE_MANAGER);
    private static final AccessDecision CLERK = permit(RULE_CLERK);
    private static final AccessDecision CLERK_DENIED = AccessDecision.deny(RULE_CLERK_PROTECTED);
    private static final AccessDecision HOLD_ADMIN_METADATA = permit(RULE_HOLD_ADMIN_METADATA);
    private static final AccessDecision HOLD_ADMIN_DENIED = AccessDecision.deny(RULE_HOLD_ADMIN_NO_CONTENT);

    private RolePolicy() {
    }

    static AccessDecision decide(Principal.Role role, Action action, RecordFacts record) {
        return switch (role) {
            case RECORDS_MANAGER -> MANAGER;
            case RECORDS_CLERK -> action == Action.READ_METADATA || !(record.isPsychotherapyNotes() || record.isPart2())
                    ? CLERK : CLERK_DENIED;
            case LEGAL_HOLD_ADMINISTRATOR -> action == Action.READ_METADATA ? HOLD_ADMIN_METADATA : HOLD_ADMIN_DENIED;
            case OUTSIDE_PARTY -> throw new IllegalArgumentException("Outside parties are decided by authorizations, not roles");
        };
    }

    private static AccessDecision permit(String rule) {
        return new AccessDecision(AccessDecision.Outcome.PERMIT, java.util.List.of(rule), java.util.Set.of());
    }
}
