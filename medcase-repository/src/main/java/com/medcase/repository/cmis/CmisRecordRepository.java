package com.medcase.repository.cmis;

import com.medcase.hash.Sha256;
import com.medcase.model.MedCaseModel;
import com.medcase.model.ModelDefinitions;
import com.medcase.repository.AccessProjection;
import com.medcase.repository.AccessProjection.AccessLevel;
import com.medcase.repository.CaseFolder;
import com.medcase.repository.NewCase;
import com.medcase.repository.NewRecord;
import com.medcase.repository.RecordHeldException;
import com.medcase.repository.RecordRepository;
import com.medcase.repository.RepositoryCapability;
import com.medcase.repository.RepositoryException;
import com.medcase.repository.StoredRecord;
import org.apache.chemistry.opencmis.client.api.CmisObject;
import org.apache.chemistry.opencmis.client.api.Document;
import org.apache.chemistry.opencmis.client.api.Folder;
import org.apache.chemistry.opencmis.client.api.ItemIterable;
import org.apache.chemistry.opencmis.client.api.ObjectId;
import org.apache.chemistry.opencmis.client.api.OperationContext;
import org.apache.chemistry.opencmis.client.api.Property;
import org.apache.chemistry.opencmis.client.api.QueryResult;
import org.apache.chemistry.opencmis.client.api.QueryStatement;
import org.apache.chemistry.opencmis.client.api.Session;
import org.apache.chemistry.opencmis.client.api.SessionFactory;
import org.apache.chemistry.opencmis.client.runtime.SessionFactoryImpl;
import org.apache.chemistry.opencmis.commons.PropertyIds;
import org.apache.chemistry.opencmis.commons.SessionParameter;
import org.apache.chemistry.opencmis.commons.data.Ace;
import org.apache.chemistry.opencmis.commons.data.Acl;
import org.apache.chemistry.opencmis.commons.data.ContentStream;
import org.apache.chemistry.opencmis.commons.enums.AclPropagation;
import org.apache.chemistry.opencmis.commons.enums.BindingType;
import org.apache.chemistry.opencmis.commons.enums.CapabilityAcl;
import org.apache.chemistry.opencmis.commons.enums.VersioningState;
import org.apache.chemistry.opencmis.commons.exceptions.CmisBaseException;
import org.apache.chemistry.opencmis.commons.exceptions.CmisConstraintException;
import org.apache.chemistry.opencmis.commons.exceptions.CmisContentAlreadyExistsException;
import org.apache.chemistry.opencmis.commons.exceptions.CmisObjectNotFoundException;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link RecordRepository} over the CMIS 1.1 browser binding, for Alfresco and for the embedded
 * repository. Types and aspects use ACS's CMIS ids ({@code F:mc:case}, {@code D:mc:medicalRecord},
 * {@code P:mc:legalHold}); permissions are the CMIS basic ones (cmis:read, cmis:write, cmis:all),
 * which both repositories map. The service account keeps cmis:all on everything it manages.
 */
public final class CmisRecordRepository implements RecordRepository {

    static final String CASE_TYPE = "F:" + MedCaseModel.TYPE_CASE;
    static final String CLAIMANT_TYPE = "F:" + MedCaseModel.TYPE_CLAIMANT;
    static final String RECORD_TYPE = "D:" + MedCaseModel.TYPE_MEDICAL_RECORD;
    static final String UNDELETABLE = "P:sys:undeletable";

    private final CmisSettings settings;
    private final Session session;
    private final PropertyConverter converter;
    private final ModelDefinitions model = ModelDefinitions.load();
    private final Folder casesRoot;
    private final Folder claimantsRoot;
    private final OperationContext context;
    private final Set<RepositoryCapability> capabilities;

    public CmisRecordRepository(CmisSettings settings) {
        this.settings = settings;
        this.session = open(settings);
        this.converter = new PropertyConverter(ModelDefinitions.load());
        this.context = session.createOperationContext();
        context.setCacheEnabled(false);
        context.setIncludeAcls(false);
        context.setFilterString("*");
        Folder root = ensureFolder(session.getRootFolder(), settings.rootPath());
        this.casesRoot = ensureFolder(root, "Cases");
        this.claimantsRoot = ensureFolder(root, "Claimants");
        this.capabilities = detectCapabilities();
        // Case folders and claimants: the records team and the service only. Records inherit nothing
        // wider from here, so a record's own ACL is the only way an outside party reaches it.
        AccessProjection recordsTeamOnly = new AccessProjection(Map.of(
                MedCaseModel.GROUP_RECORDS_MANAGERS, AccessLevel.WRITE,
                MedCaseModel.GROUP_RECORDS_CLERKS, AccessLevel.WRITE,
                MedCaseModel.GROUP_LEGAL_HOLD_ADMINISTRATORS, AccessLevel.READ));
        applyAccess(root.getId(), recordsTeamOnly);
        applyAccess(casesRoot.getId(), recordsTeamOnly);
        applyAccess(claimantsRoot.getId(), recordsTeamOnly);
    }

