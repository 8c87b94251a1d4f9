package com.medcase.service.cases;

import com.medcase.audit.AuditEvent;
import com.medcase.audit.AuditLedger;
import com.medcase.model.MedCaseModel;
import com.medcase.repository.CaseFolder;
import com.medcase.repository.NewCase;
import com.medcase.repository.NewRecord;
import com.medcase.repository.RecordRepository;
import com.medcase.repository.StoredRecord;
import com.medcase.service.search.SearchIndexer;
import org.springframework.stereotype.Service;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Creating cases and filing records, for the API, the console and the quickstart alike: vocabularies
 * checked, every change audited, and consent projected onto a record from the moment it is filed.
 */
@Service
public class CaseFiling {

    private final RecordRepository repository;
    private final AuditLedger ledger;
    private final SearchIndexer indexer;

    CaseFiling(RecordRepository repository, AuditLedger ledger, SearchIndexer indexer) {
        this.repository = repository;
        this.ledger = ledger;
        this.indexer = indexer;
    }

    /** A case to open. */
    public record CaseRequest(String caseNumber, String claimantId, String caseType, String jurisdiction, LocalDate openedDate) {
    }

    /** A record to file; {@code sensitivityLabels} may be empty. */
    public record RecordUpload(String name, String mimeType, byte[] content, String category, LocalDate serviceDateFrom,
                               LocalDate serviceDateTo, String providerName, List<String> sensitivityLabels) {
        public RecordUpload {
            sensitivityLabels = sensitivityLabels == null ? List.of() : List.copyOf(sensitivityLabels);
        }
    }

    public CaseFolder openCase(CaseRequest request, String actor) {
        requireText(request.caseNumber(), "caseNumber");
        requireText(request.claimantId(), "claimantId");
        requireOneOf(request.caseType(), "caseType", MedCaseModel.CASE_TYPES);
        Map<String, Object> properties = new HashMap<>();
        properties.put(MedCaseModel.PROP_CASE_TYPE, request.caseType());
        properties.put(MedCaseModel.PROP_CASE_CLAIMANT_ID, request.claimantId());
        properties.put(MedCaseModel.PROP_CASE_STATUS, "open");
        properties.put(MedCaseModel.PROP_OPENED_DATE, request.openedDate() != null ? request.openedDate() : LocalDate.now());
        putIfPresent(properties, MedCaseModel.PROP_JURISDICTION, request.jurisdiction());
        CaseFolder created = repository.createCase(new NewCase(request.caseNumber(), properties));
        ledger.append(AuditEvent.of(actor, "case.create", created.id(), "DONE", null));
        return created;
    }

    /** The case folders, for the API's and the console's case lists: a disclosure, audited with the real user (issue 10). */
    public java.util.List<CaseFolder> listCases(String actor, String channel) {
        java.util.List<CaseFolder> cases = repository.listCases();
        ledger.append(new AuditEvent(actor, null, "case.list", "cases", "DONE", null,
                java.util.Map.of("count", Integer.toString(cases.size()), "channel", channel)));
        return cases;
    }

    public boolean exists(String caseNumber) {
        return repository.findCaseByNumber(caseNumber).isPresent();
    }

    public CaseFolder find(String caseNumber) {
        return repository.findCaseByNumber(caseNumber)
                .orElseThrow(() -> new NoSuchElementException("No case with number " + caseNumber));
    }

    public StoredRecord file(String caseNumber, RecordUpload upload, String actor) {
        requireOneOf(upload.category(), "category", MedCaseModel.RECORD_CATEGORIES);
        if (!MedCaseModel.SENSITIVITY_LABELS.containsAll(upload.sensitivityLabels())) {
            throw new IllegalArgumentException("sensitivityLabels " + upload.sensitivityLabels() + " must be among "
                    + MedCaseModel.SENSITIVITY_LABELS);
        }
        CaseFolder folder = find(caseNumber);
        Map<String, Object> properties = new HashMap<>();
        properties.put(MedCaseModel.PROP_RECORD_CATEGORY, upload.category());
        properties.put(MedCaseModel.PROP_RECEIVED_DATE, LocalDate.now());
        putIfPresent(properties, MedCaseModel.PROP_SERVICE_DATE_FROM, upload.serviceDateFrom());
        putIfPresent(properties, MedCaseModel.PROP_SERVICE_DATE_TO, upload.serviceDateTo());
        putIfPresent(properties, MedCaseModel.PROP_SOURCE_PROVIDER_NAME, upload.providerName());
        Map<String, Map<String, Object>> aspects = new HashMap<>();
        if (!upload.sensitivityLabels().isEmpty()) {
            aspects.put(MedCaseModel.ASPECT_SENSITIVE, Map.of(MedCaseModel.PROP_SENSITIVITY_LABELS, upload.sensitivityLabels()));
        }
        StoredRecord stored = repository.fileRecord(folder.id(),
                new NewRecord(upload.name(), upload.mimeType(), upload.content(), properties, aspects));
        // Filed with its ACL already (the governed repository projects consent at creation).
        ledger.append(AuditEvent.of(actor, "record.file", stored.id(), "DONE", null));
        indexer.indexRecord(stored, folder);
        return stored;
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
    }

    private static void requireOneOf(String value, String field, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException(field + " '" + value + "' is not one of " + allowed);
        }
    }

    private static void putIfPresent(Map<String, Object> properties, String name, Object value) {
        if (value != null) {
            properties.put(name, value);
        }
    }
}
