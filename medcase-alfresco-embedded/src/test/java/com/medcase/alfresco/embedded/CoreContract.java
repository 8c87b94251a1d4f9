package com.medcase.alfresco.embedded;

import org.alfresco.core.model.DeletedNodeEntry;
import org.alfresco.core.model.DeletedNodesPaging;
import org.alfresco.core.model.NodeBodyCreate;
import org.alfresco.core.model.NodeBodyMove;
import org.alfresco.core.model.NodeBodyUpdate;
import org.alfresco.core.model.NodeEntry;
import org.alfresco.core.model.NodePaging;
import org.alfresco.core.model.PermissionElement;
import org.alfresco.core.model.VersionEntry;
import org.alfresco.core.model.VersionPaging;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The core REST contract; run on H2 (CoreContractH2Test) and PostgreSQL (CoreContractPostgresTest). */
abstract class CoreContract extends EmbeddedTestBase {

    @SuppressWarnings("unchecked")
    static Map<String, Object> props(NodeEntry e) {
        return (Map<String, Object>) e.getEntry().getProperties();
    }

    /** spaces.xml: Company Home has inherit="false" and GROUP_EVERYONE Consumer ALLOWED; -root- is its alias (NodesImpl.validateOrLookupNode). */
    @Test
    void rootIsCompanyHomeWithEveryoneConsumer() {
        NodeEntry root = admin.get(Client.core("nodes/-root-?include=permissions,path,allowableOperations")).as(NodeEntry.class);
        assertThat(root.getEntry().getName()).isEqualTo("Company Home");
        assertThat(root.getEntry().isIsFolder()).isTrue();
        assertThat(root.getEntry().getPermissions().isIsInheritanceEnabled()).isFalse();
        assertThat(root.getEntry().getPermissions().getLocallySet()).extracting(PermissionElement::getAuthorityId, PermissionElement::getName,
                PermissionElement::getAccessStatus).containsExactly(org.assertj.core.groups.Tuple.tuple("GROUP_EVERYONE", "Consumer",
                PermissionElement.AccessStatusEnum.ALLOWED));
        // NodesImpl.resolveAuthorityDisplayName
        assertThat(root.getEntry().getPermissions().getLocallySet()).extracting(PermissionElement::getAuthorityDisplayName).containsExactly("EVERYONE");
        assertThat(root.getEntry().getAllowableOperations()).doesNotContain("delete");
    }

    /**
     * Node ids keep ACS's UUID form; here they are time-ordered (version 7, {@link NodeIds}) where ACS's GUID is random
     * (version 4): an opaque string to clients either way, in creation order in the id index.
     */
    @Test
    void nodeIdsAreUuidsInTheOrderTheNodesWereCreated() {
        NodeEntry first = createFolder("-root-", unique("first"));
        NodeEntry second = createFolder("-root-", unique("second"));
        java.util.UUID a = java.util.UUID.fromString(first.getEntry().getId());
        java.util.UUID b = java.util.UUID.fromString(second.getEntry().getId());
        assertThat(a.version()).isEqualTo(7);
        assertThat(first.getEntry().getId()).isLessThan(second.getEntry().getId());
        assertThat(b.toString()).isEqualTo(second.getEntry().getId());
    }

    /** Children inherit by default (PermissionService: a new node's ACL inherits); inherited entries show in permissions.inherited. */
    @Test
    void childInheritsEveryoneConsumerAndIsReadableByAnyPerson() {
        NodeEntry f = createFolder("-root-", unique("inherit"));
        NodeEntry withPerms = admin.get(Client.core("nodes/" + f.getEntry().getId() + "?include=permissions")).as(NodeEntry.class);
        assertThat(withPerms.getEntry().getPermissions().isIsInheritanceEnabled()).isTrue();
        assertThat(withPerms.getEntry().getPermissions().getInherited()).extracting(PermissionElement::getAuthorityId, PermissionElement::getName)
                .contains(org.assertj.core.groups.Tuple.tuple("GROUP_EVERYONE", "Consumer"));
        assertThat(withPerms.getEntry().getPermissions().getLocallySet()).isNull();
        Client someone = person(unique("reader"));
        assertThat(someone.get(Client.core("nodes/" + f.getEntry().getId())).status()).isEqualTo(200);
    }

