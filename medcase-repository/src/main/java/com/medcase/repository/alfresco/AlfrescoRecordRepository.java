package com.medcase.repository.alfresco;

import com.medcase.hash.Sha256;
import com.medcase.model.MedCaseModel;
import com.medcase.model.ModelDefinitions;
import com.medcase.repository.AccessProjection;
import com.medcase.repository.AccessProjection.AccessLevel;
import com.medcase.repository.CaseFolder;
import com.medcase.repository.DestructionReceipt;
import com.medcase.repository.NewCase;
import com.medcase.repository.NewRecord;
import com.medcase.repository.ContentNotFoundException;
import com.medcase.repository.NodeNotFoundException;
import com.medcase.repository.RecordHeldException;
import com.medcase.repository.RecordRepository;
import com.medcase.repository.RecordVersion;
import com.medcase.repository.RepositoryException;
import com.medcase.repository.StoredRecord;
import org.alfresco.core.model.Node;
import org.alfresco.core.model.NodeBodyCreate;
import org.alfresco.core.model.NodeBodyMove;
import org.alfresco.core.model.NodeBodyUpdate;
import org.alfresco.core.model.NodeEntry;
import org.alfresco.core.model.NodePaging;
import org.alfresco.core.model.PermissionElement;
import org.alfresco.core.model.PermissionsBody;
import org.alfresco.core.model.VersionEntry;
import org.alfresco.core.model.VersionPaging;

import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static com.medcase.repository.alfresco.AlfrescoHttp.enc;

/**
 * {@link RecordRepository} over Alfresco's public REST API v1, for ACS and the embedded default alike.
 *
 * <p>Layout under Company Home: {@code <root>/Cases/<case number>} ({@code mc:case}) holding
 * {@code mc:medicalRecord} documents, and {@code <root>/Claimants/<claimant id>} ({@code mc:claimant}).
 * The root has inheritance OFF: Company Home grants GROUP_EVERYONE Consumer to everything below it
 * (ACS bootstrap spaces.xml), so the root admits only the records-team groups and the service account,
 * and everything below inherits that. Records carry their own ACL, inheritance off as well.
 *
 * <p>Permissions are always written as ACS's REST API defines them (NodesImpl.processNodePermissions):
 * {@code PUT /nodes/{id}} with {@code isInheritanceEnabled=false} and the COMPLETE {@code locallySet},
 * which replaces the node's direct ACL in one call. CMIS is not used: its applyAcl never breaks
 * inheritance and cannot remove one entry without removing all (CMISConnector).
 */
public final class AlfrescoRecordRepository implements RecordRepository {

    static final String FROZEN = "rma:frozen";
    static final String VERSIONABLE = "cm:versionable";
    private static final String RECORD_INCLUDE = "include=properties,aspectNames";
    private static final int PAGE = 500;

    /** ACS roles for the three levels; each includes Read (permissionDefinitions.xml). */
    static final Map<AccessLevel, String> ROLE = Map.of(AccessLevel.READ, "Consumer", AccessLevel.WRITE, "Collaborator",
            AccessLevel.ALL, "Coordinator");

    private final AlfrescoHttp http;
    private final PropertyCodec codec;
    private final Clock clock;
    private final String serviceAccount;
    private final String rootId;
    private final String casesRootId;
    private final String claimantsRootId;
    private final String rootPath;

    public AlfrescoRecordRepository(AlfrescoHttp http, AlfrescoAuthorityDirectory authorities, Clock clock) {
        this.http = http;
        this.codec = new PropertyCodec(ModelDefinitions.load());
        this.clock = clock;
        this.serviceAccount = http.settings().username();
        this.rootPath = http.settings().rootPath();
        // The role groups must exist before an ACL may name them (NodesImpl refuses unknown authorities).
        authorities.ensureGroup(MedCaseModel.GROUP_RECORDS_MANAGERS, "MedCase records managers");
        authorities.ensureGroup(MedCaseModel.GROUP_RECORDS_CLERKS, "MedCase records clerks");
        authorities.ensureGroup(MedCaseModel.GROUP_LEGAL_HOLD_ADMINISTRATORS, "MedCase legal hold administrators");
        this.rootId = ensureFolder("-root-", rootPath);
        applyAccess(rootId, recordsTeamOnly());
        this.casesRootId = ensureFolder(rootId, "Cases");
        this.claimantsRootId = ensureFolder(rootId, "Claimants");
    }