    private static Session open(CmisSettings settings) {
        Map<String, String> params = new HashMap<>();
        params.put(SessionParameter.BINDING_TYPE, BindingType.BROWSER.value());
        params.put(SessionParameter.BROWSER_URL, settings.browserUrl());
        params.put(SessionParameter.USER, settings.username());
        params.put(SessionParameter.PASSWORD, settings.password());
        params.put(SessionParameter.CONNECT_TIMEOUT, "10000");
        params.put(SessionParameter.READ_TIMEOUT, "60000");
        try {
            SessionFactory factory = SessionFactoryImpl.newInstance();
            if (settings.repositoryId() != null) {
                params.put(SessionParameter.REPOSITORY_ID, settings.repositoryId());
                return factory.createSession(params);
            }
            return factory.getRepositories(params).get(0).createSession();
        } catch (CmisBaseException e) {
            throw new RepositoryException("Cannot open a CMIS session at " + settings.browserUrl() + " as " + settings.username()
                    + ": " + e.getMessage() + ". Check medcase.repository.cmis-url and the service account credentials.", e);
        }
    }

    private Set<RepositoryCapability> detectCapabilities() {
        Set<RepositoryCapability> caps = EnumSet.noneOf(RepositoryCapability.class);
        if (session.getTypeDefinition(RECORD_TYPE) instanceof org.apache.chemistry.opencmis.commons.definitions.DocumentTypeDefinition d
                && Boolean.TRUE.equals(d.isVersionable())) {
            caps.add(RepositoryCapability.VERSIONING);
        }
        if (settings.flavor() == RepositoryFlavor.ALFRESCO) {
            caps.add(RepositoryCapability.SYS_UNDELETABLE);
        }
        if (session.getRepositoryInfo().getCapabilities().getAclCapability() != CapabilityAcl.MANAGE) {
            throw new RepositoryException("The repository at " + settings.browserUrl() + " cannot manage ACLs; MedCase enforces consent through ACLs");
        }
        return caps;
    }

    @Override
    public Set<RepositoryCapability> capabilities() {
        return capabilities;
    }

    // ---- claimants and cases -----------------------------------------------------------------

    @Override
    public String createClaimant(String claimantId, Map<String, Object> properties) {
        if (findClaimantObject(claimantId).isPresent()) {
            throw new RepositoryException("Claimant " + claimantId + " already exists; use its id");
        }
        Map<String, Object> props = new HashMap<>(converter.toCmis(properties));
        props.put(MedCaseModel.PROP_CLAIMANT_ID, claimantId);
        props.put(PropertyIds.OBJECT_TYPE_ID, CLAIMANT_TYPE);
        props.put(PropertyIds.NAME, safeName(claimantId));
        return claimantsRoot.createFolder(props).getId();
    }

    @Override
    public Optional<Map<String, Object>> findClaimant(String claimantId) {
        return findClaimantObject(claimantId).map(this::modelProperties);
    }

    private Optional<CmisObject> findClaimantObject(String claimantId) {
        return queryIds("SELECT cmis:objectId FROM " + MedCaseModel.TYPE_CLAIMANT + " WHERE " + MedCaseModel.PROP_CLAIMANT_ID + " = ?", claimantId)
                .stream().findFirst().map(id -> session.getObject(id, context));
    }

    @Override
    public CaseFolder createCase(NewCase newCase) {
        if (findCaseByNumber(newCase.caseNumber()).isPresent()) {
            throw new RepositoryException("Case " + newCase.caseNumber() + " already exists; case numbers are unique");
        }
        Map<String, Object> props = new HashMap<>(converter.toCmis(newCase.properties()));
        props.put(MedCaseModel.PROP_CASE_NUMBER, newCase.caseNumber());
        props.putIfAbsent(MedCaseModel.PROP_CASE_STATUS, "open");
        props.put(PropertyIds.OBJECT_TYPE_ID, CASE_TYPE);
        props.put(PropertyIds.NAME, safeName(newCase.caseNumber()));
        Folder folder = casesRoot.createFolder(props);
        return toCase((Folder) session.getObject(folder.getId(), context));
    }

