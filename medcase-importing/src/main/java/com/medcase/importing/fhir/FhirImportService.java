package com.medcase.importing.fhir;

import com.medcase.importing.admin.Reprocessor;
import com.medcase.importing.pipeline.ImportMetrics;
import com.medcase.importing.pipeline.ImportOutcome;
import com.medcase.importing.pipeline.SenderScope;
import com.medcase.importing.pipeline.ImportPipeline;
import com.medcase.importing.pipeline.IncomingDocument;
import com.medcase.repository.RepositoryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.TreeMap;

/**
 * Imports FHIR R4 JSON (posted to the service or polled from a provider) through the pipeline. A payload
 * is parsed whole before anything is filed; what cannot be imported keeps its original bytes in the
 * dead-letter store and the caller gets a {@link FhirImportException} saying why (the REST layer maps
 * {@link FhirImportException.Reason#httpStatus()}).
 */
public final class FhirImportService implements Reprocessor {

    private static final Logger LOG = LoggerFactory.getLogger(FhirImportService.class);
    public static final String ROUTE = FhirDocumentParser.ROUTE;
    static final String CONTENT_TYPE = "application/fhir+json";

    private final ImportPipeline pipeline;
    private final FhirDocumentParser parser;
    private final org.apache.camel.processor.errorhandler.RedeliveryPolicy retries;

    public FhirImportService(ImportPipeline pipeline, FhirDocumentParser parser) {
        this(pipeline, parser, 3, 200);
    }

    /** @param attempts delivery attempts per document when the repository fails transiently (at least 1) */
    public FhirImportService(ImportPipeline pipeline, FhirDocumentParser parser, int attempts, long backoffMillis) {
        this(pipeline, parser, com.medcase.importing.pipeline.Retry.policy(Math.max(1, attempts), backoffMillis, 2, 60_000));
    }

    /** @param retries the channels' one retry policy ({@code medcase.importing.retries}) */
    public FhirImportService(ImportPipeline pipeline, FhirDocumentParser parser, org.apache.camel.processor.errorhandler.RedeliveryPolicy retries) {
        this.pipeline = pipeline;
        this.parser = parser;
        this.retries = retries;
    }

    public FhirDocumentParser parser() {
        return parser;
    }

    /**
     * @param source where the payload came from (client address, poll URL), kept with a dead letter
     * @return one outcome per document, in payload order
     * @throws FhirImportException after the original bytes were dead-lettered
     */
    public List<ImportOutcome> importJson(byte[] json, String source) {
        return importJson(json, source, SenderScope.unrestricted(source), true);
    }

    /**
     * As {@link #importJson(byte[], String)}, for a sender limited to some claims: every document must name one of
     * them, or nothing of the payload is filed (403, dead-lettered for an administrator).
     */
    public List<ImportOutcome> importJson(byte[] json, String source, SenderScope scope) {
        return importJson(json, source, scope, true);
    }

    /** @param deadLetterTransient false for the poller, which leaves transient failures on the server for the next poll */
    List<ImportOutcome> importJson(byte[] json, String source, boolean deadLetterTransient) {
        return importJson(json, source, SenderScope.unrestricted(source), deadLetterTransient);
    }

    private List<ImportOutcome> importJson(byte[] json, String source, SenderScope scope, boolean deadLetterTransient) {
        byte[] original = json == null ? new byte[0] : json;
        try {
            return importParsed(original, scope);
        } catch (FhirImportException e) {
            if (!e.reason().transientFailure()) {
                pipeline.metrics().count(ROUTE, ImportMetrics.Outcome.REJECTED);
            } else if (!deadLetterTransient) {
                throw e;
            }
            throw deadLetter(e, source, original);
        }
    }

    @Override
    public String route() {
        return ROUTE;
    }

    /** Imports a dead letter's original bytes again without dead-lettering them again; a summary of what happened. */
    @Override
    public String reprocess(byte[] original) {
        // an administrator reprocesses: the original sender's scope was checked when it was received
        List<ImportOutcome> outcomes = importParsed(original, SenderScope.unrestricted("reprocess"));
        Map<ImportOutcome.Kind, Integer> byKind = new TreeMap<>();
        outcomes.forEach(o -> byKind.merge(o.kind(), 1, Integer::sum));
        return outcomes.size() + " document(s): " + byKind;
    }

    private List<ImportOutcome> importParsed(byte[] json, SenderScope scope) {
        List<IncomingDocument> docs = parser.parse(json, Instant.now());
        // every document is checked before the first is filed: a payload is filed whole or not at all
        for (IncomingDocument doc : docs) {
            Optional<String> refusal = scope.refusal(doc);
            if (refusal.isPresent()) {
                throw new FhirImportException(FhirImportException.Reason.SENDER_NOT_ALLOWED, refusal.get());
            }
        }
        List<ImportOutcome> outcomes = new ArrayList<>(docs.size());
        for (IncomingDocument doc : docs) {
            pipeline.metrics().count(ROUTE, ImportMetrics.Outcome.RECEIVED);
            outcomes.add(importWithRetries(doc, scope));
        }
        return outcomes;
    }

    private ImportOutcome importWithRetries(IncomingDocument doc, SenderScope scope) {
        try {
            return com.medcase.importing.pipeline.Retry.transientFailures(retries, () -> pipeline.importDocument(doc, scope));
        } catch (RuntimeException e) {
            LOG.warn("FHIR document {} could not be filed: {}", doc.messageId(), e.getClass().getSimpleName(),
                    com.medcase.importing.pipeline.MessageWithheld.of(e));
            throw new FhirImportException(FhirImportException.Reason.IMPORT_FAILED, doc.messageId() + " could not be filed: " + e.getMessage(), e);
        }
    }

    private FhirImportException deadLetter(FhirImportException e, String source, byte[] original) {
        String error = e.reason() + ": " + e.getMessage();
        String id = pipeline.state().deadLetter(ROUTE, source == null ? "" : source, error, CONTENT_TYPE, original);
        pipeline.metrics().count(ROUTE, ImportMetrics.Outcome.DEAD_LETTERED);
        pipeline.audit().deadLettered(ROUTE, source, id, error);
        return e.deadLettered(id);
    }
}
