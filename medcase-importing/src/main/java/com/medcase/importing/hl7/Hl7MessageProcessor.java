package com.medcase.importing.hl7;

import com.medcase.importing.pipeline.ImportMetrics;
import com.medcase.importing.pipeline.ImportOutcome;
import com.medcase.importing.pipeline.ImportPipeline;
import com.medcase.importing.pipeline.IncomingDocument;
import com.medcase.importing.pipeline.Retry;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.Charset;
import java.time.Instant;

/**
 * One HL7 message in, one acknowledgement out. Never throws: a malformed or unsupported message is
 * answered AR and kept in the dead-letter store with its original bytes; a failure to file after
 * bounded retries is answered AE (the sender retries) and dead-lettered too.
 */
public final class Hl7MessageProcessor implements Processor, com.medcase.importing.admin.Reprocessor {

    private static final Logger LOG = LoggerFactory.getLogger(Hl7MessageProcessor.class);

    private final String route;
    private final ImportPipeline pipeline;
    private final Hl7DocumentExtractor extractor;
    private final Charset defaultCharset;
    private final int attempts;
    private final long backoffMillis;

    public Hl7MessageProcessor(String route, ImportPipeline pipeline, Hl7DocumentExtractor extractor, Charset defaultCharset, int attempts,
                               long backoffMillis) {
        this.backoffMillis = backoffMillis;
        this.route = route;
        this.pipeline = pipeline;
        this.extractor = extractor;
        this.defaultCharset = defaultCharset;
        this.attempts = attempts;
    }

    @Override
    public void process(Exchange exchange) {
        byte[] bytes = exchange.getIn().getBody(byte[].class);
        byte[] ack = handle(bytes == null ? new byte[0] : bytes, route);
        exchange.getMessage().setBody(ack);
    }

    /** Processes one message; returns the acknowledgement bytes. What is not accepted is dead-lettered. */
    public byte[] handle(byte[] bytes, String source) {
        pipeline.metrics().count(route, ImportMetrics.Outcome.RECEIVED);
        Handled h = process(bytes);
        if (h.error() != null) {
            if ("AR".equals(h.code())) {
                pipeline.metrics().count(route, ImportMetrics.Outcome.REJECTED);
            }
            deadLetter(h.raw(), source, h.error(), bytes);
        }
        return h.ack();
    }

    @Override
    public String route() {
        return route;
    }

    @Override
    public String reprocess(byte[] original) {
        Handled h = process(original);
        if (h.error() != null) {
            throw new IllegalStateException(h.error());
        }
        return h.code();
    }

    private record Handled(RawHl7 raw, String code, byte[] ack, String error) { }

    private Handled process(byte[] bytes) {
        RawHl7 raw = RawHl7.of(bytes, defaultCharset);
        try {
            IncomingDocument doc = extractor.extract(route, bytes, raw.charset(), Instant.now());
            ImportOutcome outcome = Retry.transientFailures(attempts, backoffMillis, () -> pipeline.importDocument(doc));
            String note = switch (outcome.kind()) {
                case FILED -> null;
                case DUPLICATE -> "duplicate of a document already imported";
                case QUEUED_FOR_REVIEW -> "accepted; queued for review: " + outcome.detail();
            };
            return new Handled(raw, "AA", Hl7Acks.ack(raw, "AA", note), null);
        } catch (Hl7RejectedException e) {
            return new Handled(raw, "AR", Hl7Acks.ack(raw, "AR", e.getMessage()), "rejected: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("HL7 message {} on route {} could not be filed: {}", raw.controlId(), route, e.toString());
            return new Handled(raw, "AE", Hl7Acks.ack(raw, "AE", "could not be filed now; it was kept and will be reprocessed"),
                    "application error: " + e);
        }
    }

    private void deadLetter(RawHl7 raw, String source, String error, byte[] original) {
        String id = pipeline.state().deadLetter(route, source + " MSH-10=" + raw.controlId(), error, "application/hl7-v2", original);
        pipeline.metrics().count(route, ImportMetrics.Outcome.DEAD_LETTERED);
        pipeline.audit().deadLettered(route, source, id, error);
    }
}