    /** NodesImpl.getFolderOrDocumentFullInfo adds aspectNames and properties for a single node; listings (getFolderOrDocument) do not. */
    @Test
    void singleGetIncludesPropertiesAndAspectNamesListingsDoNot() {
        NodeEntry f = createFolder("-root-", unique("defaults"));
        createFile(admin, f.getEntry().getId(), "a.txt", "cm:content", Map.of("cm:title", "A"), null);
        NodeEntry single = admin.get(Client.core("nodes/" + f.getEntry().getId())).as(NodeEntry.class);
        assertThat(single.getEntry().getAspectNames()).contains("cm:auditable");
        NodePaging list = admin.get(Client.core("nodes/" + f.getEntry().getId() + "/children")).as(NodePaging.class);
        assertThat(list.getList().getEntries()).hasSize(1);
        assertThat(list.getList().getEntries().get(0).getEntry().getAspectNames()).isNull();
        assertThat(list.getList().getEntries().get(0).getEntry().getProperties()).isNull();
        NodePaging withProps = admin.get(Client.core("nodes/" + f.getEntry().getId() + "/children?include=properties,aspectNames")).as(NodePaging.class);
        assertThat(withProps.getList().getEntries().get(0).getEntry().getAspectNames()).contains("cm:titled");
    }

    /** NodesImpl.createNode + mapToNodeProperties: typed values as ACS returns them; mandatory aspects of mc:medicalRecord. */
    @Test
    void createMedicalRecordWithTypedProperties() {
        NodeEntry f = createFolder("-root-", unique("typed"));
        Map<String, Object> p = new HashMap<>();
        p.put("cm:title", "Record");
        p.put("mc:openedDate", "2024-01-31");
        NodeEntry c = admin.post(Client.core("nodes/" + f.getEntry().getId() + "/children"),
                new NodeBodyCreate().name("case-1").nodeType("mc:case").properties(Map.of("mc:caseNumber", "C-1", "mc:caseType", "PI",
                        "mc:caseStatus", "OPEN", "mc:openedDate", "2024-01-31"))).as(NodeEntry.class);
        assertThat(props(c)).containsEntry("mc:openedDate", "2024-01-31T00:00:00.000+0000").containsEntry("mc:caseNumber", "C-1");
        assertThat(c.getEntry().isIsFolder()).isTrue();
        NodeEntry rec = createFile(admin, c.getEntry().getId(), "r.pdf", "mc:medicalRecord", Map.of("cm:title", "R"), List.of("mc:sensitive"));
        assertThat(rec.getEntry().isIsFile()).isTrue();
        assertThat(rec.getEntry().getAspectNames()).contains("cm:titled", "cm:auditable", "mc:sensitive");
        assertThat(rec.getEntry().getContent().getMimeType()).isEqualTo("application/pdf");
        assertThat(rec.getEntry().getContent().getSizeInBytes()).isZero();
        NodeEntry byPath = admin.get(Client.core("nodes/-root-?relativePath=" + f.getEntry().getName() + "/case-1/r.pdf")).as(NodeEntry.class);
        assertThat(byPath.getEntry().getId()).isEqualTo(rec.getEntry().getId());
        NodeEntry viaRel = admin.post(Client.core("nodes/" + f.getEntry().getId() + "/children"),
                new NodeBodyCreate().name("x.txt").nodeType("cm:content").relativePath("MedCase/Cases/C-9")).as(NodeEntry.class);
        assertThat(admin.get(Client.core("nodes/-root-?relativePath=" + f.getEntry().getName() + "/MedCase/Cases/C-9/x.txt"))
                .as(NodeEntry.class).getEntry().getId()).isEqualTo(viaRel.getEntry().getId());
    }

    /** NodesImpl.updateNodeImpl: null removes a property; aspectNames replace-all (updateCustomAspects, cm:auditable kept); rename. */
    @Test
    void updatePropertiesAspectsAndName() {
        NodeEntry f = createFolder("-root-", unique("update"));
        NodeEntry n = createFile(admin, f.getEntry().getId(), "u.txt", "cm:content", Map.of("cm:title", "T", "cm:description", "D"), List.of("mc:sensitive"));
        Map<String, Object> p = new HashMap<>();
        p.put("cm:description", null);
        p.put("cm:title", "T2");
        NodeEntry u = admin.put(Client.core("nodes/" + n.getEntry().getId()), new NodeBodyUpdate().name("u2.txt").properties(p)
                .aspectNames(List.of("cm:titled"))).as(NodeEntry.class);
        assertThat(u.getEntry().getName()).isEqualTo("u2.txt");
        assertThat(props(u)).containsEntry("cm:title", "T2").doesNotContainKey("cm:description");
        assertThat(u.getEntry().getAspectNames()).contains("cm:titled", "cm:auditable").doesNotContain("mc:sensitive");
        // NodesImpl.handleNodeRename: cm:name among the properties renames
        NodeEntry renamed = admin.put(Client.core("nodes/" + n.getEntry().getId()), new NodeBodyUpdate().properties(Map.of("cm:name", "u3.txt")))
                .as(NodeEntry.class);
        assertThat(renamed.getEntry().getName()).isEqualTo("u3.txt");
    }

