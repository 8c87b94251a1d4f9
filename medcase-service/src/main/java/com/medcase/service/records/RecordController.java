package com.medcase.service.records;

import com.medcase.consent.AccessDecision;
import com.medcase.consent.Action;
import com.medcase.consent.Purpose;
import com.medcase.service.security.Caller;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;
import java.util.Set;

/**
 * Record metadata and content, each decided by consent at request time and audited. Every request states
 * its purpose ({@code ?purpose=LITIGATION}); a request without one is a bad request (400), never defaulted.
 */
@RestController
@RequestMapping("/api/records")
class RecordController {

    /** Header carrying the 42 CFR 2.32 notice when the disclosed record is a Part 2 record. */
    static final String REDISCLOSURE_HEADER = "X-MedCase-Redisclosure-Notice";

    private final RecordAccess access;

    RecordController(RecordAccess access) {
        this.access = access;
    }

    record RecordView(String id, String name, String caseFolderId, String mimeType, long contentLength,
                      Map<String, Object> properties, Set<String> aspects, String redisclosureNotice) {
    }

    @GetMapping("/{recordId}")
    RecordView metadata(@PathVariable String recordId, @RequestParam Purpose purpose,
                        Authentication authentication) {
        RecordAccess.Permitted permitted = access.require(Caller.of(authentication), recordId, Action.READ_METADATA, purpose);
        var r = permitted.record();
        return new RecordView(r.id(), r.name(), r.caseFolderId(), r.mimeType(), r.contentLength(), r.properties(), r.aspects(),
                permitted.facts().isPart2() ? AccessDecision.PART2_REDISCLOSURE_NOTICE_TEXT : null);
    }

    /** The version history, newest first (ACS {@code GET /nodes/{id}/versions} through the repository port). */
    @GetMapping("/{recordId}/versions")
    java.util.List<com.medcase.repository.RecordVersion> versions(@PathVariable String recordId, @RequestParam Purpose purpose,
                                                                 Authentication authentication) {
        return access.versions(Caller.of(authentication), recordId, purpose);
    }

    @GetMapping("/{recordId}/content")
    ResponseEntity<InputStreamResource> content(@PathVariable String recordId,
                                                @RequestParam Purpose purpose,
                                                Authentication authentication) {
        RecordAccess.Permitted permitted = access.require(Caller.of(authentication), recordId, Action.READ_CONTENT, purpose);
        var r = permitted.record();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType(r.mimeType()));
        // Always an attachment, whatever the name's characters (issue 10); the security headers filter adds nosniff and
        // a sandboxing CSP, so a provider's HTML never runs from this origin even if a browser opened it inline.
        headers.set(HttpHeaders.CONTENT_DISPOSITION, com.medcase.service.security.Attachment.disposition(r.name()));
        if (permitted.needsRedisclosureNotice() || permitted.facts().isPart2()) {
            headers.add(REDISCLOSURE_HEADER, AccessDecision.PART2_REDISCLOSURE_NOTICE_TEXT);
        }
        return new ResponseEntity<>(new InputStreamResource(access.content(Caller.of(authentication), recordId, purpose)), headers, 200);
    }
}