    @Override
    public Optional<CaseFolder> findCaseByNumber(String caseNumber) {
        return queryIds("SELECT cmis:objectId FROM " + MedCaseModel.TYPE_CASE + " WHERE " + MedCaseModel.PROP_CASE_NUMBER + " = ?", caseNumber)
                .stream().findFirst().map(id -> toCase((Folder) session.getObject(id, context)));
    }

    @Override
    public List<CaseFolder> findCasesByClaimant(String familyName, String givenName, LocalDate dateOfBirth) {
        List<String> claimantIds = new ArrayList<>();
        // Dates are compared in Java: CMIS datetime comparisons depend on the server's time zone handling.
        for (String id : queryIds("SELECT cmis:objectId FROM " + MedCaseModel.TYPE_CLAIMANT + " WHERE "
                + MedCaseModel.PROP_CLAIMANT_FAMILY_NAME + " = ? AND " + MedCaseModel.PROP_CLAIMANT_GIVEN_NAME + " = ?", familyName, givenName)) {
            Map<String, Object> claimant = modelProperties(session.getObject(id, context));
            if (dateOfBirth.equals(claimant.get(MedCaseModel.PROP_DATE_OF_BIRTH))) {
                claimantIds.add((String) claimant.get(MedCaseModel.PROP_CLAIMANT_ID));
            }
        }
        List<CaseFolder> cases = new ArrayList<>();
        for (String claimantId : claimantIds) {
            for (String id : queryIds("SELECT cmis:objectId FROM " + MedCaseModel.TYPE_CASE + " WHERE " + MedCaseModel.PROP_CASE_CLAIMANT_ID + " = ?", claimantId)) {
                cases.add(toCase((Folder) session.getObject(id, context)));
            }
        }
        return cases;
    }

    @Override
    public List<CaseFolder> listCases() {
        List<CaseFolder> cases = new ArrayList<>();
        for (CmisObject child : casesRoot.getChildren(context)) {
            if (child instanceof Folder f && CASE_TYPE.equals(f.getType().getId())) {
                cases.add(toCase(f));
            }
        }
        return cases;
    }

    // ---- records -----------------------------------------------------------------------------

    @Override
    public StoredRecord fileRecord(String caseFolderId, NewRecord record) {
        Folder folder = (Folder) getObject(caseFolderId);
        Map<String, Object> props = new HashMap<>(converter.toCmis(record.properties()));
        List<String> secondary = new ArrayList<>();
        record.aspects().forEach((aspect, aspectProps) -> {
            secondary.add("P:" + aspect);
            props.putAll(converter.toCmis(aspectProps));
        });
        props.putIfAbsent(MedCaseModel.PROP_SHA256, Sha256.hex(record.content()));
        props.put(PropertyIds.OBJECT_TYPE_ID, RECORD_TYPE);
        if (!secondary.isEmpty()) {
            props.put(PropertyIds.SECONDARY_OBJECT_TYPE_IDS, secondary);
        }
        VersioningState versioning = capabilities.contains(RepositoryCapability.VERSIONING) ? VersioningState.MAJOR : VersioningState.NONE;
        String name = record.name();
        for (int attempt = 1; ; attempt++) {
            props.put(PropertyIds.NAME, attempt == 1 ? name : numbered(name, attempt));
            ContentStream content = session.getObjectFactory().createContentStream((String) props.get(PropertyIds.NAME),
                    record.content().length, record.mimeType(), new ByteArrayInputStream(record.content()));
            try {
                ObjectId id = session.createDocument(props, folder, content, versioning);
                return getRecord(id.getId());
            } catch (CmisContentAlreadyExistsException | org.apache.chemistry.opencmis.commons.exceptions.CmisNameConstraintViolationException e) {
                // ACS answers contentAlreadyExists, the embedded server nameConstraintViolation: same meaning here.
                if (attempt >= 100) {
                    throw new RepositoryException("Case folder " + caseFolderId + " already holds 100 documents named like " + name, e);
                }
            }
        }
    }

    @Override
    public StoredRecord getRecord(String recordId) {
        CmisObject object = getObject(recordId);
        if (!(object instanceof Document doc)) {
            throw new RepositoryException("Object " + recordId + " is not a document");
        }
        return toRecord(doc);
    }