    /** NodesImpl.validateAspects/validateProperties: sys: namespace -> IllegalArgumentException -> 400; unknown names -> 400. */
    @Test
    void systemNamespaceAndUnknownNamesAreRefused() {
        NodeEntry f = createFolder("-root-", unique("sys"));
        String children = Client.core("nodes/" + f.getEntry().getId() + "/children");
        assertError(admin.post(children, new NodeBodyCreate().name("a").nodeType("cm:content").aspectNames(List.of("sys:hidden"))), 400);
        assertError(admin.post(children, new NodeBodyCreate().name("a").nodeType("cm:content").properties(Map.of("sys:node-uuid", "x"))), 400);
        assertError(admin.post(children, new NodeBodyCreate().name("a").nodeType("cm:content").properties(Map.of("mc:noSuchProperty", "x"))), 400);
        assertError(admin.post(children, new NodeBodyCreate().name("a").nodeType("cm:content").aspectNames(List.of("mc:noSuchAspect"))), 400);
        assertError(admin.post(children, new NodeBodyCreate().name("a").nodeType("mc:noSuchType")), 400);
        NodeEntry n = createFile(admin, f.getEntry().getId(), "b.txt", "cm:content", null, null);
        assertError(admin.put(Client.core("nodes/" + n.getEntry().getId()), new NodeBodyUpdate().aspectNames(List.of("sys:hidden"))), 400);
        assertError(admin.put(Client.core("nodes/" + n.getEntry().getId()), new NodeBodyUpdate().properties(Map.of("sys:locale", "en"))), 400);
        NodeEntry shown = admin.get(Client.core("nodes/" + n.getEntry().getId())).as(NodeEntry.class);
        assertThat(shown.getEntry().getAspectNames()).noneMatch(a -> a.startsWith("sys:"));
    }

    /** Duplicate name -> DuplicateChildNodeNameException -> 409; cm:filename constraint -> IntegrityException -> 422; autoRename as NodesImpl.findUniqueName. */
    @Test
    void duplicateNamesInvalidNamesAndAutoRename() {
        NodeEntry f = createFolder("-root-", unique("names"));
        String children = Client.core("nodes/" + f.getEntry().getId() + "/children");
        createFile(admin, f.getEntry().getId(), "x.pdf", "cm:content", null, null);
        assertError(admin.post(children, new NodeBodyCreate().name("X.pdf").nodeType("cm:content")), 409);
        assertThat(admin.post(children + "?autoRename=true", new NodeBodyCreate().name("x.pdf").nodeType("cm:content")).as(NodeEntry.class)
                .getEntry().getName()).isEqualTo("x-1.pdf");
        assertThat(admin.post(children + "?autoRename=true", new NodeBodyCreate().name("x.pdf").nodeType("cm:content")).as(NodeEntry.class)
                .getEntry().getName()).isEqualTo("x-2.pdf");
        for (String bad : List.of("a*b", "a:b", "a|b", "trailing.", "trailing ", "a\"b", "a/b", "a<b")) {
            assertError(admin.post(children, new NodeBodyCreate().name(bad).nodeType("cm:content")), 422);
        }
        assertError(admin.get(Client.core("nodes/00000000-0000-0000-0000-000000000000")), 404);
    }

