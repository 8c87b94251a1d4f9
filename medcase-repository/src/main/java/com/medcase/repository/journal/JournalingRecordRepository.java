package com.medcase.repository.journal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.medcase.hash.Sha256;
import com.medcase.model.MedCaseModel;
import com.medcase.model.ModelDefinitions;
import com.medcase.repository.AccessProjection;
import com.medcase.repository.CaseFolder;
import com.medcase.repository.NewCase;
import com.medcase.repository.NewRecord;
import com.medcase.repository.RecordRepository;
import com.medcase.repository.RepositoryCapability;
import com.medcase.repository.RepositoryException;
import com.medcase.repository.StoredRecord;
import com.medcase.store.StoreSupport;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decorates the embedded repository with a durable journal. Every change is written to the journal
 * (in the same call, before it returns) and applied to the repository; {@link #rebuild()} replays the
 * journal into a fresh repository after a restart. Ids handed to callers are stable journal ids
 * ({@code case-…}, {@code rec-…}); the repository's own ids, which change on every rebuild, never leak.
 */
public final class JournalingRecordRepository implements RecordRepository {

    private static final TypeReference<Map<String, Map<String, Object>>> ASPECTS = new TypeReference<>() { };
    private static final TypeReference<Map<String, String>> ACL = new TypeReference<>() { };

    private final RecordRepository target;
    private final StoreSupport db;
    private final Path contentDirectory;
    private final TypedJson json = new TypedJson(ModelDefinitions.load());
    private final Map<String, String> toTarget = new ConcurrentHashMap<>();
    private final Map<String, String> toStable = new ConcurrentHashMap<>();
    private final AtomicLong filedSequence = new AtomicLong(System.currentTimeMillis() * 1000);

    public JournalingRecordRepository(RecordRepository target, DataSource dataSource, Path contentDirectory) {
        this.target = target;
        this.db = new StoreSupport(dataSource);
        this.contentDirectory = contentDirectory;
        try {
            Files.createDirectories(contentDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the content directory " + contentDirectory, e);
        }
    }

    /** What a rebuild restored. */
    public record RebuildReport(int claimants, int cases, int records, int acls) { }

    /** Replays the journal into the (fresh) target repository. Call once, at start-up. */
    public RebuildReport rebuild() {
        List<Map.Entry<String, Map<String, Object>>> claimants = db.query("SELECT claimant_id, properties FROM mc_journal_claimant ORDER BY claimant_id",
                rs -> Map.entry(rs.getString(1), json.read(rs.getString(2))));
        for (var c : claimants) {
            target.createClaimant(c.getKey(), without(c.getValue(), MedCaseModel.PROP_CLAIMANT_ID));
        }
        List<String[]> cases = db.query("SELECT stable_id, case_number, properties FROM mc_journal_case ORDER BY case_number",
                rs -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3)});
        for (String[] c : cases) {
            CaseFolder created = target.createCase(new NewCase(c[1], without(json.read(c[2]), MedCaseModel.PROP_CASE_NUMBER)));
            map(c[0], created.id());
        }
        List<String[]> records = db.query("SELECT stable_id, case_stable_id, name, mime_type, sha256, properties, aspects, content_destroyed "
                + "FROM mc_journal_record ORDER BY filed_seq", rs -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), Boolean.toString(rs.getBoolean(8))});
        for (String[] r : records) {
            Map<String, Map<String, Object>> aspects = new HashMap<>();
            StoreSupport.fromJson(r[6], ASPECTS).forEach((aspect, props) -> aspects.put(aspect, json.read(json.write(props))));
            boolean destroyed = Boolean.parseBoolean(r[7]);
            // A record whose content was destroyed by disposition comes back as metadata only.
            byte[] bytes = destroyed ? new byte[0] : content(r[4]);
            StoredRecord filed = target.fileRecord(targetId(r[1]), new NewRecord(r[2], r[3], bytes, json.read(r[5]), aspects));
            if (destroyed) {
                target.destroyContent(filed.id());
            }
            map(r[0], filed.id());
        }
        List<String[]> acls = db.query("SELECT stable_id, entries FROM mc_journal_acl", rs -> new String[]{rs.getString(1), rs.getString(2)});
        for (String[] a : acls) {
            if (toTarget.containsKey(a[0])) {
                target.applyAccess(targetId(a[0]), acl(a[1]));
            }
        }
        for (String[] r : records) {
            if (StoreSupport.fromJson(r[6], ASPECTS).containsKey(MedCaseModel.ASPECT_LEGAL_HOLD)) {
                target.setUndeletable(targetId(r[0]), true);
            }
        }
        return new RebuildReport(claimants.size(), cases.size(), records.size(), acls.size());
    }

    // ---- writes: journal, then repository ------------------------------------------------------

    @Override
    public String createClaimant(String claimantId, Map<String, Object> properties) {
        Map<String, Object> props = new HashMap<>(properties);
        props.put(MedCaseModel.PROP_CLAIMANT_ID, claimantId);
        String id = target.createClaimant(claimantId, properties);
        db.update("INSERT INTO mc_journal_claimant (claimant_id, properties) VALUES (?, ?)", claimantId, json.write(props));
        return id;
    }

    @Override
    public Optional<Map<String, Object>> findClaimant(String claimantId) {
        return target.findClaimant(claimantId);
    }

    @Override
    public CaseFolder createCase(NewCase newCase) {
        CaseFolder created = target.createCase(newCase);
        String stable = "case-" + UUID.randomUUID();
        db.update("INSERT INTO mc_journal_case (stable_id, case_number, properties) VALUES (?, ?, ?)", stable, newCase.caseNumber(),
                json.write(created.properties()));
        map(stable, created.id());
        return stableCase(created);
    }

    @Override
    public StoredRecord fileRecord(String caseFolderId, NewRecord record) {
        String sha256 = Sha256.hex(record.content());
        storeContent(sha256, record.content());
        StoredRecord filed = target.fileRecord(targetId(caseFolderId), record);
        String stable = "rec-" + UUID.randomUUID();
        Map<String, Map<String, Object>> aspects = aspectsOf(filed);
        db.update("INSERT INTO mc_journal_record (stable_id, case_stable_id, name, mime_type, sha256, properties, aspects, filed_seq) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", stable, caseFolderId, filed.name(), record.mimeType(), sha256,
                json.write(recordProperties(filed)), StoreSupport.toJson(aspects), filedSequence.incrementAndGet());
        map(stable, filed.id());
        return stableRecord(filed);
    }

    @Override
    public void updateProperties(String objectId, Map<String, Object> properties) {
        target.updateProperties(targetId(objectId), properties);
        rejournal(objectId);
    }

    @Override
    public void addAspect(String objectId, String aspect, Map<String, Object> properties) {
        target.addAspect(targetId(objectId), aspect, properties);
        rejournal(objectId);
    }

    @Override
    public void removeAspect(String objectId, String aspect) {
        target.removeAspect(targetId(objectId), aspect);
        rejournal(objectId);
    }

    @Override
    public StoredRecord moveRecord(String recordId, String targetCaseFolderId) {
        StoredRecord moved = target.moveRecord(targetId(recordId), targetId(targetCaseFolderId));
        db.update("UPDATE mc_journal_record SET case_stable_id = ? WHERE stable_id = ?", targetCaseFolderId, recordId);
        return stableRecord(moved);
    }

    @Override
    public StoredRecord newVersion(String recordId, byte[] content, String mimeType, String comment) {
        String sha256 = Sha256.hex(content);
        storeContent(sha256, content);
        StoredRecord version = target.newVersion(targetId(recordId), content, mimeType, comment);
        // The journal keeps the latest version: a rebuild restores current content, not history.
        db.update("UPDATE mc_journal_record SET sha256 = ?, mime_type = ?, properties = ? WHERE stable_id = ?",
                sha256, mimeType, json.write(recordProperties(version)), recordId);
        toStable.remove(toTarget.get(recordId));
        map(recordId, version.id());
        return stableRecord(version);
    }

    @Override
    public void destroyContent(String recordId) {
        target.destroyContent(targetId(recordId));
        String sha256 = db.queryOne("SELECT sha256 FROM mc_journal_record WHERE stable_id = ?", rs -> rs.getString(1), recordId).orElse(null);
        db.update("UPDATE mc_journal_record SET content_destroyed = TRUE WHERE stable_id = ?", recordId);
        // Content is stored once per hash: remove the file only when no live record still uses it.
        if (sha256 != null && db.queryOne("SELECT COUNT(*) FROM mc_journal_record WHERE sha256 = ? AND content_destroyed = FALSE",
                rs -> rs.getLong(1), sha256).orElse(0L) == 0) {
            try {
                Files.deleteIfExists(contentPath(sha256));
            } catch (IOException e) {
                throw new UncheckedIOException("Content " + sha256 + " was destroyed in the repository but its journal copy could not be "
                        + "deleted from " + contentDirectory + "; delete it by hand", e);
            }
        }
    }

    @Override
    public void applyAccess(String objectId, AccessProjection projection) {
        target.applyAccess(targetId(objectId), projection);
        Map<String, String> entries = new HashMap<>();
        projection.entries().forEach((k, v) -> entries.put(k, v.name()));
        db.upsert("mc_journal_acl", "stable_id", objectId, new String[]{"entries"}, StoreSupport.toJson(entries));
    }

    @Override
    public void setUndeletable(String objectId, boolean undeletable) {
        // Derived from the journaled P:mc:legalHold aspect on rebuild; nothing extra to record.
        target.setUndeletable(targetId(objectId), undeletable);
    }

    @Override
    public void delete(String objectId) {
        target.delete(targetId(objectId));
        db.inTransaction(c -> {
            StoreSupport.update(c, "DELETE FROM mc_journal_record WHERE stable_id = ?", objectId);
            StoreSupport.update(c, "DELETE FROM mc_journal_acl WHERE stable_id = ?", objectId);
            return null;
        });
        String current = toTarget.remove(objectId);
        if (current != null) {
            toStable.remove(current);
        }
    }

    // ---- reads: repository, ids translated -----------------------------------------------------

    @Override
    public Optional<CaseFolder> findCaseByNumber(String caseNumber) {
        return target.findCaseByNumber(caseNumber).map(this::stableCase);
    }

    @Override
    public List<CaseFolder> findCasesByClaimant(String familyName, String givenName, LocalDate dateOfBirth) {
        return target.findCasesByClaimant(familyName, givenName, dateOfBirth).stream().map(this::stableCase).toList();
    }

    @Override
    public List<CaseFolder> listCases() {
        return target.listCases().stream().map(this::stableCase).toList();
    }

    @Override
    public StoredRecord getRecord(String recordId) {
        return stableRecord(target.getRecord(targetId(recordId)));
    }

    @Override
    public List<StoredRecord> listRecords(String caseFolderId) {
        return target.listRecords(targetId(caseFolderId)).stream().map(this::stableRecord).toList();
    }

    @Override
    public Optional<StoredRecord> findRecordBySha256(String sha256) {
        return target.findRecordBySha256(sha256).map(this::stableRecord);
    }

    @Override
    public InputStream readContent(String recordId) {
        return target.readContent(targetId(recordId));
    }

    @Override
    public AccessProjection readAccess(String objectId) {
        return target.readAccess(targetId(objectId));
    }

    @Override
    public Set<RepositoryCapability> capabilities() {
        return target.capabilities();
    }

    /** The repository's own id behind a stable id, for tools that talk to the repository directly. */
    public String repositoryIdOf(String stableId) {
        return targetId(stableId);
    }

    /** Number of records the journal holds (an admin figure). */
    public long journaledRecords() {
        return db.queryOne("SELECT COUNT(*) FROM mc_journal_record", rs -> rs.getLong(1)).orElse(0L);
    }

    // ---- helpers -------------------------------------------------------------------------------

    private void rejournal(String stableId) {
        if (stableId.startsWith("rec-")) {
            StoredRecord now = target.getRecord(targetId(stableId));
            db.update("UPDATE mc_journal_record SET properties = ?, aspects = ? WHERE stable_id = ?",
                    json.write(recordProperties(now)), StoreSupport.toJson(aspectsOf(now)), stableId);
        } else if (stableId.startsWith("case-")) {
            target.listCases().stream().filter(c -> c.id().equals(targetId(stableId))).findFirst().ifPresent(c ->
                    db.update("UPDATE mc_journal_case SET properties = ? WHERE stable_id = ?", json.write(c.properties()), stableId));
        }
    }

    /** The record's own type properties (aspect properties are journaled with their aspect). */
    private Map<String, Object> recordProperties(StoredRecord r) {
        Set<String> aspectProps = new TreeSet<>();
        ModelDefinitions model = ModelDefinitions.load();
        for (String aspect : r.aspects()) {
            var def = model.classes().get(aspect);
            if (def != null) {
                aspectProps.addAll(def.properties().keySet());
            }
        }
        Map<String, Object> props = new HashMap<>();
        r.properties().forEach((k, v) -> {
            if (!aspectProps.contains(k)) {
                props.put(k, v);
            }
        });
        return props;
    }

    private Map<String, Map<String, Object>> aspectsOf(StoredRecord r) {
        ModelDefinitions model = ModelDefinitions.load();
        Map<String, Map<String, Object>> aspects = new HashMap<>();
        for (String aspect : r.aspects()) {
            var def = model.classes().get(aspect);
            if (def == null) {
                continue; // not ours (e.g. sys:undeletable): re-derived on rebuild
            }
            Map<String, Object> props = new HashMap<>();
            def.properties().keySet().forEach(p -> {
                if (r.properties().containsKey(p)) {
                    props.put(p, r.properties().get(p));
                }
            });
            aspects.put(aspect, props);
        }
        return aspects;
    }

    private void map(String stable, String current) {
        toTarget.put(stable, current);
        toStable.put(current, stable);
    }

    private String targetId(String stableId) {
        String id = toTarget.get(stableId);
        if (id == null) {
            throw new RepositoryException("Unknown object " + stableId + " (not in the journal; was the repository rebuilt?)");
        }
        return id;
    }

    private String stableId(String targetId) {
        return targetId == null ? null : toStable.getOrDefault(targetId, targetId);
    }

    private CaseFolder stableCase(CaseFolder c) {
        return new CaseFolder(stableId(c.id()), c.path(), c.caseNumber(), c.properties());
    }

    private StoredRecord stableRecord(StoredRecord r) {
        return new StoredRecord(stableId(r.id()), r.name(), stableId(r.caseFolderId()), r.mimeType(), r.contentLength(), r.versionLabel(),
                r.properties(), r.aspects());
    }

    private static Map<String, Object> without(Map<String, Object> props, String key) {
        Map<String, Object> copy = new HashMap<>(props);
        copy.remove(key);
        return copy;
    }

    private static AccessProjection acl(String entriesJson) {
        Map<String, AccessProjection.AccessLevel> entries = new HashMap<>();
        StoreSupport.fromJson(entriesJson, ACL).forEach((k, v) -> entries.put(k, AccessProjection.AccessLevel.valueOf(v)));
        return new AccessProjection(entries);
    }

    private Path contentPath(String sha256) {
        return contentDirectory.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    private void storeContent(String sha256, byte[] content) {
        Path path = contentPath(sha256);
        if (Files.exists(path)) {
            return;
        }
        try {
            Files.createDirectories(path.getParent());
            Path tmp = Files.createTempFile(path.getParent(), sha256, ".tmp");
            Files.write(tmp, content);
            // Atomic rename: a crash never leaves a half-written content file under its final name.
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store content " + sha256 + " under " + contentDirectory, e);
        }
    }

    private byte[] content(String sha256) {
        try {
            byte[] bytes = Files.readAllBytes(contentPath(sha256));
            if (!Sha256.hex(bytes).equals(sha256)) {
                throw new RepositoryException("Stored content " + sha256 + " is corrupt (hash mismatch); restore it from backup");
            }
            return bytes;
        } catch (IOException e) {
            throw new RepositoryException("Content " + sha256 + " is missing from " + contentDirectory + "; restore it from backup", e);
        }
    }
}
