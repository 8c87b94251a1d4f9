package com.medcase.repository;

import java.util.Set;

/**
 * The repository's users and groups, as far as MedCase manages them: the records-team role groups
 * and one group per active authorization ({@code GROUP_MC_AUTH_<id>}) whose members are its recipients.
 * Authority names are ACS's: a user id, or {@code GROUP_<name>}.
 */
public interface AuthorityDirectory {

    /** Creates the group unless it exists. */
    void ensureGroup(String groupAuthority, String displayName);

    /** Direct members of a group (users and groups). */
    Set<String> members(String groupAuthority);

    /** Adds a user or group; adding a member already present changes nothing. */
    void addMember(String groupAuthority, String memberAuthority);

    /** Removes a member; removing one that is absent changes nothing. */
    void removeMember(String groupAuthority, String memberAuthority);

    /** Whether a user or group of this name exists in the repository. */
    boolean exists(String authority);

    /** Every group containing the user, directly or through nested groups. */
    Set<String> groupsOf(String userId);
}