    @Override
    public List<StoredRecord> listRecords(String caseFolderId) {
        Folder folder = (Folder) getObject(caseFolderId);
        List<StoredRecord> records = new ArrayList<>();
        for (CmisObject child : folder.getChildren(context)) {
            if (child instanceof Document d && RECORD_TYPE.equals(d.getType().getId())) {
                records.add(toRecord(d));
            }
        }
        records.sort(java.util.Comparator.comparing(StoredRecord::name));
        return records;
    }

    @Override
    public Optional<StoredRecord> findRecordBySha256(String sha256) {
        return queryIds("SELECT cmis:objectId FROM " + MedCaseModel.TYPE_MEDICAL_RECORD + " WHERE " + MedCaseModel.PROP_SHA256 + " = ?", sha256)
                .stream().findFirst().map(this::getRecord);
    }

    @Override
    public InputStream readContent(String recordId) {
        CmisObject object = getObject(recordId);
        if (!(object instanceof Document doc) || doc.getContentStream() == null) {
            throw new RepositoryException("Record " + recordId + " has no content (it may have been destroyed by disposition)");
        }
        return doc.getContentStream().getStream();
    }

    @Override
    public void updateProperties(String objectId, Map<String, Object> properties) {
        Map<String, Object> values = new HashMap<>();
        properties.forEach((k, v) -> values.put(k, converter.toCmisValue(v)));
        getObject(objectId).updateProperties(values, true);
    }

    @Override
    public void addAspect(String objectId, String aspect, Map<String, Object> properties) {
        CmisObject object = getObject(objectId);
        List<String> secondary = secondaryTypes(object);
        if (!secondary.contains("P:" + aspect)) {
            secondary.add("P:" + aspect);
        }
        Map<String, Object> values = new HashMap<>(converter.toCmis(properties));
        values.put(PropertyIds.SECONDARY_OBJECT_TYPE_IDS, secondary);
        object.updateProperties(values, true);
    }

    @Override
    public void removeAspect(String objectId, String aspect) {
        CmisObject object = getObject(objectId);
        List<String> secondary = secondaryTypes(object);
        if (secondary.remove("P:" + aspect)) {
            // Clear the aspect's own properties first: the embedded server keeps them after the
            // secondary type is gone, and the object can then no longer be read by CMIS clients.
            var def = model.classes().get(aspect);
            if (def != null && settings.flavor() == RepositoryFlavor.EMBEDDED) {
                Map<String, Object> cleared = new HashMap<>();
                def.properties().values().forEach(p -> cleared.put(p.name(), p.multiple() ? List.of() : null));
                object.updateProperties(cleared, false);
                object = getObject(objectId);
            }
            object.updateProperties(Map.of(PropertyIds.SECONDARY_OBJECT_TYPE_IDS, secondary), true);
        }
    }

    @Override
    public StoredRecord moveRecord(String recordId, String targetCaseFolderId) {
        Document doc = (Document) getObject(recordId);
        Folder source = doc.getParents(context).get(0);
        doc.move(source, new org.apache.chemistry.opencmis.client.runtime.ObjectIdImpl(targetCaseFolderId));
        return getRecord(recordId);
    }

    @Override
    public StoredRecord newVersion(String recordId, byte[] content, String mimeType, String comment) {
        if (!capabilities.contains(RepositoryCapability.VERSIONING)) {
            throw new RepositoryException("The repository at " + settings.browserUrl() + " does not version " + RECORD_TYPE);
        }
        Document doc = (Document) getObject(recordId);
        ObjectId pwc = doc.checkOut();
        Document workingCopy = (Document) session.getObject(pwc, context);
        try {
            ContentStream stream = session.getObjectFactory().createContentStream(doc.getName(), content.length, mimeType,
                    new ByteArrayInputStream(content));
            // Secondary types are restated: the embedded server drops them from a new version while
            // keeping their properties, which leaves the version unreadable.
            Map<String, Object> props = Map.of(MedCaseModel.PROP_SHA256, Sha256.hex(content),
                    PropertyIds.SECONDARY_OBJECT_TYPE_IDS, secondaryTypes(doc));
            ObjectId newId = workingCopy.checkIn(true, props, stream, comment);
            return getRecord(newId.getId());
        } catch (RuntimeException e) {
            try {
                workingCopy.cancelCheckOut();
            } catch (RuntimeException cancelFailed) {
                e.addSuppressed(cancelFailed);
            }
            throw e;
        }
    }

