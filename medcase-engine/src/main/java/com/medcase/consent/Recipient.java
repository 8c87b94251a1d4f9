package com.medcase.consent;

import java.util.Objects;

/**
 * Who may receive information: a named party (a user authority) or a class of parties (a group
 * authority such as {@code GROUP_INSURER_ACME_ADJUSTERS}). Part 2 consents must name the party.
 */
public record Recipient(String authority, boolean partyClass) {
    public Recipient {
        Objects.requireNonNull(authority, "authority");
    }

    public static Recipient named(String userId) {
        return new Recipient(userId, false);
    }

    public static Recipient classOf(String groupAuthority) {
        return new Recipient(groupAuthority, true);
    }
}