    /**
     * Concurrent creates of one name with autoRename=true all succeed with distinct names. In ACS the REST call runs in
     * RetryingTransactionHelper: the losing insert's integrity violation (alf_child_assoc unique child name) rolls the
     * transaction back and it is retried, where NodesImpl.createNodeImpl finds the committed sibling and findUniqueName
     * picks the next free "-N" name. Without autoRename the loser is still 409 (DuplicateChildNodeNameException).
     * The same retry covers relativePath folders created by two requests at once (NodesImpl.makeFolders).
     */
    @Test
    void concurrentAutoRenamedCreatesAllSucceedWithDistinctNames() throws Exception {
        NodeEntry f = createFolder("-root-", unique("race"));
        String children = Client.core("nodes/" + f.getEntry().getId() + "/children");
        int n = 12;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        try {
            for (int round = 0; round < 3; round++) {
                String name = "same-" + round + ".pdf";
                String folder = "sub-" + round;
                var start = new java.util.concurrent.CountDownLatch(1);
                List<java.util.concurrent.Future<Client.Res>> results = new java.util.ArrayList<>();
                for (int i = 0; i < n; i++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return admin.post(children + "?autoRename=true",
                                new NodeBodyCreate().name(name).nodeType("cm:content").relativePath(folder));
                    }));
                }
                start.countDown();
                java.util.Set<String> names = new java.util.HashSet<>();
                for (var r : results) {
                    Client.Res res = r.get(60, java.util.concurrent.TimeUnit.SECONDS);
                    assertThat(res.status()).as(res.body()).isEqualTo(201);
                    names.add(res.as(NodeEntry.class).getEntry().getName());
                }
                assertThat(names).hasSize(n).contains(name);
                NodeEntry sub = admin.get(Client.core("nodes/" + f.getEntry().getId() + "?relativePath=" + folder)).as(NodeEntry.class);
                assertThat(admin.get(Client.core("nodes/" + sub.getEntry().getId() + "/children")).as(NodePaging.class)
                        .getList().getPagination().getTotalItems()).isEqualTo((long) n);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Children listing: paging in ACS's shape (default maxItems 100), where isFile/isFolder/nodeType, orderBy name. */
    @Test
    void childrenPagingFilteringOrdering() {
        NodeEntry f = createFolder("-root-", unique("paging"));
        String id = f.getEntry().getId();
        for (int i = 0; i < 7; i++) {
            createFile(admin, id, "f" + i + ".txt", "cm:content", null, null);
        }
        createFolder(id, "sub");
        createFile(admin, id, "rec.pdf", "mc:medicalRecord", null, null);
        NodePaging all = admin.get(Client.core("nodes/" + id + "/children")).as(NodePaging.class);
        assertThat(all.getList().getPagination().getMaxItems()).isEqualTo(100);
        assertThat(all.getList().getPagination().getTotalItems()).isEqualTo(9);
        assertThat(all.getList().getEntries().get(0).getEntry().getName()).isEqualTo("sub"); // folders first
        NodePaging page = admin.get(Client.core("nodes/" + id + "/children?skipCount=2&maxItems=3&orderBy=name")).as(NodePaging.class);
        assertThat(page.getList().getPagination().getCount()).isEqualTo(3);
        assertThat(page.getList().getPagination().isHasMoreItems()).isTrue();
        assertThat(page.getList().getPagination().getSkipCount()).isEqualTo(2);
        assertThat(page.getList().getEntries()).extracting(e -> e.getEntry().getName()).containsExactly("f2.txt", "f3.txt", "f4.txt");
        assertThat(admin.get(Client.core("nodes/" + id + "/children?where=(isFolder%3Dtrue)")).as(NodePaging.class).getList().getEntries())
                .extracting(e -> e.getEntry().getName()).containsExactly("sub");
        assertThat(admin.get(Client.core("nodes/" + id + "/children?where=(isFile%3Dtrue)")).as(NodePaging.class).getList().getPagination()
                .getTotalItems()).isEqualTo(8);
        assertThat(admin.get(Client.core("nodes/" + id + "/children?where=(nodeType%3D'mc:medicalRecord')")).as(NodePaging.class).getList()
                .getEntries()).extracting(e -> e.getEntry().getName()).containsExactly("rec.pdf");
        assertError(admin.get(Client.core("nodes/" + id + "/children?maxItems=0")), 400);
    }