    @Override
    public void destroyContent(String recordId) {
        CmisObject object = getObject(recordId);
        Object holds = modelProperties(object).get(MedCaseModel.PROP_HOLD_IDS);
        if (secondaryTypes(object).contains("P:" + MedCaseModel.ASPECT_LEGAL_HOLD) && holds instanceof Collection<?> c && !c.isEmpty()) {
            throw new RecordHeldException(recordId);
        }
        try {
            ((Document) object).deleteContentStream(true);
        } catch (CmisConstraintException e) {
            throw new RepositoryException("Cannot destroy the content of " + recordId + ": " + e.getMessage(), e);
        }
    }

    // ---- access, holds, deletion --------------------------------------------------------------

    @Override
    public void applyAccess(String objectId, AccessProjection projection) {
        Map<String, String> wanted = new LinkedHashMap<>();
        wanted.put(settings.username(), "cmis:all");
        projection.entries().forEach((authority, level) -> {
            for (String principal : expand(authority)) {
                // One ACE per principal (the embedded server keeps only one): the widest level wins.
                wanted.merge(principal, permission(level), CmisRecordRepository::wider);
            }
        });
        ObjectId target = new org.apache.chemistry.opencmis.client.runtime.ObjectIdImpl(objectId);
        Acl current = session.getAcl(target, false);
        Map<String, String> have = new HashMap<>();
        List<Ace> remove = new ArrayList<>();
        if (current != null && current.getAces() != null) {
            for (Ace ace : current.getAces()) {
                if (!ace.isDirect()) {
                    continue;
                }
                String permission = ace.getPermissions().size() == 1 ? ace.getPermissions().get(0) : null;
                have.put(ace.getPrincipalId(), permission);
                if (permission == null || !permission.equals(wanted.get(ace.getPrincipalId()))) {
                    remove.add(ace);
                }
            }
        }
        List<Ace> addNew = new ArrayList<>();
        List<Ace> addChanged = new ArrayList<>();
        wanted.forEach((principal, permission) -> {
            if (!have.containsKey(principal)) {
                addNew.add(session.getObjectFactory().createAce(principal, List.of(permission)));
            } else if (!permission.equals(have.get(principal))) {
                addChanged.add(session.getObjectFactory().createAce(principal, List.of(permission)));
            }
        });
        // Two calls, because of the embedded server's verified quirks: it keeps one ACE per principal
        // and ignores an add for a principal it already has (so a changed level is removed first and
        // re-added after), and an ACL left empty falls back to "anyone may do anything" (so the
        // service account's entry, always wanted, keeps the first call's result non-empty).
        if (!addNew.isEmpty() || !remove.isEmpty()) {
            session.applyAcl(target, addNew, remove, AclPropagation.OBJECTONLY);
        }
        if (!addChanged.isEmpty()) {
            session.applyAcl(target, addChanged, null, AclPropagation.OBJECTONLY);
        }
    }

    @Override
    public AccessProjection readAccess(String objectId) {
        Acl acl = session.getAcl(new org.apache.chemistry.opencmis.client.runtime.ObjectIdImpl(objectId), false);
        Map<String, AccessLevel> entries = new HashMap<>();
        if (acl != null && acl.getAces() != null) {
            for (Ace ace : acl.getAces()) {
                if (!ace.isDirect() || ace.getPrincipalId().equals(settings.username())) {
                    continue;
                }
                for (String p : ace.getPermissions()) {
                    AccessLevel level = switch (p) {
                        case "cmis:all" -> AccessLevel.ALL;
                        case "cmis:write" -> AccessLevel.WRITE;
                        default -> AccessLevel.READ;
                    };
                    entries.merge(ace.getPrincipalId(), level, (a, b) -> a.compareTo(b) >= 0 ? a : b);
                }
            }
        }
        return new AccessProjection(entries);
    }

    @Override
    public void setUndeletable(String objectId, boolean undeletable) {
        if (!capabilities.contains(RepositoryCapability.SYS_UNDELETABLE)) {
            // The embedded server enforces P:mc:legalHold itself (HoldEnforcingCmisService).
            return;
        }
        if (undeletable) {
            addAspect(objectId, "sys:undeletable", Map.of());
        } else {
            removeAspect(objectId, "sys:undeletable");
        }
    }

