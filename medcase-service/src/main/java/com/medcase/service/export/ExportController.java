package com.medcase.service.export;

import com.medcase.service.security.Caller;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Claimant rights export of a case, as a ZIP (manifest, files, FHIR Bundle, Part 2 notice where due). */
@RestController
class ExportController {

    private final ClaimantExport export;
    private final com.medcase.service.cases.CaseFiling filing;

    ExportController(ClaimantExport export, com.medcase.service.cases.CaseFiling filing) {
        this.export = export;
        this.filing = filing;
    }

    /**
     * Without {@code recipient}: the claimant rights export, decided for the caller. With {@code recipient}
     * (a user or a group authority) and {@code purpose}: a production to that party, decided for it, with
     * the consents that permit Part 2 disclosures copied in and the withheld records listed with their rules.
     */
    @GetMapping("/api/export/cases/{caseNumber}")
    ResponseEntity<StreamingResponseBody> exportCase(@PathVariable String caseNumber,
                                                     @org.springframework.web.bind.annotation.RequestParam(required = false) String recipient,
                                                     @org.springframework.web.bind.annotation.RequestParam(required = false) com.medcase.consent.Purpose purpose,
                                                     Authentication authentication) {
        Caller caller = Caller.of(authentication);
        filing.find(caseNumber); // an unknown case is a 404 now, not a broken download later
        if (recipient != null && purpose == null) {
            throw new IllegalArgumentException("A production states its purpose: add ?purpose= (e.g. LITIGATION)");
        }
        StreamingResponseBody body = recipient == null ? out -> export.exportCase(caseNumber, caller, out)
                : out -> export.produceCase(caseNumber, recipient, purpose, caller, out);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_TYPE, "application/zip")
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        com.medcase.service.security.Attachment.disposition(caseNumber + "-export.zip"))
                .body(body);
    }
}
