package com.medcase.alfresco.embedded;

import org.alfresco.core.model.NodeBodyMove;
import org.alfresco.core.model.NodeBodyUpdate;
import org.alfresco.core.model.NodeEntry;
import org.alfresco.core.model.PermissionElement;
import org.alfresco.governance.core.model.HoldChild;
import org.alfresco.governance.core.model.HoldChildEntry;
import org.alfresco.governance.core.model.HoldChildPaging;
import org.alfresco.governance.core.model.HoldDeletionReason;
import org.alfresco.governance.core.model.HoldDeletionReasonEntry;
import org.alfresco.governance.core.model.HoldModelEntry;
import org.alfresco.governance.core.model.HoldPaging;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Governance Services holds (gs-core-api.yaml; FilePlanHoldsRelation, HoldsEntityResource, HoldsChildrenRelation, HoldServiceImpl, FrozenAspect). */
class HoldsTest extends EmbeddedTestBase {

    String holds = Client.gs("file-plans/-filePlan-/holds");

    HoldModelEntry createHold(String name) {
        Client.Res r = admin.post(holds, Map.of("name", name, "description", "d", "reason", "litigation"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.as(HoldModelEntry.class);
    }

    void hold(String holdId, String nodeId) {
        Client.Res r = admin.post(Client.gs("holds/" + holdId + "/children"), new HoldChild().id(nodeId));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.as(HoldChildEntry.class).getEntry().getId()).isEqualTo(nodeId);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> props(NodeEntry e) {
        return (Map<String, Object>) e.getEntry().getProperties();
    }

    /** FilePlanHoldsRelation.create/readAll, HoldsEntityResource.readById; duplicate hold name -> 409. */
    @Test
    void createListGetHolds() {
        String name = unique("Hold");
        HoldModelEntry h = createHold(name);
        assertThat(h.getEntry().getName()).isEqualTo(name);
        assertThat(h.getEntry().getReason()).isEqualTo("litigation");
        assertThat(admin.get(holds + "?maxItems=1000").as(HoldPaging.class).getList().getEntries()).extracting(e -> e.getEntry().getId())
                .contains(h.getEntry().getId());
        assertThat(admin.get(Client.gs("holds/" + h.getEntry().getId())).as(HoldModelEntry.class).getEntry().getName()).isEqualTo(name);
        assertError(admin.post(holds, Map.of("name", name, "reason", "again")), 409);
        assertError(admin.post(holds, Map.of("name", unique("noReason"))), 400);
        assertError(admin.get(Client.gs("holds/00000000-0000-0000-0000-000000000000")), 404);
        Client user = person(unique("nohold"));
        assertError(user.post(holds, Map.of("name", unique("x"), "reason", "r")), 403);
    }

    /**
     * HoldServiceImpl.addToHold adds rma:frozen (rma:frozenAt, rma:frozenBy); FrozenAspect refuses delete (beforeDeleteNode),
     * move (beforeMoveNode), property/aspect update (onUpdateProperties) and content change with PermissionDeniedException
     * (403) — for the administrator too — until the last hold is released; version deletion refused too. Permission-only
     * updates are not property updates: allowed (see README).
     */
    @Test
    void frozenNodeRefusesChangesUntilLastHoldReleased() {
        HoldModelEntry h1 = createHold(unique("H1"));
        HoldModelEntry h2 = createHold(unique("H2"));
        NodeEntry folder = createFolder("-root-", unique("held"));
        NodeEntry other = createFolder("-root-", unique("elsewhere"));
        NodeEntry rec = createFile(admin, folder.getEntry().getId(), "held.pdf", "mc:medicalRecord", null, List.of("cm:versionable"));
        String id = rec.getEntry().getId();
        admin.putBytes(Client.core("nodes/" + id + "/content"), "v1".getBytes(StandardCharsets.UTF_8), "application/pdf");
        hold(h1.getEntry().getId(), id);
        hold(h2.getEntry().getId(), id);
        NodeEntry frozen = admin.get(Client.core("nodes/" + id)).as(NodeEntry.class);
        assertThat(frozen.getEntry().getAspectNames()).contains("rma:frozen");
        assertThat(props(frozen)).containsKey("rma:frozenAt").containsEntry("rma:frozenBy", ADMIN);
        assertThat(admin.get(Client.gs("holds/" + h1.getEntry().getId() + "/children")).as(HoldChildPaging.class).getList().getEntries())
                .extracting(e -> e.getEntry().getId()).containsExactly(id);

        assertRefused(id, folder.getEntry().getId(), other.getEntry().getId());
        // permissions only: allowed on a frozen node (FrozenAspect has no policy on ACL changes)
        String g = group(unique("auth"));
        Client.Res permsOnly = admin.put(Client.core("nodes/" + id), new NodeBodyUpdate().permissions(perms(null, allow(g, "Consumer"))));
        assertThat(permsOnly.status()).as(permsOnly.body()).isEqualTo(200);
        assertThat(permsOnly.as(NodeEntry.class).getEntry().getId()).isEqualTo(id);
        assertThat(admin.get(Client.core("nodes/" + id + "?include=permissions")).as(NodeEntry.class).getEntry().getPermissions().getLocallySet())
                .extracting(PermissionElement::getAuthorityId).containsExactly(g);

        // repeating the current aspects and values with the permissions changes no property: allowed as well
        NodeEntry current = admin.get(Client.core("nodes/" + id)).as(NodeEntry.class);
        Client.Res same = admin.put(Client.core("nodes/" + id), new NodeBodyUpdate().aspectNames(current.getEntry().getAspectNames())
                .properties(Map.of("cm:title", props(current).getOrDefault("cm:title", "")))
                .permissions(perms(null, allow(g, "Consumer"), allow("GROUP_EVERYONE", "Consumer"))));
        if (props(current).containsKey("cm:title")) {
            assertThat(same.status()).as(same.body()).isEqualTo(200);
        }

        // still frozen while any hold contains it
        assertThat(admin.delete(Client.gs("holds/" + h1.getEntry().getId() + "/children/" + id)).status()).isEqualTo(204);
        assertThat(admin.get(Client.core("nodes/" + id)).as(NodeEntry.class).getEntry().getAspectNames()).contains("rma:frozen");
        assertRefused(id, folder.getEntry().getId(), other.getEntry().getId());

        // deleting the last hold (POST /holds/{id}/delete with a reason) releases it
        Client.Res del = admin.post(Client.gs("holds/" + h2.getEntry().getId() + "/delete"), new HoldDeletionReason().reason("settled"));
        assertThat(del.status()).as(del.body()).isEqualTo(200);
        assertThat(del.as(HoldDeletionReasonEntry.class).getEntry().getReason()).isEqualTo("settled");
        NodeEntry released = admin.get(Client.core("nodes/" + id)).as(NodeEntry.class);
        assertThat(released.getEntry().getAspectNames()).doesNotContain("rma:frozen");
        assertThat(props(released)).doesNotContainKey("rma:frozenAt");
        assertThat(admin.put(Client.core("nodes/" + id), new NodeBodyUpdate().properties(Map.of("cm:title", "now"))).status()).isEqualTo(200);
        assertThat(admin.delete(Client.core("nodes/" + id)).status()).isEqualTo(204);
    }

    private void assertRefused(String id, String folderId, String otherId) {
        assertError(admin.delete(Client.core("nodes/" + id)), 403);
        assertError(admin.delete(Client.core("nodes/" + id + "?permanent=true")), 403);
        assertError(admin.delete(Client.core("nodes/" + folderId)), 403); // FrozenAspect.checkChildren
        assertError(admin.post(Client.core("nodes/" + id + "/move"), new NodeBodyMove().targetParentId(otherId)), 403);
        assertError(admin.put(Client.core("nodes/" + id), new NodeBodyUpdate().properties(Map.of("cm:title", "changed"))), 403);
        assertError(admin.put(Client.core("nodes/" + id), new NodeBodyUpdate().aspectNames(List.of("cm:versionable", "rma:frozen", "cm:titled", "mc:sensitive"))), 403);
        assertError(admin.put(Client.core("nodes/" + id), new NodeBodyUpdate().name("renamed.pdf")), 403);
        assertError(admin.putBytes(Client.core("nodes/" + id + "/content"), "x".getBytes(StandardCharsets.UTF_8), "application/pdf"), 403);
        assertError(admin.delete(Client.core("nodes/" + id + "/versions/1.0")), 403);
    }

    /** HoldServiceImpl.checkNodeCanBeAddedToHold: not cm:content -> IntegrityException, answered 400 by HoldsChildrenRelation.create. */
    @Test
    void foldersCannotBeHeld() {
        HoldModelEntry h = createHold(unique("F"));
        NodeEntry folder = createFolder("-root-", unique("folder"));
        assertError(admin.post(Client.gs("holds/" + h.getEntry().getId() + "/children"), new HoldChild().id(folder.getEntry().getId())), 400);
        assertError(admin.post(Client.gs("holds/" + h.getEntry().getId() + "/children"), new HoldChild().id("00000000-0000-0000-0000-000000000001")), 404);
    }

    /** rma: aspects cannot be added or removed through the core API. */
    @Test
    void rmaAspectsAreNotSettableThroughCoreApi() {
        NodeEntry folder = createFolder("-root-", unique("rma"));
        NodeEntry n = createFile(admin, folder.getEntry().getId(), "n.txt", "cm:content", null, null);
        assertError(admin.put(Client.core("nodes/" + n.getEntry().getId()), new NodeBodyUpdate().aspectNames(List.of("rma:frozen"))), 400);
        assertError(admin.put(Client.core("nodes/" + n.getEntry().getId()), new NodeBodyUpdate().properties(Map.of("rma:frozenBy", "me"))), 400);
    }

    /** DELETE /holds/{id} releases every child of the hold the same way. */
    @Test
    void deletingHoldReleasesChildren() {
        HoldModelEntry h = createHold(unique("D"));
        NodeEntry folder = createFolder("-root-", unique("release"));
        NodeEntry a = createFile(admin, folder.getEntry().getId(), "a.txt", "cm:content", null, null);
        hold(h.getEntry().getId(), a.getEntry().getId());
        assertThat(admin.delete(Client.gs("holds/" + h.getEntry().getId())).status()).isEqualTo(204);
        assertThat(admin.get(Client.core("nodes/" + a.getEntry().getId())).as(NodeEntry.class).getEntry().getAspectNames()).doesNotContain("rma:frozen");
        assertError(admin.get(Client.gs("holds/" + h.getEntry().getId())), 404);
    }
}
