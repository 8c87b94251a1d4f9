package com.medcase.alfresco.embedded;

import org.alfresco.core.model.DeletedNodeEntry;
import org.alfresco.core.model.GroupMembershipBodyCreate.MemberTypeEnum;
import org.alfresco.core.model.GroupPaging;
import org.alfresco.core.model.NodeBodyUpdate;
import org.alfresco.core.model.NodeEntry;
import org.alfresco.core.model.PermissionElement;
import org.alfresco.core.model.PersonEntry;
import org.alfresco.core.model.VersionPaging;
import org.alfresco.governance.core.model.HoldChild;
import org.alfresco.governance.core.model.HoldChildPaging;
import org.alfresco.governance.core.model.HoldModelEntry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Durable by itself: stop, start again on the same home and database, and nodes, ACLs, groups, people, versions, trashcan and holds are there. */
class DurabilityH2Test extends EmbeddedTestBase {

    @Test
    void everythingSurvivesARestart() {
        String g = group(unique("durable"));
        String uid = unique("durable-user");
        person(uid);
        addMember(g, uid, MemberTypeEnum.PERSON);
        NodeEntry folder = createFolder("-root-", unique("durable"));
        NodeEntry rec = createFile(admin, folder.getEntry().getId(), "r.pdf", "mc:medicalRecord", Map.of("cm:title", "T"), List.of("cm:versionable"));
        String id = rec.getEntry().getId();
        admin.putBytes(Client.core("nodes/" + id + "/content"), "content-1".getBytes(StandardCharsets.UTF_8), "application/pdf");
        admin.put(Client.core("nodes/" + id), new NodeBodyUpdate().permissions(perms(false, allow(g, "Consumer"))));
        NodeEntry trashed = createFile(admin, folder.getEntry().getId(), "t.txt", "cm:content", null, null);
        admin.delete(Client.core("nodes/" + trashed.getEntry().getId()));
        HoldModelEntry hold = admin.post(Client.gs("file-plans/-filePlan-/holds"), Map.of("name", unique("DurableHold"), "reason", "r"))
                .as(HoldModelEntry.class);
        admin.post(Client.gs("holds/" + hold.getEntry().getId() + "/children"), new HoldChild().id(id));
        String rootBefore = admin.get(Client.core("nodes/-root-")).as(NodeEntry.class).getEntry().getId();

        restart();

        assertThat(admin.get(Client.core("nodes/-root-")).as(NodeEntry.class).getEntry().getId()).isEqualTo(rootBefore);
        NodeEntry after = admin.get(Client.core("nodes/" + id + "?include=permissions")).as(NodeEntry.class);
        assertThat(after.getEntry().getAspectNames()).contains("rma:frozen", "cm:versionable");
        assertThat(after.getEntry().getPermissions().isIsInheritanceEnabled()).isFalse();
        assertThat(after.getEntry().getPermissions().getLocallySet()).extracting(PermissionElement::getAuthorityId).containsExactly(g);
        assertThat(admin.get(Client.core("nodes/" + id + "/content")).body()).isEqualTo("content-1");
        assertThat(admin.get(Client.core("nodes/" + id + "/versions")).as(VersionPaging.class).getList().getEntries())
                .extracting(e -> e.getEntry().getId()).containsExactly("1.1", "1.0");
        assertThat(admin.get(Client.core("people/" + uid)).as(PersonEntry.class).getEntry().getId()).isEqualTo(uid);
        assertThat(admin.get(Client.core("people/" + uid + "/groups")).as(GroupPaging.class).getList().getEntries())
                .extracting(e -> e.getEntry().getId()).contains(g);
        Client user = admin.as(uid, USER_PW);
        assertThat(user.get(Client.core("nodes/" + id)).status()).isEqualTo(200);
        assertThat(admin.get(Client.core("deleted-nodes/" + trashed.getEntry().getId())).as(DeletedNodeEntry.class).getEntry().getName()).isEqualTo("t.txt");
        assertThat(admin.get(Client.gs("holds/" + hold.getEntry().getId() + "/children")).as(HoldChildPaging.class).getList().getEntries())
                .extracting(e -> e.getEntry().getId()).containsExactly(id);
        assertError(admin.delete(Client.core("nodes/" + id)), 403);
        // the admin password is re-set at every start; the old one no longer works after a change of settings
        assertThat(admin.get(Client.core("nodes/-root-")).status()).isEqualTo(200);
    }

    /** V3 moved direct ACEs into the node row: entries left in the former ae_ace table are carried over at start. */
    @Test
    void formerAceRowsAreMigratedAtStart() throws Exception {
        String g = group(unique("legacy"));
        NodeEntry n = createFolder("-root-", unique("legacy"));
        String id = n.getEntry().getId();
        alfresco.close();
        String url = "jdbc:h2:file:" + home.resolve("db").resolve("repository").toAbsolutePath();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url);
             java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO ae_ace (node_id, authority, permission, allowed, seq) VALUES (?,?,?,?,0)")) {
            ps.setString(1, id);
            ps.setString(2, g);
            ps.setString(3, "Editor");
            ps.setBoolean(4, true);
            ps.executeUpdate();
        }
        alfresco = null;
        restartFresh();
        assertThat(admin.get(Client.core("nodes/" + id + "?include=permissions")).as(NodeEntry.class).getEntry().getPermissions().getLocallySet())
                .extracting(PermissionElement::getAuthorityId, PermissionElement::getName).containsExactly(org.assertj.core.groups.Tuple.tuple(g, "Editor"));
    }

    void restartFresh() {
        alfresco = EmbeddedAlfresco.start(settings());
        admin = new Client(alfresco.baseUrl(), ADMIN, ADMIN_PW);
    }
}
