package com.medcase.service.importing;

import com.medcase.importing.fhir.FhirImportException;
import com.medcase.importing.fhir.FhirImportService;
import com.medcase.importing.pipeline.ImportOutcome;
import com.medcase.importing.pipeline.SenderScope;
import com.medcase.service.security.Caller;
import com.medcase.service.security.ConfiguredUsers;
import com.medcase.service.security.MedCaseRole;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Providers post FHIR R4 DocumentReferences or document Bundles here. Each document goes through the
 * import pipeline (matching, de-duplication, provenance, audit); bad input answers 400/422 naming the
 * element at fault, and its original bytes are kept in the dead-letter store (id in the answer).
 */
@RestController
class FhirImportController {

    private final ObjectProvider<FhirImportService> fhir;
    private final ObjectProvider<ConfiguredUsers> users;

    FhirImportController(ObjectProvider<FhirImportService> fhir, ObjectProvider<ConfiguredUsers> users) {
        this.fhir = fhir;
        this.users = users;
    }

    /**
     * Import administrators post for any claim; a provider feed only for the claims configured for its account
     * (issue 10). An ACS-authenticated feed has no configured claims, so it may send nothing: feeds are local accounts.
     */
    private SenderScope scopeOf(Authentication authentication) {
        String source = "http-post:" + authentication.getName();
        if (Caller.of(authentication).has(MedCaseRole.ADMIN)) {
            return SenderScope.unrestricted(source);
        }
        ConfiguredUsers configured = users.getIfAvailable();
        return new SenderScope(authentication.getName(),
                configured == null ? java.util.List.of() : configured.allowedClaims(authentication.getName()));
    }

    @PostMapping(path = "/api/import/fhir", consumes = {"application/fhir+json", "application/json"})
    ResponseEntity<Map<String, Object>> post(@RequestBody byte[] body, Authentication authentication) {
        FhirImportService service = fhir.getIfAvailable();
        if (service == null) {
            return ResponseEntity.status(503).body(Map.of("error", "FHIR import is off; set medcase.importing.fhir.enabled=true"));
        }
        try {
            List<ImportOutcome> outcomes = service.importJson(body, "http-post:" + authentication.getName(), scopeOf(authentication));
            return ResponseEntity.ok(Map.of("documents", outcomes.stream().map(FhirImportController::describe).toList()));
        } catch (FhirImportException e) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("error", e.getMessage());
            error.put("reason", e.reason().name());
            if (e.deadLetterId() != null) {
                error.put("deadLetterId", e.deadLetterId());
            }
            return ResponseEntity.status(e.reason().httpStatus()).body(error);
        }
    }

    private static Map<String, Object> describe(ImportOutcome o) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("outcome", o.kind().name());
        d.put("id", o.recordId());
        d.put("case", o.caseNumber());
        d.put("detail", o.detail());
        return d;
    }
}
