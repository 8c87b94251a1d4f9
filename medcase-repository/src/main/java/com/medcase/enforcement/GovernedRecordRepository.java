package com.medcase.enforcement;

import com.medcase.repository.AccessProjection;
import com.medcase.repository.CaseFolder;
import com.medcase.repository.DestructionReceipt;
import com.medcase.repository.NewCase;
import com.medcase.repository.NewRecord;
import com.medcase.repository.RecordRepository;
import com.medcase.repository.StoredRecord;

import java.io.InputStream;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The repository as the rest of MedCase sees it: every record is filed with the ACL consent gives it
 * (inheritance off, closed to everyone else from its first moment), whoever files it (the API, the
 * console, an import route). Listeners then see each filed record (a hold on its case covers it).
 * Everything else passes straight to the binding.
 */
public final class GovernedRecordRepository implements RecordRepository {

    /** Told about every record filed, after it is stored with its ACL. */
    public interface FilingListener {
        void filed(StoredRecord record, CaseFolder caseFolder);
    }

    private final RecordRepository binding;
    private final RecordAccessEnforcer enforcer;
    private final Supplier<? extends Collection<FilingListener>> listeners;
    private final Map<String, CaseFolder> caseById = new ConcurrentHashMap<>();

    public GovernedRecordRepository(RecordRepository binding, RecordAccessEnforcer enforcer) {
        this(binding, enforcer, List::of);
    }

    public GovernedRecordRepository(RecordRepository binding, RecordAccessEnforcer enforcer,
                                    Supplier<? extends Collection<FilingListener>> listeners) {
        this.binding = binding;
        this.enforcer = enforcer;
        this.listeners = listeners;
    }

    @Override
    public StoredRecord fileRecord(String caseFolderId, NewRecord record) {
        // A case's claimant never changes, so the folder is looked up once per case.
        CaseFolder folder = caseById.computeIfAbsent(caseFolderId, binding::getCase);
        // the stored type is what the bytes are, never only what the sender declared (issue 10/11)
        NewRecord sniffed = com.medcase.repository.ContentTypeSniffer.sniffed(record);
        NewRecord governed = sniffed.access() != null ? sniffed : enforcer.govern(folder, sniffed);
        StoredRecord stored = binding.fileRecord(caseFolderId, governed);
        for (FilingListener listener : listeners.get()) {
            listener.filed(stored, folder);
        }
        return stored;
    }

    @Override
    public String createClaimant(String claimantId, Map<String, Object> properties) {
        return binding.createClaimant(claimantId, properties);
    }

    @Override
    public Optional<Map<String, Object>> findClaimant(String claimantId) {
        return binding.findClaimant(claimantId);
    }

    @Override
    public List<String> findClaimants(String familyName, String givenName, LocalDate dateOfBirth) {
        return binding.findClaimants(familyName, givenName, dateOfBirth);
    }

    @Override
    public CaseFolder createCase(NewCase newCase) {
        return binding.createCase(newCase);
    }

    @Override
    public Optional<CaseFolder> findCaseByNumber(String caseNumber) {
        return binding.findCaseByNumber(caseNumber);
    }

    @Override
    public CaseFolder getCase(String caseFolderId) {
        return binding.getCase(caseFolderId);
    }

    @Override
    public List<CaseFolder> findCasesByClaimant(String familyName, String givenName, LocalDate dateOfBirth) {
        return binding.findCasesByClaimant(familyName, givenName, dateOfBirth);
    }

    @Override
    public List<CaseFolder> listCases() {
        return binding.listCases();
    }

    @Override
    public StoredRecord getRecord(String recordId) {
        return binding.getRecord(recordId);
    }

    @Override
    public List<StoredRecord> listRecords(String caseFolderId) {
        return binding.listRecords(caseFolderId);
    }

    @Override
    public InputStream readContent(String recordId) {
        return binding.readContent(recordId);
    }

    @Override
    public void updateProperties(String objectId, Map<String, Object> properties) {
        binding.updateProperties(objectId, properties);
    }

    @Override
    public void addAspect(String objectId, String aspect, Map<String, Object> properties) {
        binding.addAspect(objectId, aspect, properties);
    }

    @Override
    public void removeAspect(String objectId, String aspect) {
        binding.removeAspect(objectId, aspect);
    }

    @Override
    public StoredRecord moveRecord(String recordId, String targetCaseFolderId) {
        return binding.moveRecord(recordId, targetCaseFolderId);
    }

    @Override
    public StoredRecord newVersion(String recordId, byte[] content, String mimeType, String comment) {
        return binding.newVersion(recordId, content, mimeType, comment);
    }

    @Override
    public List<com.medcase.repository.RecordVersion> versions(String recordId) {
        return binding.versions(recordId);
    }

    @Override
    public void applyAccess(String objectId, AccessProjection projection) {
        binding.applyAccess(objectId, projection);
    }

    @Override
    public void applyAccess(StoredRecord record, AccessProjection projection, String aspect, Map<String, Object> aspectProperties) {
        binding.applyAccess(record, projection, aspect, aspectProperties);
    }

    @Override
    public AccessProjection readAccess(String objectId) {
        return binding.readAccess(objectId);
    }

    @Override
    public DestructionReceipt destroy(String recordId) {
        return binding.destroy(recordId);
    }

    @Override
    public DestructionReceipt destroyContent(String recordId) {
        return binding.destroyContent(recordId);
    }
}