    /** Case folders and claimants: the records team (clerks file, managers work, hold admins look) and the service. */
    static AccessProjection recordsTeamOnly() {
        return new AccessProjection(Map.of(
                MedCaseModel.GROUP_RECORDS_MANAGERS, AccessLevel.WRITE,
                MedCaseModel.GROUP_RECORDS_CLERKS, AccessLevel.WRITE,
                MedCaseModel.GROUP_LEGAL_HOLD_ADMINISTRATORS, AccessLevel.READ));
    }

    // ---- claimants and cases -----------------------------------------------------------------

    @Override
    public String createClaimant(String claimantId, Map<String, Object> properties) {
        Map<String, Object> props = new HashMap<>(properties);
        props.put(MedCaseModel.PROP_CLAIMANT_ID, claimantId);
        NodeBodyCreate body = new NodeBodyCreate().name(safeName(claimantId)).nodeType(MedCaseModel.TYPE_CLAIMANT)
                .properties(codec.toJson(props));
        try {
            return http.core("POST", "/nodes/" + claimantsRootId + "/children", body, NodeEntry.class).getEntry().getId();
        } catch (AlfrescoApiException e) {
            if (e.status() == 409) {
                throw new RepositoryException("Claimant " + claimantId + " already exists; use its id", e);
            }
            throw e;
        }
    }

    @Override
    public Optional<Map<String, Object>> findClaimant(String claimantId) {
        return byPath("Claimants/" + safeName(claimantId))
                .filter(n -> claimantId.equals(codec.fromJson(n.getProperties(), MedCaseModel.PREFIX).get(MedCaseModel.PROP_CLAIMANT_ID)))
                .map(n -> codec.fromJson(n.getProperties(), MedCaseModel.PREFIX));
    }

    @Override
    public List<String> findClaimants(String familyName, String givenName, LocalDate dateOfBirth) {
        List<String> ids = new ArrayList<>();
        for (Node n : children(claimantsRootId, "(nodeType='" + MedCaseModel.TYPE_CLAIMANT + "')")) {
            Map<String, Object> p = codec.fromJson(n.getProperties(), MedCaseModel.PREFIX);
            if (familyName.equals(p.get(MedCaseModel.PROP_CLAIMANT_FAMILY_NAME)) && givenName.equals(p.get(MedCaseModel.PROP_CLAIMANT_GIVEN_NAME))
                    && dateOfBirth.equals(p.get(MedCaseModel.PROP_DATE_OF_BIRTH))) {
                ids.add((String) p.get(MedCaseModel.PROP_CLAIMANT_ID));
            }
        }
        return ids;
    }

    @Override
    public CaseFolder createCase(NewCase newCase) {
        Map<String, Object> props = new HashMap<>(newCase.properties());
        props.put(MedCaseModel.PROP_CASE_NUMBER, newCase.caseNumber());
        props.putIfAbsent(MedCaseModel.PROP_CASE_STATUS, "open");
        NodeBodyCreate body = new NodeBodyCreate().name(safeName(newCase.caseNumber())).nodeType(MedCaseModel.TYPE_CASE)
                .properties(codec.toJson(props));
        try {
            return toCase(http.core("POST", "/nodes/" + casesRootId + "/children?" + RECORD_INCLUDE, body, NodeEntry.class).getEntry());
        } catch (AlfrescoApiException e) {
            if (e.status() == 409) {
                throw new RepositoryException("Case " + newCase.caseNumber() + " already exists; case numbers are unique", e);
            }
            throw e;
        }
    }

