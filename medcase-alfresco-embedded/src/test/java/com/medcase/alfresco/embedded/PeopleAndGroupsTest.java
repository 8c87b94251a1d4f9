package com.medcase.alfresco.embedded;

import org.alfresco.core.model.GroupBodyCreate;
import org.alfresco.core.model.GroupEntry;
import org.alfresco.core.model.GroupMemberEntry;
import org.alfresco.core.model.GroupMemberPaging;
import org.alfresco.core.model.GroupMembershipBodyCreate;
import org.alfresco.core.model.GroupMembershipBodyCreate.MemberTypeEnum;
import org.alfresco.core.model.GroupPaging;
import org.alfresco.core.model.PersonBodyCreate;
import org.alfresco.core.model.PersonEntry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** PeopleImpl and GroupsImpl: administrators create people/groups and change members (403 otherwise); nested groups. */
class PeopleAndGroupsTest extends EmbeddedTestBase {

    /** PeopleImpl.create (admin only), PeopleImpl.getPerson; duplicate id -> 409. */
    @Test
    void people() {
        String id = unique("pat");
        Client.Res r = admin.post(Client.core("people"), new PersonBodyCreate().id(id).firstName("Pat").lastName("Lee").email("pat@example.org").password(USER_PW));
        assertThat(r.status()).isEqualTo(201);
        PersonEntry p = r.as(PersonEntry.class);
        assertThat(p.getEntry().getDisplayName()).isEqualTo("Pat Lee");
        assertThat(admin.get(Client.core("people/" + id)).as(PersonEntry.class).getEntry().getEmail()).isEqualTo("pat@example.org");
        assertError(admin.post(Client.core("people"), new PersonBodyCreate().id(id).firstName("P").email("p@x").password("x")), 409);
        assertError(admin.post(Client.core("people"), new PersonBodyCreate().id(unique("noemail")).firstName("P").password("x")), 400);
        Client pat = admin.as(id, USER_PW);
        assertError(pat.post(Client.core("people"), new PersonBodyCreate().id(unique("x")).firstName("X").email("x@x").password("x")), 403);
        assertThat(pat.get(Client.core("people/-me-")).as(PersonEntry.class).getEntry().getId()).isEqualTo(id);
        assertError(admin.get(Client.core("people/nobody-" + System.nanoTime())), 404);
    }

    /** GroupsImpl.create prefixes GROUP_; getGroupsByPersonId lists direct, nested and GROUP_EVERYONE; non-admins only their own. */
    @Test
    void groupsMembersAndNesting() {
        String outerShort = unique("outer");
        Client.Res created = admin.post(Client.core("groups"), new GroupBodyCreate().id(outerShort).displayName("Outer"));
        assertThat(created.status()).isEqualTo(201);
        GroupEntry outer = created.as(GroupEntry.class);
        assertThat(outer.getEntry().getId()).isEqualTo("GROUP_" + outerShort);
        assertThat(outer.getEntry().isIsRoot()).isTrue();
        assertError(admin.post(Client.core("groups"), new GroupBodyCreate().id(outerShort).displayName("Again")), 409);
        String inner = group(unique("inner"));
        String uid = unique("member");
        Client u = person(uid);
        Client.Res add = admin.post(Client.core("groups/" + outer.getEntry().getId() + "/members"),
                new GroupMembershipBodyCreate().id(inner).memberType(MemberTypeEnum.GROUP));
        assertThat(add.status()).isEqualTo(201);
        assertThat(add.as(GroupMemberEntry.class).getEntry().getId()).isEqualTo(inner);
        addMember(inner, uid, MemberTypeEnum.PERSON);
        assertThat(admin.get(Client.core("groups/" + inner)).as(GroupEntry.class).getEntry().isIsRoot()).isFalse();
        GroupMemberPaging members = admin.get(Client.core("groups/" + outer.getEntry().getId() + "/members")).as(GroupMemberPaging.class);
        assertThat(members.getList().getEntries()).extracting(e -> e.getEntry().getId()).containsExactly(inner);
        GroupPaging groups = admin.get(Client.core("people/" + uid + "/groups")).as(GroupPaging.class);
        assertThat(groups.getList().getEntries()).extracting(e -> e.getEntry().getId())
                .containsExactlyInAnyOrder(inner, outer.getEntry().getId(), "GROUP_EVERYONE");
        assertThat(u.get(Client.core("people/" + uid + "/groups")).status()).isEqualTo(200);
        assertError(u.get(Client.core("people/" + ADMIN + "/groups")), 403);
        // members can be changed by administrators only
        assertError(u.post(Client.core("groups/" + inner + "/members"), new GroupMembershipBodyCreate().id(uid).memberType(MemberTypeEnum.PERSON)), 403);
        assertError(u.post(Client.core("groups"), new GroupBodyCreate().id(unique("nope"))), 403);
        assertError(u.delete(Client.core("groups/" + inner)), 403);
        assertError(admin.post(Client.core("groups/" + inner + "/members"), new GroupMembershipBodyCreate().id("nobody-x").memberType(MemberTypeEnum.PERSON)), 404);
        assertError(admin.post(Client.core("groups/" + inner + "/members"), new GroupMembershipBodyCreate().id(inner).memberType(MemberTypeEnum.PERSON)), 400);
        assertError(admin.post(Client.core("groups/GROUP_EVERYONE/members"), new GroupMembershipBodyCreate().id(uid).memberType(MemberTypeEnum.PERSON)), 409);
        assertThat(admin.delete(Client.core("groups/" + outer.getEntry().getId() + "/members/" + inner)).status()).isEqualTo(204);
        assertError(admin.delete(Client.core("groups/" + outer.getEntry().getId() + "/members/" + inner)), 404);
        assertThat(admin.delete(Client.core("groups/" + outer.getEntry().getId())).status()).isEqualTo(204);
        assertError(admin.get(Client.core("groups/" + outer.getEntry().getId())), 404);
        assertThat(admin.get(Client.core("people/" + ADMIN + "/groups")).as(GroupPaging.class).getList().getEntries())
                .extracting(e -> e.getEntry().getId()).contains("GROUP_ALFRESCO_ADMINISTRATORS");
    }
}
