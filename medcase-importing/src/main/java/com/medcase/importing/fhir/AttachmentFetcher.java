package com.medcase.importing.fhir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

/**
 * Fetches an attachment given by {@code attachment.url}: http and https only, bounded in time and size,
 * so that a provider's URL can neither reach a local file nor stall or exhaust the import.
 */
public class AttachmentFetcher {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final long DEFAULT_MAX_BYTES = 100L * 1024 * 1024;

    /** The bytes and the content type the server declared (null when it declared none). */
    public record Fetched(byte[] content, String contentType) { }

    private final HttpClient client;
    private final Duration timeout;
    private final long maxBytes;

    public AttachmentFetcher() {
        this(DEFAULT_TIMEOUT, DEFAULT_MAX_BYTES);
    }

    public AttachmentFetcher(Duration timeout, long maxBytes) {
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /**
     * @param what how the error names the attachment, e.g. {@code DocumentReference dr-7: content[0].attachment.url}
     * @throws FhirImportException INVALID for a URL that is not http(s), ATTACHMENT_UNAVAILABLE when the fetch fails
     */
    public Fetched fetch(URI url, String what) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FhirImportException(FhirImportException.Reason.INVALID,
                    what + " '" + url + "' is not an http or https URL; send the content inline in attachment.data instead");
        }
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).header("Accept", "*/*").GET().build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                int status = response.statusCode();
                if (status / 100 != 2) {
                    // 4xx will not get better by asking again (except timeouts and rate limits); 5xx may
                    boolean permanent = status / 100 == 4 && status != 408 && status != 429;
                    throw new FhirImportException(permanent ? FhirImportException.Reason.INVALID : FhirImportException.Reason.ATTACHMENT_UNAVAILABLE,
                            what + " '" + url + "' answered HTTP " + status);
                }
                long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (declared > maxBytes) {
                    throw tooLarge(url, what);
                }
                byte[] content = readAtMost(body, url, what);
                return new Fetched(content, response.headers().firstValue("Content-Type").orElse(null));
            }
        } catch (IOException e) {
            throw new FhirImportException(FhirImportException.Reason.ATTACHMENT_UNAVAILABLE,
                    what + " '" + url + "' could not be fetched: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FhirImportException(FhirImportException.Reason.ATTACHMENT_UNAVAILABLE, what + " '" + url + "': interrupted", e);
        }
    }

    private byte[] readAtMost(InputStream in, URI url, String what) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            total += n;
            if (total > maxBytes) {
                throw tooLarge(url, what);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private FhirImportException tooLarge(URI url, String what) {
        return new FhirImportException(FhirImportException.Reason.INVALID,
                what + " '" + url + "' is larger than the limit of " + maxBytes + " bytes");
    }
}