    @Override
    public Optional<CaseFolder> findCaseByNumber(String caseNumber) {
        return byPath("Cases/" + safeName(caseNumber)).map(this::toCase).filter(c -> caseNumber.equals(c.caseNumber()));
    }

    @Override
    public CaseFolder getCase(String caseFolderId) {
        Node node = node(caseFolderId);
        if (!MedCaseModel.TYPE_CASE.equals(node.getNodeType())) {
            throw new RepositoryException("Node " + caseFolderId + " is not a case folder");
        }
        return toCase(node);
    }

    @Override
    public List<CaseFolder> findCasesByClaimant(String familyName, String givenName, LocalDate dateOfBirth) {
        Set<String> claimants = new LinkedHashSet<>(findClaimants(familyName, givenName, dateOfBirth));
        if (claimants.isEmpty()) {
            return List.of();
        }
        return listCases().stream().filter(c -> claimants.contains(c.properties().get(MedCaseModel.PROP_CASE_CLAIMANT_ID))).toList();
    }

    @Override
    public List<CaseFolder> listCases() {
        return children(casesRootId, "(nodeType='" + MedCaseModel.TYPE_CASE + "')").stream().map(this::toCase).toList();
    }

    // ---- records -----------------------------------------------------------------------------

    @Override
    public StoredRecord fileRecord(String caseFolderId, NewRecord record) {
        Map<String, Object> props = new HashMap<>(record.properties());
        List<String> aspects = new ArrayList<>();
        record.aspects().forEach((aspect, aspectProps) -> {
            aspects.add(aspect);
            props.putAll(aspectProps);
        });
        props.putIfAbsent(MedCaseModel.PROP_SHA256, Sha256.hex(record.content()));
        NodeBodyCreate body = new NodeBodyCreate().name(record.name()).nodeType(MedCaseModel.TYPE_MEDICAL_RECORD)
                .aspectNames(aspects.isEmpty() ? null : aspects).properties(codec.toJson(props));
        if (record.access() != null) {
            body.permissions(permissions(record.access()));
        }
        // Two calls: the node is created with its final ACL and aspects (JSON create takes permissions;
        // the multipart upload does not, and the record would inherit the case folder's ACL until a
        // second call), then its content is written.
        Node created = http.core("POST", "/nodes/" + enc(caseFolderId) + "/children?autoRename=true", body, NodeEntry.class).getEntry();
        Node withContent = http.putContent("/nodes/" + created.getId() + "/content?" + RECORD_INCLUDE, record.content(),
                record.mimeType(), NodeEntry.class).getEntry();
        return toRecord(withContent);
    }

    @Override
    public StoredRecord getRecord(String recordId) {
        Node node = node(recordId);
        if (!Boolean.TRUE.equals(node.isIsFile())) {
            throw new RepositoryException("Node " + recordId + " is not a document");
        }
        return toRecord(node);
    }

    @Override
    public List<StoredRecord> listRecords(String caseFolderId) {
        List<StoredRecord> records = new ArrayList<>();
        for (Node n : children(caseFolderId, "(nodeType='" + MedCaseModel.TYPE_MEDICAL_RECORD + "')")) {
            records.add(toRecord(n));
        }
        records.sort(Comparator.comparing(StoredRecord::name));
        return records;
    }

