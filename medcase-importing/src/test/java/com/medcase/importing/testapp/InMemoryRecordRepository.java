package com.medcase.importing.testapp;

import com.medcase.model.MedCaseModel;
import com.medcase.repository.AccessProjection;
import com.medcase.repository.CaseFolder;
import com.medcase.repository.NewCase;
import com.medcase.repository.NewRecord;
import com.medcase.repository.RecordRepository;
import com.medcase.repository.DestructionReceipt;
import com.medcase.repository.StoredRecord;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The repository port in memory: the seam the import tests file through. Cases know their claimant by
 * mc:claimantId; claimants carry family name, given name and date of birth.
 */
public final class InMemoryRecordRepository implements RecordRepository {

    private final Map<String, Map<String, Object>> claimants = new ConcurrentHashMap<>();
    private final Map<String, CaseFolder> casesById = new ConcurrentHashMap<>();
    private final Map<String, StoredRecord> records = new ConcurrentHashMap<>();
    private final Map<String, byte[]> contents = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Map<String, Object>>> aspects = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    /** How many of the next fileRecord calls fail as if the repository were restarting. */
    public final AtomicInteger transientFailures = new AtomicInteger();

    /** Seeds a claimant and an open case for it. */
    public CaseFolder seedCase(String caseNumber, String claimantId, String family, String given, LocalDate dob) {
        claimants.putIfAbsent(claimantId, Map.of(MedCaseModel.PROP_CLAIMANT_FAMILY_NAME, family, MedCaseModel.PROP_CLAIMANT_GIVEN_NAME, given,
                MedCaseModel.PROP_DATE_OF_BIRTH, dob));
        return createCase(new NewCase(caseNumber, Map.of(MedCaseModel.PROP_CASE_CLAIMANT_ID, claimantId, MedCaseModel.PROP_CASE_STATUS, "open")));
    }

    @Override
    public String createClaimant(String claimantId, Map<String, Object> properties) {
        if (claimants.putIfAbsent(claimantId, Map.copyOf(properties)) != null) {
            throw new IllegalStateException("claimant exists: " + claimantId);
        }
        return claimantId;
    }

    @Override
    public Optional<Map<String, Object>> findClaimant(String claimantId) {
        return Optional.ofNullable(claimants.get(claimantId));
    }

    @Override
    public CaseFolder createCase(NewCase newCase) {
        if (findCaseByNumber(newCase.caseNumber()).isPresent()) {
            throw new IllegalStateException("case exists: " + newCase.caseNumber());
        }
        String id = "case-" + ids.incrementAndGet();
        CaseFolder c = new CaseFolder(id, "/Cases/" + newCase.caseNumber(), newCase.caseNumber(), newCase.properties());
        casesById.put(id, c);
        return c;
    }

    @Override
    public Optional<CaseFolder> findCaseByNumber(String caseNumber) {
        return casesById.values().stream().filter(c -> c.caseNumber().equals(caseNumber)).findFirst();
    }

    @Override
    public List<CaseFolder> findCasesByClaimant(String familyName, String givenName, LocalDate dateOfBirth) {
        return casesById.values().stream().filter(c -> {
            Map<String, Object> cl = claimants.get(String.valueOf(c.properties().get(MedCaseModel.PROP_CASE_CLAIMANT_ID)));
            return cl != null && familyName.equalsIgnoreCase((String) cl.get(MedCaseModel.PROP_CLAIMANT_FAMILY_NAME))
                    && givenName.equalsIgnoreCase((String) cl.get(MedCaseModel.PROP_CLAIMANT_GIVEN_NAME))
                    && dateOfBirth.equals(cl.get(MedCaseModel.PROP_DATE_OF_BIRTH));
        }).toList();
    }

    @Override
    public List<CaseFolder> listCases() {
        return List.copyOf(casesById.values());
    }

    @Override
    public StoredRecord fileRecord(String caseFolderId, NewRecord record) {
        if (transientFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new com.medcase.repository.RepositoryException("repository restarting (test)");
        }
        Objects.requireNonNull(casesById.get(caseFolderId), "no case folder " + caseFolderId);
        String id = "rec-" + ids.incrementAndGet();
        StoredRecord stored = new StoredRecord(id, record.name(), caseFolderId, record.mimeType(), record.content().length, "1.0",
                record.properties(), record.aspects().keySet());
        records.put(id, stored);
        contents.put(id, record.content().clone());
        aspects.put(id, new HashMap<>(record.aspects()));
        return stored;
    }

    @Override
    public StoredRecord getRecord(String recordId) {
        return Objects.requireNonNull(records.get(recordId), "no record " + recordId);
    }

