package com.medcase.alfresco.embedded;

import org.alfresco.core.model.GroupMembershipBodyCreate.MemberTypeEnum;
import org.alfresco.core.model.NodeBodyCreate;
import org.alfresco.core.model.NodeBodyUpdate;
import org.alfresco.core.model.NodeEntry;
import org.alfresco.core.model.NodePaging;
import org.alfresco.core.model.PermissionElement;
import org.alfresco.core.model.PermissionElement.AccessStatusEnum;
import org.alfresco.core.model.PermissionsBody;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Permission semantics as ACS evaluates them (PermissionServiceImpl, NodesImpl.processNodePermissions). */
class PermissionsTest extends EmbeddedTestBase {

    String id(NodeEntry e) {
        return e.getEntry().getId();
    }

    Client.Res setPerms(String nodeId, PermissionsBody p) {
        return admin.put(Client.core("nodes/" + nodeId), new NodeBodyUpdate().permissions(p));
    }

    /**
     * The leak test. NodesImpl.processNodePermissions + PermissionServiceImpl: with inheritance off and locallySet
     * [GROUP_X Consumer], a person only in GROUP_EVERYONE can neither read nor list the node; with inheritance on (the
     * GROUP_EVERYONE Consumer of Company Home flows down) the same person CAN read it — proving the test can fail.
     */
    @Test
    void leakTest() {
        String groupX = group(unique("X"));
        Client outsider = person(unique("outsider"));
        NodeEntry folder = createFolder("-root-", unique("leak"));
        NodeEntry rec = createFile(admin, id(folder), "record.pdf", "cm:content", null, null);
        // control: inheritance on -> readable through GROUP_EVERYONE Consumer inherited from Company Home
        assertThat(outsider.get(Client.core("nodes/" + id(rec))).status()).isEqualTo(200);
        assertThat(outsider.get(Client.core("nodes/" + id(folder) + "/children")).as(NodePaging.class).getList().getEntries()).hasSize(1);

        assertThat(setPerms(id(rec), perms(false, allow(groupX, "Consumer"))).status()).isEqualTo(200);
        assertError(outsider.get(Client.core("nodes/" + id(rec))), 403);
        assertError(outsider.get(Client.core("nodes/" + id(rec) + "/content")), 403);
        NodePaging list = outsider.get(Client.core("nodes/" + id(folder) + "/children")).as(NodePaging.class);
        assertThat(list.getList().getEntries()).isEmpty();
        assertThat(list.getList().getPagination().getTotalItems()).isZero();

        // and back: inheritance on again -> readable again
        assertThat(setPerms(id(rec), perms(true, allow(groupX, "Consumer"))).status()).isEqualTo(200);
        assertThat(outsider.get(Client.core("nodes/" + id(rec))).status()).isEqualTo(200);
    }

    /** permissions.isInheritanceEnabled flag is reported and honoured; inherited entries come from ancestors only while it is on. */
    @Test
    void inheritanceFlag() {
        String g = group(unique("G"));
        NodeEntry parent = createFolder("-root-", unique("flag"));
        setPerms(id(parent), perms(null, allow(g, "Collaborator")));
        NodeEntry child = createFolder(id(parent), "child");
        NodeEntry on = admin.get(Client.core("nodes/" + id(child) + "?include=permissions")).as(NodeEntry.class);
        assertThat(on.getEntry().getPermissions().isIsInheritanceEnabled()).isTrue();
        assertThat(on.getEntry().getPermissions().getInherited()).extracting(PermissionElement::getAuthorityId).contains(g, "GROUP_EVERYONE");
        NodeEntry off = setPerms(id(child), perms(false)).as(NodeEntry.class);
        NodeEntry offRead = admin.get(Client.core("nodes/" + id(child) + "?include=permissions")).as(NodeEntry.class);
        assertThat(offRead.getEntry().getPermissions().isIsInheritanceEnabled()).isFalse();
        assertThat(offRead.getEntry().getPermissions().getInherited()).isNull();
        assertThat(off.getEntry().getId()).isEqualTo(id(child));
    }

