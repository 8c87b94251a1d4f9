package com.medcase.importing.fhir;

import com.medcase.importing.net.OutboundFetchGuard;

import java.net.URI;
import java.time.Duration;

/**
 * Fetches an attachment given by {@code attachment.url} through the {@link OutboundFetchGuard}: http and
 * https only, never to loopback, private, link-local or multicast addresses, no redirects, bounded in
 * time (connect, headers, whole body) and size, so that a provider's URL can neither reach inside the
 * network nor stall or exhaust the import.
 */
public class AttachmentFetcher {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final long DEFAULT_MAX_BYTES = 100L * 1024 * 1024;

    /** The bytes and the content type the server declared (null when it declared none). */
    public record Fetched(byte[] content, String contentType) { }

    private final OutboundFetchGuard guard;

    public AttachmentFetcher() {
        this(new OutboundFetchGuard(OutboundFetchGuard.Settings.defaults()));
    }

    /** The guard's defaults with this total deadline and size limit (private addresses refused). */
    public AttachmentFetcher(Duration timeout, long maxBytes) {
        this(new OutboundFetchGuard(new OutboundFetchGuard.Settings(java.util.List.of(), timeout, timeout, timeout, maxBytes, false)));
    }

    public AttachmentFetcher(OutboundFetchGuard guard) {
        this.guard = guard;
    }

    /**
     * @param what how the error names the attachment, e.g. {@code DocumentReference dr-7: content[0].attachment.url}
     * @throws FhirImportException INVALID for a URL that is refused or answers 4xx, ATTACHMENT_UNAVAILABLE when the fetch fails
     */
    public Fetched fetch(URI url, String what) {
        OutboundFetchGuard.Response response;
        try {
            response = guard.get(url, "*/*");
        } catch (OutboundFetchGuard.FetchException e) {
            String hint = e.getMessage().contains("not an http") ? "; send the content inline in attachment.data instead" : "";
            throw new FhirImportException(e.permanent() ? FhirImportException.Reason.INVALID : FhirImportException.Reason.ATTACHMENT_UNAVAILABLE,
                    what + " " + e.getMessage() + hint, e);
        }
        int status = response.status();
        if (status / 100 != 2) {
            // 4xx will not get better by asking again (except timeouts and rate limits); 5xx may
            boolean permanent = status / 100 == 4 && status != 408 && status != 429;
            throw new FhirImportException(permanent ? FhirImportException.Reason.INVALID : FhirImportException.Reason.ATTACHMENT_UNAVAILABLE,
                    what + " '" + url + "' answered HTTP " + status);
        }
        return new Fetched(response.body(), response.contentType());
    }
}
