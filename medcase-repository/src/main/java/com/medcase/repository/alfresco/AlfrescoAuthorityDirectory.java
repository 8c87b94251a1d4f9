package com.medcase.repository.alfresco;

import com.medcase.repository.AuthorityDirectory;
import org.alfresco.core.model.GroupBodyCreate;
import org.alfresco.core.model.GroupEntry;
import org.alfresco.core.model.GroupMemberPaging;
import org.alfresco.core.model.GroupMembershipBodyCreate;
import org.alfresco.core.model.GroupPaging;

import java.util.LinkedHashSet;
import java.util.Set;

import static com.medcase.repository.alfresco.AlfrescoHttp.enc;

/**
 * Groups and memberships over ACS's {@code /groups} and {@code /people} endpoints (GroupsImpl). Group
 * membership is resolved by ACS when it checks a permission and when it filters search results, so a
 * membership change takes effect at once everywhere without touching a single node (PermissionServiceImpl).
 */
public final class AlfrescoAuthorityDirectory implements AuthorityDirectory {

    private static final int PAGE = 1000;
    private final AlfrescoHttp http;

    public AlfrescoAuthorityDirectory(AlfrescoHttp http) {
        this.http = http;
    }

    @Override
    public void ensureGroup(String groupAuthority, String displayName) {
        requireGroup(groupAuthority);
        if (exists(groupAuthority)) {
            return;
        }
        try {
            http.core("POST", "/groups", new GroupBodyCreate().id(groupAuthority).displayName(displayName), GroupEntry.class);
        } catch (AlfrescoApiException e) {
            if (e.status() != 409) { // created meanwhile by another node: fine
                throw e;
            }
        }
    }

    @Override
    public Set<String> members(String groupAuthority) {
        Set<String> members = new LinkedHashSet<>();
        for (int skip = 0; ; skip += PAGE) {
            GroupMemberPaging page = http.core("GET", "/groups/" + enc(groupAuthority) + "/members?skipCount=" + skip + "&maxItems=" + PAGE,
                    null, GroupMemberPaging.class);
            page.getList().getEntries().forEach(e -> members.add(e.getEntry().getId()));
            if (!Boolean.TRUE.equals(page.getList().getPagination().isHasMoreItems())) {
                return members;
            }
        }
    }

    @Override
    public void addMember(String groupAuthority, String memberAuthority) {
        GroupMembershipBodyCreate body = new GroupMembershipBodyCreate().id(memberAuthority)
                .memberType(memberAuthority.startsWith("GROUP_") ? GroupMembershipBodyCreate.MemberTypeEnum.GROUP
                        : GroupMembershipBodyCreate.MemberTypeEnum.PERSON);
        try {
            http.core("POST", "/groups/" + enc(groupAuthority) + "/members", body, null);
        } catch (AlfrescoApiException e) {
            if (e.status() == 409) {
                return; // already a member
            }
            if (e.status() == 404) {
                throw new com.medcase.repository.RepositoryException("'" + memberAuthority + "' is not a user or group in the repository"
                        + " (or group " + groupAuthority + " is missing): create it there first", e);
            }
            throw e;
        }
    }

    @Override
    public void removeMember(String groupAuthority, String memberAuthority) {
        try {
            http.core("DELETE", "/groups/" + enc(groupAuthority) + "/members/" + enc(memberAuthority), null, null);
        } catch (AlfrescoApiException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
    }

    @Override
    public boolean exists(String authority) {
        try {
            http.core("GET", (authority.startsWith("GROUP_") ? "/groups/" : "/people/") + enc(authority), null, null);
            return true;
        } catch (AlfrescoApiException e) {
            if (e.status() == 404) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Set<String> groupsOf(String userId) {
        Set<String> groups = new LinkedHashSet<>();
        for (int skip = 0; ; skip += PAGE) {
            GroupPaging page = http.core("GET", "/people/" + enc(userId) + "/groups?skipCount=" + skip + "&maxItems=" + PAGE, null, GroupPaging.class);
            page.getList().getEntries().forEach(e -> groups.add(e.getEntry().getId()));
            if (!Boolean.TRUE.equals(page.getList().getPagination().isHasMoreItems())) {
                return groups;
            }
        }
    }

    /**
     * Creates a person unless it exists ({@code POST /people}, administrators only), with a random
     * password: for the embedded default, whose people are the service's configured users and the
     * recipients of authorizations; they sign in to MedCase, never to the repository directly.
     */
    public void ensurePerson(String userId, String displayName) {
        if (exists(userId)) {
            return;
        }
        byte[] secret = new byte[24];
        new java.security.SecureRandom().nextBytes(secret);
        var body = new org.alfresco.core.model.PersonBodyCreate().id(userId).firstName(displayName).email(userId + "@medcase.invalid")
                .password(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
        try {
            http.core("POST", "/people", body, null);
        } catch (AlfrescoApiException e) {
            if (e.status() != 409) {
                throw e;
            }
        }
    }

    private static void requireGroup(String authority) {
        if (!authority.startsWith("GROUP_")) {
            throw new IllegalArgumentException("Group authorities start with GROUP_: " + authority);
        }
    }
}