    @Override
    public InputStream readContent(String recordId) {
        // One call: an empty body is how a record whose content disposition destroyed answers.
        java.io.PushbackInputStream in;
        try {
            in = new java.io.PushbackInputStream(http.content("/nodes/" + enc(recordId) + "/content?attachment=true"));
        } catch (AlfrescoApiException e) {
            if (e.status() == 404) {
                throw new NodeNotFoundException(recordId, "No node " + recordId + " in the repository (deleted, or not visible to the service account)", e);
            }
            throw e;
        }
        try {
            int first = in.read();
            if (first < 0) {
                in.close();
                throw new ContentNotFoundException(recordId, "Record " + recordId + " has no content (it may have been destroyed by disposition)");
            }
            in.unread(first);
            return in;
        } catch (java.io.IOException e) {
            throw new RepositoryException("Cannot read the content of " + recordId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void updateProperties(String objectId, Map<String, Object> properties) {
        Map<String, Object> values = new HashMap<>();
        properties.forEach((k, v) -> values.put(k, codec.toJsonValue(v)));
        update(objectId, new NodeBodyUpdate().properties(values));
    }

    @Override
    public void addAspect(String objectId, String aspect, Map<String, Object> properties) {
        Node node = node(objectId);
        NodeBodyUpdate body = new NodeBodyUpdate().properties(codec.toJson(properties));
        List<String> aspects = aspectsOf(node);
        if (!aspects.contains(aspect)) {
            aspects.add(aspect);
            body.aspectNames(aspects);
        }
        update(objectId, body);
    }

    @Override
    public void removeAspect(String objectId, String aspect) {
        List<String> aspects = aspectsOf(node(objectId));
        if (aspects.remove(aspect)) {
            // aspectNames is the complete set (NodesImpl.updateCustomAspects); ACS drops the aspect's properties with it.
            update(objectId, new NodeBodyUpdate().aspectNames(aspects));
        }
    }

    @Override
    public StoredRecord moveRecord(String recordId, String targetCaseFolderId) {
        StoredRecord record = getRecord(recordId);
        for (int attempt = 1; ; attempt++) {
            try {
                NodeBodyMove move = new NodeBodyMove().targetParentId(targetCaseFolderId)
                        .name(attempt == 1 ? record.name() : numbered(record.name(), attempt));
                return toRecord(http.core("POST", "/nodes/" + enc(recordId) + "/move?" + RECORD_INCLUDE, move, NodeEntry.class).getEntry());
            } catch (AlfrescoApiException e) {
                if (e.status() != 409 || attempt >= 100) {
                    throw held(recordId, e);
                }
            }
        }
    }

    @Override
    public StoredRecord newVersion(String recordId, byte[] content, String mimeType, String comment) {
        Node node = node(recordId);
        refuseIfFrozen(node);
        List<String> aspects = aspectsOf(node);
        if (!aspects.contains(VERSIONABLE)) {
            // Versioning starts with the first correction: ACS keeps the current content as version 1.0.
            aspects.add(VERSIONABLE);
            update(recordId, new NodeBodyUpdate().aspectNames(aspects));
        }
        http.putContent("/nodes/" + enc(recordId) + "/content?majorVersion=true&comment=" + enc(comment == null ? "" : comment),
                content, mimeType, NodeEntry.class);
        update(recordId, new NodeBodyUpdate().properties(Map.of(MedCaseModel.PROP_SHA256, Sha256.hex(content))));
        return getRecord(recordId);
    }

    @Override
    public List<RecordVersion> versions(String recordId) {
        Node node = node(recordId);
        List<RecordVersion> versions = new ArrayList<>();
        if (aspectsOf(node).contains(VERSIONABLE)) {
            for (int skip = 0; ; skip += PAGE) {
                VersionPaging page = http.core("GET", "/nodes/" + enc(recordId) + "/versions?skipCount=" + skip + "&maxItems=" + PAGE,
                        null, VersionPaging.class);
                if (page.getList() == null || page.getList().getEntries() == null) {
                    break;
                }
                for (VersionEntry e : page.getList().getEntries()) {
                    org.alfresco.core.model.Version v = e.getEntry();
                    versions.add(new RecordVersion(v.getId(), v.getVersionComment(),
                            v.getModifiedAt() == null ? null : v.getModifiedAt().toInstant(),
                            v.getModifiedByUser() == null ? null : v.getModifiedByUser().getId(),
                            v.getContent() == null ? null : v.getContent().getMimeType(),
                            v.getContent() == null || v.getContent().getSizeInBytes() == null ? 0 : v.getContent().getSizeInBytes()));
                }
                if (page.getList().getPagination() == null || !Boolean.TRUE.equals(page.getList().getPagination().isHasMoreItems())) {
                    break;
                }
            }
        }
        if (versions.isEmpty()) {
            // Not versionable (versioning starts with the first correction, see newVersion): the node is the only version.
            String label = node.getProperties() instanceof Map<?, ?> all && all.get("cm:versionLabel") instanceof String v ? v : "1.0";
            versions.add(new RecordVersion(label, null, node.getModifiedAt() == null ? null : node.getModifiedAt().toInstant(),
                    node.getModifiedByUser() == null ? null : node.getModifiedByUser().getId(),
                    node.getContent() == null ? null : node.getContent().getMimeType(),
                    node.getContent() == null || node.getContent().getSizeInBytes() == null ? 0 : node.getContent().getSizeInBytes()));
        }
        return versions;
    }

    // ---- access ------------------------------------------------------------------------------

    @Override
    public void applyAccess(String objectId, AccessProjection projection) {
        update(objectId, new NodeBodyUpdate().permissions(permissions(projection)));
    }

    @Override
    public void applyAccess(StoredRecord record, AccessProjection projection, String aspect, Map<String, Object> aspectProperties) {
        NodeBodyUpdate body = new NodeBodyUpdate().permissions(permissions(projection));
        // A frozen record refuses property changes (FrozenAspect) but not its ACL: set only the ACL there.
        if (!record.aspects().contains(FROZEN)) {
            body.properties(codec.toJson(aspectProperties));
            if (!record.aspects().contains(aspect)) {
                List<String> aspects = new ArrayList<>(record.aspects());
                aspects.add(aspect);
                body.aspectNames(aspects);
            }
        }
        update(record.id(), body);
    }

    /** The complete direct ACL: the projection plus the service account (Coordinator), sorted for stable output. */
    PermissionsBody permissions(AccessProjection projection) {
        Map<String, String> roles = new TreeMap<>();
        projection.entries().forEach((authority, level) -> roles.put(authority, ROLE.get(level)));
        roles.put(serviceAccount, ROLE.get(AccessLevel.ALL));
        List<PermissionElement> locallySet = new ArrayList<>();
        roles.forEach((authority, role) -> locallySet.add(new PermissionElement().authorityId(authority).name(role)
                .accessStatus(PermissionElement.AccessStatusEnum.ALLOWED)));
        // Denying Consumer denies what it includes (Read), for the authority and, through it, no one else.
        new java.util.TreeSet<>(projection.denied()).forEach(authority -> locallySet.add(new PermissionElement().authorityId(authority)
                .name(ROLE.get(AccessLevel.READ)).accessStatus(PermissionElement.AccessStatusEnum.DENIED)));
        return new PermissionsBody().isInheritanceEnabled(false).locallySet(locallySet);
    }

    @Override
    public AccessProjection readAccess(String objectId) {
        Node node = http.core("GET", "/nodes/" + enc(objectId) + "?include=permissions", null, NodeEntry.class).getEntry();
        Map<String, AccessLevel> entries = new HashMap<>();
        java.util.Set<String> denied = new java.util.HashSet<>();
        if (node.getPermissions() != null && node.getPermissions().getLocallySet() != null) {
            for (PermissionElement e : node.getPermissions().getLocallySet()) {
                if (e.getAccessStatus() == PermissionElement.AccessStatusEnum.DENIED) {
                    denied.add(e.getAuthorityId());
                    continue;
                }
                if (e.getAuthorityId().equals(serviceAccount)) {
                    continue;
                }
                AccessLevel level = switch (e.getName()) {
                    case "Coordinator" -> AccessLevel.ALL;
                    case "Collaborator", "Editor", "Contributor" -> AccessLevel.WRITE;
                    default -> AccessLevel.READ;
                };
                entries.merge(e.getAuthorityId(), level, (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
        }
        return new AccessProjection(entries, denied);
    }

    /** Whether inheritance is on for a node (the leak check: a governed node must never inherit Company Home's ACL). */
    public boolean inheritsPermissions(String objectId) {
        Node node = http.core("GET", "/nodes/" + enc(objectId) + "?include=permissions", null, NodeEntry.class).getEntry();
        return node.getPermissions() == null || !Boolean.FALSE.equals(node.getPermissions().isIsInheritanceEnabled());
    }

    // ---- disposition -------------------------------------------------------------------------

    @Override
    public DestructionReceipt destroy(String recordId) {
        Node node = node(recordId);
        refuseIfFrozen(node);
        String sha = (String) codec.fromJson(node.getProperties(), MedCaseModel.PREFIX).get(MedCaseModel.PROP_SHA256);
        List<String> versions = deleteVersions(recordId, false);
        try {
            http.core("DELETE", "/nodes/" + enc(recordId), null, null);
        } catch (AlfrescoApiException e) {
            throw held(recordId, e);
        }
        // Deleted nodes go to the trashcan (archive store) with their content: purge it there too.
        http.core("DELETE", "/deleted-nodes/" + enc(recordId), null, null);
        return new DestructionReceipt(recordId, node.getName(), versions, true, true, sha, clock.instant());
    }

    @Override
    public DestructionReceipt destroyContent(String recordId) {
        Node node = node(recordId);
        refuseIfFrozen(node);
        String sha = (String) codec.fromJson(node.getProperties(), MedCaseModel.PREFIX).get(MedCaseModel.PROP_SHA256);
        List<String> aspects = aspectsOf(node);
        if (!aspects.contains(VERSIONABLE)) {
            // Made versionable first, so that replacing the content leaves a history we can delete version by
            // version (an unversioned overwrite would leave the old bytes to ACS's content store cleaner).
            aspects.add(VERSIONABLE);
            update(recordId, new NodeBodyUpdate().aspectNames(aspects));
        }
        http.putContent("/nodes/" + enc(recordId) + "/content?majorVersion=true&comment=" + enc("content destroyed by disposition"),
                new byte[0], "application/octet-stream", NodeEntry.class);
        List<String> versions = deleteVersions(recordId, true);
        return new DestructionReceipt(recordId, node.getName(), versions, false, false, sha, clock.instant());
    }

    /** Deletes the version history (oldest first); with {@code keepHead}, the current version stays. */
    private List<String> deleteVersions(String recordId, boolean keepHead) {
        List<String> deleted = new ArrayList<>();
        VersionPaging page;
        try {
            page = http.core("GET", "/nodes/" + enc(recordId) + "/versions?maxItems=" + PAGE, null, VersionPaging.class);
        } catch (AlfrescoApiException e) {
            if (e.status() == 404) {
                return deleted; // not versionable: no history
            }
            throw e;
        }
        List<VersionEntry> entries = page.getList() == null || page.getList().getEntries() == null ? List.of() : page.getList().getEntries();
        // ACS lists the newest first.
        for (int i = entries.size() - 1; i >= (keepHead ? 1 : 0); i--) {
            String versionId = entries.get(i).getEntry().getId();
            try {
                http.core("DELETE", "/nodes/" + enc(recordId) + "/versions/" + enc(versionId), null, null);
                deleted.add(versionId);
            } catch (AlfrescoApiException e) {
                if (i == 0 && !keepHead && (e.status() == 422 || e.status() == 409 || e.status() == 400)) {
                    break; // the head version goes with the node itself
                }
                throw held(recordId, e);
            }
        }
        return deleted;
    }

    // ---- helpers -----------------------------------------------------------------------------

    private void update(String objectId, NodeBodyUpdate body) {
        try {
            // The answer (the updated node) is not needed: not parsing it saves the client a full node's JSON.
            http.core("PUT", "/nodes/" + enc(objectId), body, null);
        } catch (AlfrescoApiException e) {
            throw held(objectId, e);
        }
    }

    private void refuseIfFrozen(Node node) {
        if (node.getAspectNames() != null && node.getAspectNames().contains(FROZEN)) {
            throw new RecordHeldException(node.getId());
        }
    }

    /** A 403/422 on a frozen node is the hold speaking: say so. */
    private RepositoryException held(String objectId, AlfrescoApiException e) {
        if (e.status() == 403 || e.status() == 422) {
            try {
                Node node = node(objectId);
                if (node.getAspectNames() != null && node.getAspectNames().contains(FROZEN)) {
                    return new RecordHeldException(objectId);
                }
            } catch (RepositoryException ignored) {
                // the original error says more
            }
        }
        return e;
    }

    private Node node(String id) {
        try {
            return http.core("GET", "/nodes/" + enc(id) + "?" + RECORD_INCLUDE, null, NodeEntry.class).getEntry();
        } catch (AlfrescoApiException e) {
            if (e.status() == 404) {
                throw new NodeNotFoundException(id, "No node " + id + " in the repository (deleted, or not visible to the service account)", e);
            }
            throw e;
        }
    }

    private Optional<Node> byPath(String relative) {
        try {
            String path = rootPath + "/" + relative;
            return Optional.of(http.core("GET", "/nodes/-root-?relativePath=" + enc(path) + "&" + RECORD_INCLUDE, null, NodeEntry.class).getEntry());
        } catch (AlfrescoApiException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private List<Node> children(String parentId, String where) {
        List<Node> all = new ArrayList<>();
        for (int skip = 0; ; skip += PAGE) {
            NodePaging page = http.core("GET", "/nodes/" + enc(parentId) + "/children?" + RECORD_INCLUDE + "&orderBy=name&skipCount=" + skip
                    + "&maxItems=" + PAGE + "&where=" + enc(where), null, NodePaging.class);
            page.getList().getEntries().forEach(e -> all.add(e.getEntry()));
            if (!Boolean.TRUE.equals(page.getList().getPagination().isHasMoreItems())) {
                return all;
            }
        }
    }

    private String ensureFolder(String parentId, String path) {
        String current = parentId;
        StringBuilder walked = new StringBuilder();
        for (String segment : path.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            walked.append(walked.length() == 0 ? "" : "/").append(segment);
            try {
                current = http.core("GET", "/nodes/" + enc(current) + "?relativePath=" + enc(segment), null, NodeEntry.class).getEntry().getId();
            } catch (AlfrescoApiException e) {
                if (e.status() != 404) {
                    throw e;
                }
                current = http.core("POST", "/nodes/" + enc(current) + "/children",
                        new NodeBodyCreate().name(segment).nodeType("cm:folder"), NodeEntry.class).getEntry().getId();
            }
        }
        return current;
    }

    private static List<String> aspectsOf(Node node) {
        return node.getAspectNames() == null ? new ArrayList<>() : new ArrayList<>(node.getAspectNames());
    }

    private CaseFolder toCase(Node n) {
        Map<String, Object> props = codec.fromJson(n.getProperties(), MedCaseModel.PREFIX);
        return new CaseFolder(n.getId(), "/" + rootPath + "/Cases/" + n.getName(), (String) props.get(MedCaseModel.PROP_CASE_NUMBER), props);
    }

    private StoredRecord toRecord(Node n) {
        Map<String, Object> props = codec.fromJson(n.getProperties(), MedCaseModel.PREFIX);
        String versionLabel = n.getProperties() instanceof Map<?, ?> all && all.get("cm:versionLabel") instanceof String v ? v : null;
        String mime = n.getContent() == null ? "application/octet-stream" : n.getContent().getMimeType();
        long size = n.getContent() == null || n.getContent().getSizeInBytes() == null ? 0 : n.getContent().getSizeInBytes();
        return new StoredRecord(n.getId(), n.getName(), n.getParentId(), mime, size, versionLabel, props,
                n.getAspectNames() == null ? Set.of() : Set.copyOf(n.getAspectNames()));
    }

    /** ACS refuses * " < > \ / ? : | in names and a trailing dot (NodesImpl / FilenameFilteringInterceptor). */
    static String safeName(String s) {
        String cleaned = s.replaceAll("[\\\\/:*?\"<>|]", "_");
        return cleaned.endsWith(".") ? cleaned.substring(0, cleaned.length() - 1) + "_" : cleaned;
    }

    private static String numbered(String name, int n) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) + "-" + (n - 1) + name.substring(dot) : name + "-" + (n - 1);
    }
}