    @Override
    public void delete(String objectId) {
        CmisObject object = getObject(objectId);
        Object holds = modelProperties(object).get(MedCaseModel.PROP_HOLD_IDS);
        if (secondaryTypes(object).contains("P:" + MedCaseModel.ASPECT_LEGAL_HOLD) && holds instanceof Collection<?> c && !c.isEmpty()) {
            throw new RecordHeldException(objectId);
        }
        try {
            object.delete(true);
        } catch (CmisConstraintException e) {
            if (e.getMessage() != null && (e.getMessage().contains("legal hold") || e.getMessage().contains("undeletable"))) {
                throw new RecordHeldException(objectId);
            }
            throw new RepositoryException("Cannot delete " + objectId + ": " + e.getMessage(), e);
        }
    }

    // ---- helpers -----------------------------------------------------------------------------

    private Set<String> expand(String authority) {
        if (settings.flavor() == RepositoryFlavor.EMBEDDED && authority.startsWith("GROUP_")) {
            return settings.groupMembers().getOrDefault(authority, Set.of());
        }
        return Set.of(authority);
    }

    private static String permission(AccessLevel level) {
        return switch (level) {
            case READ -> "cmis:read";
            case WRITE -> "cmis:write";
            case ALL -> "cmis:all";
        };
    }

    private static String wider(String a, String b) {
        List<String> order = List.of("cmis:read", "cmis:write", "cmis:all");
        return order.indexOf(a) >= order.indexOf(b) ? a : b;
    }

    private CmisObject getObject(String id) {
        try {
            return session.getObject(id, context);
        } catch (CmisObjectNotFoundException e) {
            throw new RepositoryException("No object " + id + " in the repository (deleted, or not visible to the service account)", e);
        }
    }

    private List<String> queryIds(String statement, String... args) {
        QueryStatement query = session.createQueryStatement(statement);
        for (int i = 0; i < args.length; i++) {
            query.setString(i + 1, args[i]);
        }
        List<String> ids = new ArrayList<>();
        ItemIterable<QueryResult> results = query.query(false, context);
        for (QueryResult r : results) {
            ids.add((String) r.getPropertyValueById(PropertyIds.OBJECT_ID));
        }
        return ids;
    }

    private static List<String> secondaryTypes(CmisObject object) {
        List<String> ids = object.getPropertyValue(PropertyIds.SECONDARY_OBJECT_TYPE_IDS);
        return ids == null ? new ArrayList<>() : new ArrayList<>(ids);
    }

    private Map<String, Object> modelProperties(CmisObject object) {
        Map<String, Object> props = new HashMap<>();
        for (Property<?> p : object.getProperties()) {
            if (p.getId().startsWith(MedCaseModel.PREFIX + ":") && p.getValues() != null && !p.getValues().isEmpty()) {
                props.put(p.getId(), converter.fromCmis(p.getId(), p.isMultiValued() ? p.getValues() : p.getFirstValue()));
            }
        }
        return props;
    }

    private CaseFolder toCase(Folder f) {
        return new CaseFolder(f.getId(), f.getPath(), f.getPropertyValue(MedCaseModel.PROP_CASE_NUMBER), modelProperties(f));
    }

    private StoredRecord toRecord(Document d) {
        Set<String> aspects = new HashSet<>();
        for (String s : secondaryTypes(d)) {
            aspects.add(s.startsWith("P:") ? s.substring(2) : s);
        }
        List<Folder> parents = d.getParents(context);
        return new StoredRecord(d.getId(), d.getName(), parents.isEmpty() ? null : parents.get(0).getId(), d.getContentStreamMimeType(),
                d.getContentStreamLength(), d.getVersionLabel(), modelProperties(d), aspects);
    }

    private Folder ensureFolder(Folder parent, String path) {
        Folder current = parent;
        for (String segment : path.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            String childPath = (current.getPath().endsWith("/") ? current.getPath() : current.getPath() + "/") + segment;
            try {
                current = (Folder) session.getObjectByPath(childPath, context);
            } catch (CmisObjectNotFoundException e) {
                current = current.createFolder(Map.of(PropertyIds.OBJECT_TYPE_ID, "cmis:folder", PropertyIds.NAME, segment));
            }
        }
        return current;
    }

    static String safeName(String s) {
        return s.replaceAll("[\\\\/:*?\"<>|]", "_");
    }

    private static String numbered(String name, int n) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) + " (" + n + ")" + name.substring(dot) : name + " (" + n + ")";
    }
}