    /** NodesImpl.updateContent / getContent: mimetype, size, Content-Disposition with RFC 6266 filename* for non-ASCII names. */
    @Test
    void contentRoundTrip() {
        NodeEntry f = createFolder("-root-", unique("content"));
        NodeEntry n = createFile(admin, f.getEntry().getId(), "Zürich résumé.pdf", "cm:content", null, null);
        byte[] data = "%PDF-1.4 hello".getBytes(StandardCharsets.UTF_8);
        NodeEntry u = admin.putBytes(Client.core("nodes/" + n.getEntry().getId() + "/content"), data, "application/pdf").as(NodeEntry.class);
        assertThat(u.getEntry().getContent().getSizeInBytes()).isEqualTo(data.length);
        assertThat(u.getEntry().getContent().getMimeType()).isEqualTo("application/pdf");
        assertThat(u.getEntry().getContent().getMimeTypeName()).isEqualTo("Adobe PDF Document");
        Client.Res got = admin.get(Client.core("nodes/" + n.getEntry().getId() + "/content"));
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.bytes()).isEqualTo(data);
        assertThat(got.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(got.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;")
                .contains("filename*=UTF-8''Z%C3%BCrich%20r%C3%A9sum%C3%A9.pdf");
        Client.Res inline = admin.get(Client.core("nodes/" + n.getEntry().getId() + "/content?attachment=false"));
        assertThat(inline.headers().firstValue("Content-Disposition")).isEmpty();
    }

    /** NodesImpl.upload: multipart fields; others are properties; versioning auto-enabled as 1.0 (REPO-159); autoRename field. */
    @Test
    void multipartUpload() {
        NodeEntry f = createFolder("-root-", unique("upload"));
        String b = "----b" + System.nanoTime();
        byte[] body = multipart(b, Map.of("name", "scan.pdf", "nodeType", "mc:medicalRecord", "aspectNames", "mc:sensitive",
                "cm:title", "Scan", "autoRename", "true"), "scan.pdf", "application/pdf", new byte[20 * 1024]);
        NodeEntry n = admin.multipart(Client.core("nodes/" + f.getEntry().getId() + "/children"), b, body).as(NodeEntry.class);
        assertThat(n.getEntry().getNodeType()).isEqualTo("mc:medicalRecord");
        assertThat(n.getEntry().getContent().getSizeInBytes()).isEqualTo(20 * 1024);
        assertThat(props(n)).containsEntry("cm:title", "Scan").containsEntry("cm:versionLabel", "1.0");
        assertThat(n.getEntry().getAspectNames()).contains("mc:sensitive", "cm:versionable");
        NodeEntry again = admin.multipart(Client.core("nodes/" + f.getEntry().getId() + "/children"), b, body).as(NodeEntry.class);
        assertThat(again.getEntry().getName()).isEqualTo("scan-1.pdf");
    }

    static byte[] multipart(String boundary, Map<String, String> fields, String filename, String type, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fields.forEach((k, v) -> out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" + v + "\r\n")
                .getBytes(StandardCharsets.UTF_8)));
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"filedata\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(data);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    long contentFiles() throws java.io.IOException {
        Path store = home.resolve("contentstore");
        try (Stream<Path> s = Files.walk(store)) {
            return s.filter(p -> p.toString().endsWith(".bin")).count();
        }
    }

    /**
     * VersionableAspect (cm:initialVersion): 1.0 on create; NodesImpl.updateContent: minor by default, major on request;
     * NodeVersionsRelation.delete: the only version -> 422; a deleted version's content file leaves the disk.
     */
    @Test
    void versionsLifecycle() throws Exception {
        NodeEntry f = createFolder("-root-", unique("versions"));
        NodeEntry n = createFile(admin, f.getEntry().getId(), "v.txt", "cm:content", null, List.of("cm:versionable"));
        String id = n.getEntry().getId();
        assertThat(props(n)).containsEntry("cm:versionLabel", "1.0").containsEntry("cm:versionType", "MAJOR");
        assertError(admin.delete(Client.core("nodes/" + id + "/versions/1.0")), 422);
        admin.putBytes(Client.core("nodes/" + id + "/content?comment=first"), "one".getBytes(StandardCharsets.UTF_8), "text/plain");
        NodeEntry v2 = admin.putBytes(Client.core("nodes/" + id + "/content?majorVersion=true"), "two".getBytes(StandardCharsets.UTF_8), "text/plain")
                .as(NodeEntry.class);
        assertThat(props(v2)).containsEntry("cm:versionLabel", "2.0");
        VersionPaging vp = admin.get(Client.core("nodes/" + id + "/versions")).as(VersionPaging.class);
        assertThat(vp.getList().getEntries()).extracting(e -> e.getEntry().getId()).containsExactly("2.0", "1.1", "1.0");
        VersionEntry v11 = admin.get(Client.core("nodes/" + id + "/versions/1.1")).as(VersionEntry.class);
        assertThat(v11.getEntry().getVersionComment()).isEqualTo("first");
        assertThat(admin.get(Client.core("nodes/" + id + "/versions/1.1/content")).body()).isEqualTo("one");
        long before = contentFiles();
        // "destroy content keep metadata": new content, then delete the older versions
        admin.putBytes(Client.core("nodes/" + id + "/content"), "gone".getBytes(StandardCharsets.UTF_8), "text/plain");
        assertThat(admin.delete(Client.core("nodes/" + id + "/versions/1.1")).status()).isEqualTo(204);
        assertThat(admin.delete(Client.core("nodes/" + id + "/versions/2.0")).status()).isEqualTo(204);
        assertThat(contentFiles()).isEqualTo(before + 1 - 2);
        assertError(admin.get(Client.core("nodes/" + id + "/versions/1.1/content")), 404);
    }

