package com.medcase.importing.fhir;

import com.medcase.importing.pipeline.ImportOutcome;
import com.medcase.importing.pipeline.JdbcImportState;
import org.apache.camel.builder.RouteBuilder;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.InstantType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Polls a provider's FHIR R4 server for DocumentReferences updated since the last poll
 * ({@code _lastUpdated=gt<watermark>}, sorted, 50 a page, following {@code next} links) and imports them
 * one by one through {@link FhirImportService}. A document that cannot be imported as it stands is
 * dead-lettered and the poll moves on; a transient failure (repository or attachment server down) ends
 * the poll with the watermark just before the failing document, so the next poll asks for it again
 * (de-duplication makes repeats safe). The JDBC watermark (source = the base URL) only ever covers
 * documents that were filed, queued for review or dead-lettered.
 */
public final class FhirPollRouteBuilder extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(FhirPollRouteBuilder.class);
    public static final String ROUTE_ID = "fhir-poll";
    static final String PERIOD_PLACEHOLDER = "{{medcase.importing.fhir.poll-interval:60000}}";
    static final int PAGE_SIZE = 50;
    static final int MAX_PAGES_PER_POLL = 10_000;

    /** What one poll did. */
    public record PollResult(int pages, List<ImportOutcome> outcomes, List<String> deadLetterIds, String watermark) { }

    private final FhirImportService service;
    private final JdbcImportState state;
    private final String baseUrl;
    private final Duration period;
    private final com.medcase.importing.net.OutboundFetchGuard http;

    /**
     * @param baseUrl the provider's FHIR base, e.g. {@code https://fhir.example.org/r4}; null or blank: no route
     * @param period  time between polls; null: {@code medcase.importing.fhir.poll-interval} (milliseconds, default 60000)
     */
    public FhirPollRouteBuilder(FhirImportService service, JdbcImportState state, String baseUrl, Duration period) {
        this(service, state, baseUrl, period, com.medcase.importing.net.OutboundFetchGuard.Settings.defaults());
    }

    /**
     * @param fetch the deadlines and size limit of page fetches. The poller talks only to the host the operator
     *              configured (next links are pinned to it, redirects are not followed), so that host may be an
     *              internal address; it goes through the same {@link com.medcase.importing.net.OutboundFetchGuard}.
     */
    public FhirPollRouteBuilder(FhirImportService service, JdbcImportState state, String baseUrl, Duration period,
                                com.medcase.importing.net.OutboundFetchGuard.Settings fetch) {
        this.service = Objects.requireNonNull(service, "service");
        this.state = Objects.requireNonNull(state, "state");
        this.baseUrl = baseUrl == null || baseUrl.isBlank() ? null : baseUrl.trim().replaceAll("/+$", "");
        this.period = period;
        this.http = this.baseUrl == null ? null : new com.medcase.importing.net.OutboundFetchGuard(new com.medcase.importing.net.OutboundFetchGuard.Settings(
                List.of(URI.create(this.baseUrl).getHost()), fetch.connectTimeout(), fetch.headerTimeout(), fetch.totalTimeout(),
                fetch.maxBytes(), true));
    }

    public boolean enabled() {
        return baseUrl != null;
    }

    @Override
    public void configure() {
        if (!enabled()) {
            LOG.info("FHIR polling is off: no provider FHIR base URL is configured");
            return;
        }
        String every = period == null ? PERIOD_PLACEHOLDER : Long.toString(period.toMillis());
        from("timer:" + ROUTE_ID + "?period=" + every + "&delay=" + every)
                .routeId(ROUTE_ID)
                .process(exchange -> exchange.getMessage().setBody(pollQuietly()));
    }

    private PollResult pollQuietly() {
        try {
            return pollOnce();
        } catch (RuntimeException e) {
            // the next tick polls again from the same watermark
            LOG.warn("FHIR poll of {} failed; the next poll resumes from the watermark: {}", baseUrl, e.toString());
            return null;
        }
    }

    /**
     * One poll: every page since the watermark, then the watermark moved to the greatest
     * {@code meta.lastUpdated} seen.
     *
     * @throws FhirPollException when the server cannot be read or a transient failure stops the poll
     */
    public PollResult pollOnce() {
        if (!enabled()) {
            throw new IllegalStateException("no FHIR base URL configured");
        }
        String previous = state.watermark(baseUrl).orElse(null);
        String newest = previous;
        URI next = URI.create(baseUrl + "/DocumentReference?"
                + (previous == null ? "" : "_lastUpdated=" + URLEncoder.encode("gt" + previous, StandardCharsets.UTF_8) + "&")
                + "_sort=_lastUpdated&_count=" + PAGE_SIZE);
        List<ImportOutcome> outcomes = new ArrayList<>();
        List<String> deadLetters = new ArrayList<>();
        List<InstantType> processedTimes = new ArrayList<>();
        int pages = 0;
        while (next != null) {
            if (++pages > MAX_PAGES_PER_POLL) {
                throw new FhirPollException("more than " + MAX_PAGES_PER_POLL + " pages from " + baseUrl + "; the server's next links may loop");
            }
            Bundle page = fetchPage(next);
            List<Bundle.BundleEntryComponent> included = page.getEntry().stream()
                    .filter(e -> e.getResource() != null && !(e.getResource() instanceof DocumentReference)).toList();
            for (Bundle.BundleEntryComponent entry : page.getEntry()) {
                if (!(entry.getResource() instanceof DocumentReference dr)) {
                    continue;
                }
                String fullUrl = entry.hasFullUrl() ? entry.getFullUrl() : baseUrl + "/DocumentReference/" + dr.getIdElement().getIdPart();
                byte[] single = singleDocument(fullUrl, dr, included);
                try {
                    outcomes.addAll(service.importJson(single, fullUrl, false));
                } catch (FhirImportException e) {
                    if (e.deadLetterId() == null) {
                        // keep what was done: the watermark moves to just before this document (not onto its timestamp,
                        // which siblings not yet imported may share), so the next poll starts with it
                        String safe = safeWatermark(previous, processedTimes, dr.getMeta().getLastUpdatedElement());
                        if (safe != null && !safe.equals(previous)) {
                            state.watermark(baseUrl, safe);
                        }
                        throw new FhirPollException("FHIR poll of " + baseUrl + " stopped at " + fullUrl + " (it will be asked for again): "
                                + e.getMessage(), e);
                    }
                    deadLetters.add(e.deadLetterId());
                }
                processedTimes.add(dr.getMeta().getLastUpdatedElement());
                newest = later(newest, dr.getMeta().getLastUpdatedElement());
            }
            next = nextLink(page);
        }
        if (newest != null && !newest.equals(previous)) {
            state.watermark(baseUrl, newest);
        }
        return new PollResult(pages, List.copyOf(outcomes), List.copyOf(deadLetters), newest);
    }

    /** The DocumentReference with the resources the server included, as a collection Bundle: what is imported or dead-lettered. */
    private byte[] singleDocument(String fullUrl, DocumentReference dr, List<Bundle.BundleEntryComponent> included) {
        Bundle one = new Bundle().setType(Bundle.BundleType.COLLECTION);
        one.addEntry().setFullUrl(fullUrl).setResource(dr);
        for (Bundle.BundleEntryComponent inc : included) {
            one.addEntry().setFullUrl(inc.getFullUrl()).setResource(inc.getResource());
        }
        return service.parser().fhirContext().newJsonParser().encodeResourceToString(one).getBytes(StandardCharsets.UTF_8);
    }

    private Bundle fetchPage(URI uri) {
        com.medcase.importing.net.OutboundFetchGuard.Response response;
        try {
            response = http.get(uri, "application/fhir+json");
        } catch (com.medcase.importing.net.OutboundFetchGuard.FetchException e) {
            throw new FhirPollException("FHIR server " + uri + " could not be read: " + e.getMessage(), e);
        }
        if (response.status() / 100 != 2) {
            throw new FhirPollException("FHIR server answered HTTP " + response.status() + " to " + uri);
        }
        IBaseResource parsed;
        try {
            parsed = service.parser().parseResource(response.body());
        } catch (FhirImportException e) {
            throw new FhirPollException("FHIR server sent something that is not FHIR R4 JSON for " + uri + ": " + e.getMessage(), e);
        }
        if (!(parsed instanceof Bundle bundle) || bundle.getType() != Bundle.BundleType.SEARCHSET) {
            throw new FhirPollException("FHIR server sent a " + parsed.getClass().getSimpleName() + " instead of a searchset Bundle for " + uri);
        }
        return bundle;
    }

    /** The next page, only on the server that was configured (a next link must not send the poller elsewhere). */
    private URI nextLink(Bundle page) {
        Bundle.BundleLinkComponent link = page.getLink(Bundle.LINK_NEXT);
        if (link == null || !link.hasUrl()) {
            return null;
        }
        URI next = URI.create(link.getUrl());
        URI base = URI.create(baseUrl);
        if (!next.isAbsolute()) {
            return base.resolve(next);
        }
        if (!Objects.equals(next.getScheme(), base.getScheme()) || !Objects.equals(next.getHost(), base.getHost())
                || next.getPort() != base.getPort()) {
            throw new FhirPollException("FHIR server's next link " + next + " leaves " + baseUrl + "; not followed");
        }
        return next;
    }

    /** The latest processed lastUpdated strictly before the failing document's; the previous watermark when there is none. */
    private static String safeWatermark(String previous, List<InstantType> processed, InstantType failing) {
        String safe = previous;
        for (InstantType t : processed) {
            if (t != null && !t.isEmpty() && (failing == null || failing.isEmpty() || t.getValue().before(failing.getValue()))) {
                safe = later(safe, t);
            }
        }
        return safe;
    }

    private static String later(String current, InstantType candidate) {
        if (candidate == null || candidate.isEmpty()) {
            return current;
        }
        if (current == null || candidate.getValue().after(new InstantType(current).getValue())) {
            return candidate.getValueAsString();
        }
        return current;
    }

    /** A poll that could not complete; nothing was lost and the watermark covers only what was handled. */
    public static final class FhirPollException extends RuntimeException {
        public FhirPollException(String message) {
            super(message);
        }

        public FhirPollException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
