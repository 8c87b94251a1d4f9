package com.medcase.service.cases;

import com.medcase.audit.AuditEvent;
import com.medcase.audit.AuditLedger;
import com.medcase.enforcement.RecordAccessEnforcer;
import com.medcase.model.MedCaseModel;
import com.medcase.repository.CaseFolder;
import com.medcase.repository.NewCase;
import com.medcase.repository.NewRecord;
import com.medcase.repository.RecordRepository;
import com.medcase.repository.StoredRecord;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** Cases and the records filed in them, for the records team. */
@RestController
@RequestMapping("/api/cases")
class CaseController {

    private final RecordRepository repository;
    private final RecordAccessEnforcer enforcer;
    private final AuditLedger ledger;

    CaseController(RecordRepository repository, RecordAccessEnforcer enforcer, AuditLedger ledger) {
        this.repository = repository;
        this.enforcer = enforcer;
        this.ledger = ledger;
    }

    record CaseRequest(@NotBlank String caseNumber, @NotBlank String claimantId, @NotBlank String caseType,
                       String jurisdiction, LocalDate openedDate) {
    }

    @GetMapping
    List<CaseFolder> list() {
        return repository.listCases();
    }

    @GetMapping("/{caseNumber}")
    CaseFolder get(@PathVariable String caseNumber) {
        return find(caseNumber);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CaseFolder create(@Valid @RequestBody CaseRequest request, Authentication authentication) {
        if (!MedCaseModel.CASE_TYPES.contains(request.caseType())) {
            throw new IllegalArgumentException("caseType '" + request.caseType() + "' is not one of " + MedCaseModel.CASE_TYPES);
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put(MedCaseModel.PROP_CASE_TYPE, request.caseType());
        properties.put(MedCaseModel.PROP_CASE_CLAIMANT_ID, request.claimantId());
        properties.put(MedCaseModel.PROP_CASE_STATUS, "open");
        properties.put(MedCaseModel.PROP_OPENED_DATE, request.openedDate() != null ? request.openedDate() : LocalDate.now());
        if (request.jurisdiction() != null) {
            properties.put(MedCaseModel.PROP_JURISDICTION, request.jurisdiction());
        }
        CaseFolder created = repository.createCase(new NewCase(request.caseNumber(), properties));
        ledger.append(AuditEvent.of(authentication.getName(), "case.create", created.id(), "DONE", null));
        return created;
    }

    @GetMapping("/{caseNumber}/records")
    List<StoredRecord> records(@PathVariable String caseNumber) {
        return repository.listRecords(find(caseNumber).id());
    }

    /** Files a record and projects consent onto it straight away, so it is never readable wider than allowed. */
    @PostMapping(path = "/{caseNumber}/records", consumes = "multipart/form-data")
    @ResponseStatus(HttpStatus.CREATED)
    StoredRecord file(@PathVariable String caseNumber, @RequestParam("file") MultipartFile file,
                      @RequestParam @NotNull String category,
                      @RequestParam(required = false) LocalDate serviceDateFrom,
                      @RequestParam(required = false) LocalDate serviceDateTo,
                      @RequestParam(required = false) String providerName,
                      @RequestParam(required = false) List<String> sensitivityLabels,
                      Authentication authentication) throws IOException {
        if (!MedCaseModel.RECORD_CATEGORIES.contains(category)) {
            throw new IllegalArgumentException("category '" + category + "' is not one of " + MedCaseModel.RECORD_CATEGORIES);
        }
        CaseFolder folder = find(caseNumber);
        Map<String, Object> properties = new HashMap<>();
        properties.put(MedCaseModel.PROP_RECORD_CATEGORY, category);
        properties.put(MedCaseModel.PROP_RECEIVED_DATE, LocalDate.now());
        putIfPresent(properties, MedCaseModel.PROP_SERVICE_DATE_FROM, serviceDateFrom);
        putIfPresent(properties, MedCaseModel.PROP_SERVICE_DATE_TO, serviceDateTo);
        putIfPresent(properties, MedCaseModel.PROP_SOURCE_PROVIDER_NAME, providerName);
        Map<String, Map<String, Object>> aspects = new HashMap<>();
        if (sensitivityLabels != null && !sensitivityLabels.isEmpty()) {
            aspects.put(MedCaseModel.ASPECT_SENSITIVE, Map.of(MedCaseModel.PROP_SENSITIVITY_LABELS, List.copyOf(sensitivityLabels)));
        }
        String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank() ? "record" : file.getOriginalFilename();
        String mimeType = file.getContentType() == null ? "application/octet-stream" : file.getContentType();
        StoredRecord stored = repository.fileRecord(folder.id(), new NewRecord(name, mimeType, file.getBytes(), properties, aspects));
        ledger.append(AuditEvent.of(authentication.getName(), "record.file", stored.id(), "DONE", null));
        enforcer.enforce(stored.id(), (String) folder.properties().get(MedCaseModel.PROP_CASE_CLAIMANT_ID),
                RecordAccessEnforcer.Actor.user(authentication.getName()));
        return repository.getRecord(stored.id());
    }

    private CaseFolder find(String caseNumber) {
        return repository.findCaseByNumber(caseNumber)
                .orElseThrow(() -> new NoSuchElementException("No case with number " + caseNumber));
    }

    private static void putIfPresent(Map<String, Object> properties, String name, Object value) {
        if (value != null) {
            properties.put(name, value);
        }
    }
}
