package com.medcase.service.cases;

import com.medcase.repository.CaseFolder;
import com.medcase.repository.RecordRepository;
import com.medcase.repository.StoredRecord;
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
import java.util.List;

/** Cases and the records filed in them, for the records team. */
@RestController
@RequestMapping("/api/cases")
class CaseController {

    private final RecordRepository repository;
    private final CaseFiling filing;
    private final com.medcase.audit.AuditLedger ledger;

    CaseController(RecordRepository repository, CaseFiling filing, com.medcase.audit.AuditLedger ledger) {
        this.repository = repository;
        this.filing = filing;
        this.ledger = ledger;
    }

    /** Case folders carry claimant identity: listing them is a disclosure, audited with the count only (issue 10). */
    @GetMapping
    List<CaseFolder> list(Authentication authentication) {
        return filing.listCases(authentication.getName(), "api");
    }

    @GetMapping("/{caseNumber}")
    CaseFolder get(@PathVariable String caseNumber) {
        return filing.find(caseNumber);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CaseFolder create(@RequestBody CaseFiling.CaseRequest request, Authentication authentication) {
        return filing.openCase(request, authentication.getName());
    }

    /** A case's record list names records, categories and providers: audited with the record ids (issue 10). */
    @GetMapping("/{caseNumber}/records")
    List<StoredRecord> records(@PathVariable String caseNumber, Authentication authentication) {
        CaseFolder folder = filing.find(caseNumber);
        List<StoredRecord> records = repository.listRecords(folder.id());
        ledger.append(new com.medcase.audit.AuditEvent(authentication.getName(), null, "case.records.list", folder.id(), "DONE", null,
                java.util.Map.of("records", String.join(",", records.stream().map(StoredRecord::id).toList()))));
        return records;
    }

    @PostMapping(path = "/{caseNumber}/records", consumes = "multipart/form-data")
    @ResponseStatus(HttpStatus.CREATED)
    StoredRecord file(@PathVariable String caseNumber, @RequestParam("file") MultipartFile file,
                      @RequestParam String category,
                      @RequestParam(required = false) LocalDate serviceDateFrom,
                      @RequestParam(required = false) LocalDate serviceDateTo,
                      @RequestParam(required = false) String providerName,
                      @RequestParam(required = false) List<String> sensitivityLabels,
                      Authentication authentication) throws IOException {
        String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank() ? "record" : file.getOriginalFilename();
        String mimeType = file.getContentType() == null ? "application/octet-stream" : file.getContentType();
        return filing.file(caseNumber, new CaseFiling.RecordUpload(name, mimeType, file.getBytes(), category, serviceDateFrom,
                serviceDateTo, providerName, sensitivityLabels), authentication.getName());
    }
}