    /** DeletedNodesImpl + NodeArchiveService: archive, list, restore, purge (content of node and versions removed from disk). */
    @Test
    void trashcan() throws Exception {
        NodeEntry f = createFolder("-root-", unique("trash"));
        NodeEntry sub = createFolder(f.getEntry().getId(), "sub");
        NodeEntry n = createFile(admin, sub.getEntry().getId(), "t.txt", "cm:content", null, List.of("cm:versionable"));
        admin.putBytes(Client.core("nodes/" + n.getEntry().getId() + "/content"), "a".getBytes(StandardCharsets.UTF_8), "text/plain");
        admin.putBytes(Client.core("nodes/" + n.getEntry().getId() + "/content"), "b".getBytes(StandardCharsets.UTF_8), "text/plain");
        assertThat(admin.delete(Client.core("nodes/" + sub.getEntry().getId())).status()).isEqualTo(204);
        assertError(admin.get(Client.core("nodes/" + n.getEntry().getId())), 404);
        DeletedNodesPaging dl = admin.get(Client.core("deleted-nodes?maxItems=1000")).as(DeletedNodesPaging.class);
        assertThat(dl.getList().getEntries()).extracting(e -> e.getEntry().getId()).contains(sub.getEntry().getId());
        DeletedNodeEntry d = admin.get(Client.core("deleted-nodes/" + sub.getEntry().getId())).as(DeletedNodeEntry.class);
        assertThat(d.getEntry().getArchivedByUser().getId()).isEqualTo(ADMIN);
        assertThat(d.getEntry().getArchivedAt()).isNotNull();
        assertThat(admin.post(Client.core("deleted-nodes/" + sub.getEntry().getId() + "/restore"), "{}").status()).isEqualTo(200);
        assertThat(admin.get(Client.core("nodes/" + n.getEntry().getId())).status()).isEqualTo(200);
        long before = contentFiles();
        admin.delete(Client.core("nodes/" + sub.getEntry().getId()));
        assertThat(admin.delete(Client.core("deleted-nodes/" + sub.getEntry().getId())).status()).isEqualTo(204);
        assertThat(contentFiles()).isEqualTo(before - 2);
        assertError(admin.get(Client.core("deleted-nodes/" + sub.getEntry().getId())), 404);
        NodeEntry p = createFile(admin, f.getEntry().getId(), "perm.txt", "cm:content", null, null);
        assertThat(admin.delete(Client.core("nodes/" + p.getEntry().getId() + "?permanent=true")).status()).isEqualTo(204);
        assertError(admin.get(Client.core("deleted-nodes/" + p.getEntry().getId())), 404);
    }

    /** NodesImpl.moveOrCopyNode: move with optional rename; name clash 409. */
    @Test
    void move() {
        NodeEntry a = createFolder("-root-", unique("moveA"));
        NodeEntry b = createFolder("-root-", unique("moveB"));
        NodeEntry n = createFile(admin, a.getEntry().getId(), "m.txt", "cm:content", null, null);
        NodeEntry moved = admin.post(Client.core("nodes/" + n.getEntry().getId() + "/move"),
                new NodeBodyMove().targetParentId(b.getEntry().getId()).name("m2.txt")).as(NodeEntry.class);
        assertThat(moved.getEntry().getParentId()).isEqualTo(b.getEntry().getId());
        assertThat(moved.getEntry().getName()).isEqualTo("m2.txt");
        createFile(admin, a.getEntry().getId(), "m2.txt", "cm:content", null, null);
        assertError(admin.post(Client.core("nodes/" + moved.getEntry().getId() + "/move"), new NodeBodyMove().targetParentId(a.getEntry().getId())), 409);
    }
}