    /** NodesImpl.processNodePermissions: locallySet replaces ALL direct entries; an empty list clears them. */
    @Test
    void locallySetIsReplaceAll() {
        String a = group(unique("A"));
        String b = group(unique("B"));
        NodeEntry n = createFolder("-root-", unique("replace"));
        setPerms(id(n), perms(null, allow(a, "Consumer"), allow(b, "Editor")));
        setPerms(id(n), perms(null, allow(b, "Contributor")));
        NodeEntry r = admin.get(Client.core("nodes/" + id(n) + "?include=permissions")).as(NodeEntry.class);
        assertThat(r.getEntry().getPermissions().getLocallySet()).extracting(PermissionElement::getAuthorityId, PermissionElement::getName)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(b, "Contributor"));
        admin.put(Client.core("nodes/" + id(n)), new NodeBodyUpdate().permissions(new PermissionsBody().locallySet(List.of())));
        assertThat(admin.get(Client.core("nodes/" + id(n) + "?include=permissions")).as(NodeEntry.class).getEntry().getPermissions()
                .getLocallySet()).isNull();
    }

    /** processNodePermissions: unknown authority, duplicate entry, unknown access level, inherited given -> 400 (InvalidArgumentException). */
    @Test
    void invalidPermissionBodiesAreRefused() {
        String a = group(unique("V"));
        NodeEntry n = createFolder("-root-", unique("invalid"));
        assertError(setPerms(id(n), perms(null, allow("GROUP_doesNotExist", "Consumer"))), 400);
        assertError(setPerms(id(n), perms(null, allow("nobody-" + System.nanoTime(), "Consumer"))), 400);
        assertError(setPerms(id(n), perms(null, allow(a, "Consumer"), allow(a, "Consumer"))), 400);
        assertError(setPerms(id(n), perms(null, allow(a, "NoSuchRole"))), 400);
        assertError(admin.put(Client.core("nodes/" + id(n)), "{\"permissions\":{\"inherited\":[{\"authorityId\":\"" + a
                + "\",\"name\":\"Consumer\"}]}}"), 400);
        // nothing was applied by the refused requests
        assertThat(admin.get(Client.core("nodes/" + id(n) + "?include=permissions")).as(NodeEntry.class).getEntry().getPermissions()
                .getLocallySet()).isNull();
        // creating with an invalid ACL is refused as a whole
        assertError(admin.post(Client.core("nodes/" + id(n) + "/children"), new NodeBodyCreate().name("c").nodeType("cm:folder")
                .permissions(perms(false, allow("GROUP_doesNotExist", "Consumer")))), 400);
        assertError(admin.get(Client.core("nodes/" + id(n) + "?relativePath=c")), 404);
    }

    /**
     * PermissionServiceImpl.AclTest with security.anyDenyDenies=true: a DENIED entry for one of the caller's authorities
     * denies even if another authority (or an inherited entry) allows; a closer ALLOWED for the SAME authority beats a
     * farther DENIED for it (entries ordered by position, DENIED first at one position).
     */
    @Test
    void deniedOverridesAllowed() {
        String g = group(unique("D"));
        String uid = unique("denied");
        Client u = person(uid);
        addMember(g, uid, MemberTypeEnum.PERSON);
        NodeEntry parent = createFolder("-root-", unique("deny"));
        setPerms(id(parent), perms(null, allow(g, "Collaborator")));
        NodeEntry n = createFile(admin, id(parent), "d.txt", "cm:content", null, null);
        assertThat(u.get(Client.core("nodes/" + id(n))).status()).isEqualTo(200);
        // local DENIED for the person overrides the inherited ALLOWED of their group (any deny denies)
        setPerms(id(n), perms(null, ace(uid, "Read", AccessStatusEnum.DENIED)));
        assertError(u.get(Client.core("nodes/" + id(n))), 403);
        // a DENIED on GROUP_EVERYONE denies every person even where another group allows
        setPerms(id(n), perms(null, ace("GROUP_EVERYONE", "Consumer", AccessStatusEnum.DENIED)));
        assertError(u.get(Client.core("nodes/" + id(n))), 403);
        // local ALLOWED for the same authority is closer than the inherited DENIED
        setPerms(id(parent), perms(null, allow(g, "Collaborator"), ace(uid, "Consumer", AccessStatusEnum.DENIED)));
        setPerms(id(n), perms(null, allow(uid, "Consumer")));
        assertThat(u.get(Client.core("nodes/" + id(n))).status()).isEqualTo(200);
        // the owner (creator) keeps FullControl whatever the ACL says (ROLE_OWNER global permission)
        String ownerId = unique("owner");
        Client owner = person(ownerId);
        setPerms(id(parent), perms(null, allow(ownerId, "Contributor")));
        NodeEntry mine = createFile(owner, id(parent), "mine.txt", "cm:content", null, null);
        setPerms(id(mine), perms(false, ace(ownerId, "Consumer", AccessStatusEnum.DENIED)));
        assertThat(owner.get(Client.core("nodes/" + id(mine))).status()).isEqualTo(200);
    }

    /** permissionDefinitions.xml roles: Consumer reads; Editor writes, cannot add children; Contributor adds children, cannot edit others'; Coordinator changes permissions. */
    @Test
    void acsRoles() {
        String g = group(unique("R"));
        String uid = unique("roles");
        Client u = person(uid);
        addMember(g, uid, MemberTypeEnum.PERSON);
        NodeEntry f = createFolder("-root-", unique("roles"));
        NodeEntry doc = createFile(admin, id(f), "doc.txt", "cm:content", null, null);
        String children = Client.core("nodes/" + id(f) + "/children");
        NodeBodyUpdate edit = new NodeBodyUpdate().properties(Map.of("cm:title", "x"));

        setPerms(id(f), perms(false, allow(g, "Consumer")));
        assertThat(u.get(Client.core("nodes/" + id(doc))).status()).isEqualTo(200);
        assertError(u.put(Client.core("nodes/" + id(doc)), edit), 403);
        assertError(u.post(children, new NodeBodyCreate().name("c1").nodeType("cm:folder")), 403);

        setPerms(id(f), perms(false, allow(g, "Editor")));
        assertThat(u.put(Client.core("nodes/" + id(doc)), edit).status()).isEqualTo(200);
        assertError(u.post(children, new NodeBodyCreate().name("c2").nodeType("cm:folder")), 403);
        assertError(u.delete(Client.core("nodes/" + id(doc))), 403);

        setPerms(id(f), perms(false, allow(g, "Contributor")));
        assertThat(u.post(children, new NodeBodyCreate().name("c3").nodeType("cm:folder")).status()).isEqualTo(201);
        assertError(u.put(Client.core("nodes/" + id(doc)), new NodeBodyUpdate().properties(Map.of("cm:title", "by contributor"))), 403);

        setPerms(id(f), perms(false, allow(g, "Collaborator")));
        assertThat(u.put(Client.core("nodes/" + id(doc)), new NodeBodyUpdate().properties(Map.of("cm:title", "by collaborator"))).status()).isEqualTo(200);
        assertError(u.put(Client.core("nodes/" + id(doc)), new NodeBodyUpdate().permissions(perms(false))), 403);

        setPerms(id(f), perms(false, allow(g, "Coordinator")));
        assertThat(u.put(Client.core("nodes/" + id(doc)), new NodeBodyUpdate().permissions(perms(true))).status()).isEqualTo(200);
        assertThat(u.delete(Client.core("nodes/" + id(doc))).status()).isEqualTo(204);
    }

    /** MedCase roles from medcasePermissionDefinitions.xml (MedCaseOutsidePartyReader = Consumer, MedCaseRecordsClerk = Contributor, MedCaseRecordsManager = Collaborator + ReadPermissions). */
    @Test
    void medCaseRoles() {
        String reader = unique("party");
        Client r = person(reader);
        String clerk = unique("clerk");
        Client c = person(clerk);
        String manager = unique("manager");
        Client m = person(manager);
        NodeEntry f = createFolder("-root-", unique("mcroles"));
        NodeEntry rec = createFile(admin, id(f), "rec.pdf", "mc:medicalRecord", null, null);
        setPerms(id(f), perms(false, allow(reader, "MedCaseOutsidePartyReader"), allow(clerk, "MedCaseRecordsClerk"),
                allow(manager, "MedCaseRecordsManager")));
        NodeBodyUpdate edit = new NodeBodyUpdate().properties(Map.of("cm:title", "x"));
        assertThat(r.get(Client.core("nodes/" + id(rec))).status()).isEqualTo(200);
        assertError(r.put(Client.core("nodes/" + id(rec)), edit), 403);
        assertThat(c.post(Client.core("nodes/" + id(f) + "/children"), new NodeBodyCreate().name("filed.pdf").nodeType("mc:medicalRecord"))
                .status()).isEqualTo(201);
        assertError(c.put(Client.core("nodes/" + id(rec)), edit), 403);
        assertThat(m.put(Client.core("nodes/" + id(rec)), edit).status()).isEqualTo(200);
        assertError(m.put(Client.core("nodes/" + id(rec)), new NodeBodyUpdate().permissions(perms(true))), 403);
        assertError(m.delete(Client.core("nodes/" + id(rec))), 403);
        NodeEntry shown = m.get(Client.core("nodes/" + id(rec) + "?include=permissions")).as(NodeEntry.class);
        assertThat(shown.getEntry().getPermissions().getSettable()).contains("MedCaseRecordsManager", "Consumer");
    }

    /** The restructured permission file (roles declared once, other types extends="true" with no includes) parses by role name. */
    @Test
    void medCasePermissionFileWithExtendsParses() {
        String xml = """
                <permissions>
                  <permissionSet type="mc:case" expose="selected">
                    <permissionGroup name="MedCaseRecordsClerk" allowFullControl="false" expose="true">
                      <includePermissionGroup permissionGroup="Contributor" type="cm:cmobject"/>
                    </permissionGroup>
                    <permissionGroup name="MedCaseAuditor" expose="true">
                      <includePermissionGroup permissionGroup="MedCaseReaderBase" type="mc:case"/>
                    </permissionGroup>
                    <permissionGroup name="MedCaseReaderBase" expose="false">
                      <includePermissionGroup permissionGroup="Consumer" type="cm:cmobject"/>
                      <includePermissionGroup permissionGroup="ReadPermissions" type="sys:base"/>
                    </permissionGroup>
                  </permissionSet>
                  <permissionSet type="mc:medicalRecord" expose="selected">
                    <permissionGroup name="MedCaseRecordsClerk" extends="true" expose="true"/>
                  </permissionSet>
                </permissions>""";
        PermissionModel model = new PermissionModel();
        model.parseMedCase(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertThat(model.bits("MedCaseRecordsClerk")).isEqualTo(model.bits("Contributor"));
        assertThat(model.bits("MedCaseAuditor")).isEqualTo(model.bits("Consumer") | PermissionModel.READ_PERMISSIONS);
    }

    /** Nested groups: a person in a group nested in GROUP_X gets GROUP_X's grant; removing the membership takes effect on the very next request. */
    @Test
    void nestedGroupsAndImmediateMembershipChanges() {
        String outer = group(unique("outer"));
        String inner = group(unique("inner"));
        String uid = unique("nested");
        Client u = person(uid);
        addMember(outer, inner, MemberTypeEnum.GROUP);
        addMember(inner, uid, MemberTypeEnum.PERSON);
        NodeEntry n = createFolder("-root-", unique("nested"));
        setPerms(id(n), perms(false, allow(outer, "Consumer")));
        assertThat(u.get(Client.core("nodes/" + id(n))).status()).isEqualTo(200);
        assertThat(admin.delete(Client.core("groups/" + inner + "/members/" + uid)).status()).isEqualTo(204);
        assertError(u.get(Client.core("nodes/" + id(n))), 403);
        addMember(inner, uid, MemberTypeEnum.PERSON);
        assertThat(u.get(Client.core("nodes/" + id(n))).status()).isEqualTo(200);
    }

    /** Members of GROUP_ALFRESCO_ADMINISTRATORS bypass ACLs (ROLE_ADMINISTRATOR global FullControl). */
    @Test
    void administratorsBypassAcls() {
        String uid = unique("newadmin");
        Client u = person(uid);
        NodeEntry n = createFolder("-root-", unique("adminonly"));
        setPerms(id(n), perms(false));
        assertError(u.get(Client.core("nodes/" + id(n))), 403);
        addMember("GROUP_ALFRESCO_ADMINISTRATORS", uid, MemberTypeEnum.PERSON);
        assertThat(u.get(Client.core("nodes/" + id(n))).status()).isEqualTo(200);
        assertThat(u.put(Client.core("nodes/" + id(n)), new NodeBodyUpdate().properties(Map.of("cm:title", "t"))).status()).isEqualTo(200);
    }

    /** Listing omits children the caller cannot read (ACS filters children by permission), paging counts only readable ones. */
    @Test
    void listingFiltersUnreadableChildren() {
        String uid = unique("lister");
        Client u = person(uid);
        NodeEntry f = createFolder("-root-", unique("filter"));
        for (int i = 0; i < 5; i++) {
            NodeEntry c = createFile(admin, id(f), "c" + i + ".txt", "cm:content", null, null);
            if (i % 2 == 1) {
                setPerms(id(c), perms(false, allow("GROUP_ALFRESCO_ADMINISTRATORS", "Consumer")));
            }
        }
        NodePaging p = u.get(Client.core("nodes/" + id(f) + "/children?maxItems=2")).as(NodePaging.class);
        assertThat(p.getList().getEntries()).extracting(e -> e.getEntry().getName()).containsExactly("c0.txt", "c2.txt");
        assertThat(p.getList().getPagination().getTotalItems()).isEqualTo(3);
        assertThat(p.getList().getPagination().isHasMoreItems()).isTrue();
    }

    /** NodeArchiveServiceImpl: a non-admin lists and purges only what they deleted; administrators see every deleted node. */
    @Test
    void trashcanIsPerUserForNonAdministrators() {
        String aId = unique("trashA");
        Client a = person(aId);
        Client b = person(unique("trashB"));
        NodeEntry f = createFolder("-root-", unique("trashperm"));
        setPerms(id(f), perms(null, allow(aId.toUpperCase(java.util.Locale.ROOT), "Coordinator")));
        NodeEntry n = createFile(admin, id(f), "t.txt", "cm:content", null, null);
        assertThat(a.delete(Client.core("nodes/" + id(n))).status()).isEqualTo(204);
        assertThat(a.get(Client.core("deleted-nodes")).as(org.alfresco.core.model.DeletedNodesPaging.class).getList().getEntries())
                .extracting(e -> e.getEntry().getId()).containsExactly(id(n));
        assertThat(b.get(Client.core("deleted-nodes")).as(org.alfresco.core.model.DeletedNodesPaging.class).getList().getEntries()).isEmpty();
        assertError(b.get(Client.core("deleted-nodes/" + id(n))), 403);
        assertError(b.delete(Client.core("deleted-nodes/" + id(n))), 403);
        assertThat(admin.get(Client.core("deleted-nodes/" + id(n))).status()).isEqualTo(200);
        assertThat(a.delete(Client.core("deleted-nodes/" + id(n))).status()).isEqualTo(204);
    }

    /** AuthorityServiceImpl.deleteAuthority removes the authority's ACEs: a group re-created with the same name gets nothing back. */
    @Test
    void deletingAGroupRemovesItsEntries() {
        String shortName = unique("gone");
        String g = group(shortName);
        String other = group(unique("stays"));
        NodeEntry n = createFolder("-root-", unique("groupdelete"));
        setPerms(id(n), perms(false, allow(g, "Consumer"), allow(other, "Editor")));
        assertThat(admin.delete(Client.core("groups/" + g)).status()).isEqualTo(204);
        assertThat(admin.get(Client.core("nodes/" + id(n) + "?include=permissions")).as(NodeEntry.class).getEntry().getPermissions().getLocallySet())
                .extracting(PermissionElement::getAuthorityId).containsExactly(other);
        String uid = unique("recreated");
        Client u = person(uid);
        group(shortName);
        addMember(g, uid, MemberTypeEnum.PERSON);
        assertError(u.get(Client.core("nodes/" + id(n))), 403);
    }
}