    @Override
    public List<StoredRecord> listRecords(String caseFolderId) {
        List<StoredRecord> list = new ArrayList<>(records.values().stream().filter(r -> r.caseFolderId().equals(caseFolderId)).toList());
        list.sort(java.util.Comparator.comparing(StoredRecord::name));
        return list;
    }

    /** The aspect properties a record was filed with (provenance checks). */
    public Map<String, Object> aspect(String recordId, String aspect) {
        return aspects.getOrDefault(recordId, Map.of()).getOrDefault(aspect, Map.of());
    }

    public byte[] content(String recordId) {
        return contents.get(recordId);
    }

    public int recordCount() {
        return records.size();
    }

    @Override
    public InputStream readContent(String recordId) {
        return new ByteArrayInputStream(contents.get(recordId));
    }

    @Override
    public void updateProperties(String objectId, Map<String, Object> properties) {
        throw new UnsupportedOperationException("not used by the import routes");
    }

    @Override
    public void addAspect(String objectId, String aspect, Map<String, Object> properties) {
        throw new UnsupportedOperationException("not used by the import routes");
    }

    @Override
    public void removeAspect(String objectId, String aspect) {
        throw new UnsupportedOperationException("not used by the import routes");
    }

    @Override
    public StoredRecord moveRecord(String recordId, String targetCaseFolderId) {
        throw new UnsupportedOperationException("not used by the import routes");
    }

    @Override
    public void applyAccess(String objectId, AccessProjection projection) {
        throw new UnsupportedOperationException("not used by the import routes");
    }

    @Override
    public AccessProjection readAccess(String objectId) {
        throw new UnsupportedOperationException("not used by the import routes");
    }

    /**
     * What a filing leaves when its process dies between the binding's two calls (AlfrescoRecordRepository.fileRecord:
     * the JSON create, then the content): the node with its properties and an empty content, as ACS's
     * {@code NodesImpl.createNode} makes a cm:content node ("create empty file node") and the embedded repository's
     * {@code Repository.createChild} does (size 0).
     */
    public StoredRecord fileWithoutContent(String caseFolderId, NewRecord record) {
        String id = "rec-" + ids.incrementAndGet();
        StoredRecord stored = new StoredRecord(id, record.name(), caseFolderId, record.mimeType(), 0, null, record.properties(),
                record.aspects().keySet());
        records.put(id, stored);
        contents.put(id, new byte[0]);
        aspects.put(id, new HashMap<>(record.aspects()));
        return stored;
    }

    /** The versions each record had before its current content (newVersion keeps the replaced one, as ACS does). */
    public final Map<String, List<String>> versionComments = new ConcurrentHashMap<>();

    @Override
    public StoredRecord newVersion(String recordId, byte[] content, String mimeType, String comment) {
        StoredRecord old = Objects.requireNonNull(records.get(recordId), "no record " + recordId);
        Map<String, Object> props = new HashMap<>(old.properties());
        props.put(com.medcase.model.MedCaseModel.PROP_SHA256, com.medcase.hash.Sha256.hex(content));
        StoredRecord stored = new StoredRecord(recordId, old.name(), old.caseFolderId(), mimeType, content.length, "2.0", props, old.aspects());
        records.put(recordId, stored);
        contents.put(recordId, content.clone());
        versionComments.computeIfAbsent(recordId, k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(comment);
        return stored;
    }

    @Override
    public List<com.medcase.repository.RecordVersion> versions(String recordId) {
        throw new UnsupportedOperationException("not used by the import routes");
    }

    @Override
    public DestructionReceipt destroy(String recordId) {
        throw new UnsupportedOperationException("not used by the import routes");
    }

    @Override
    public DestructionReceipt destroyContent(String recordId) {
        throw new UnsupportedOperationException("not used by the import routes");
    }

    @Override
    public List<String> findClaimants(String familyName, String givenName, LocalDate dateOfBirth) {
        List<String> ids = new ArrayList<>();
        claimants.forEach((id, p) -> {
            if (familyName.equals(p.get(MedCaseModel.PROP_CLAIMANT_FAMILY_NAME)) && givenName.equals(p.get(MedCaseModel.PROP_CLAIMANT_GIVEN_NAME))
                    && dateOfBirth.equals(p.get(MedCaseModel.PROP_DATE_OF_BIRTH))) {
                ids.add(id);
            }
        });
        return ids;
    }

    @Override
    public CaseFolder getCase(String caseFolderId) {
        CaseFolder folder = casesById.get(caseFolderId);
        if (folder == null) {
            // as AlfrescoRecordRepository answers a 404 for the node
            throw new com.medcase.repository.NodeNotFoundException(caseFolderId, "No case folder " + caseFolderId, null);
        }
        return folder;
    }
}
