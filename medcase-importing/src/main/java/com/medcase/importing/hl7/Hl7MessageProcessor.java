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
import java.util.ArrayList;
import java.util.List;

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
    private final org.apache.camel.processor.errorhandler.RedeliveryPolicy retries;

    public Hl7MessageProcessor(String route, ImportPipeline pipeline, Hl7DocumentExtractor extractor, Charset defaultCharset, int attempts,
                               long backoffMillis) {
        this(route, pipeline, extractor, defaultCharset, Retry.policy(Math.max(1, attempts), backoffMillis, 2, 60_000));
    }

    /** @param retries the channels' one retry policy ({@code medcase.importing.retries}) */
    public Hl7MessageProcessor(String route, ImportPipeline pipeline, Hl7DocumentExtractor extractor, Charset defaultCharset,
                               org.apache.camel.processor.errorhandler.RedeliveryPolicy retries) {
        this.route = route;
        this.pipeline = pipeline;
        this.extractor = extractor;
        this.defaultCharset = defaultCharset;
        this.retries = retries;
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
        ca.uhn.hl7v2.model.Message message = null;
        try {
            message = extractor.parse(bytes, raw.charset());
            List<IncomingDocument> docs = extractor.extract(route, message, Instant.now());
            List<String> notes = new ArrayList<>();
            for (IncomingDocument doc : docs) {
                // each document is claimed on its own: a resend after a partial failure files only what is missing
                ImportOutcome outcome = Retry.transientFailures(retries, () -> pipeline.importDocument(doc));
                switch (outcome.kind()) {
                    case FILED -> { }
                    case DUPLICATE -> notes.add("duplicate of a document already imported");
                    case QUEUED_FOR_REVIEW -> notes.add("accepted; queued for review: " + outcome.detail());
                }
            }
            String note = notes.isEmpty() ? null : (docs.size() > 1 ? docs.size() + " documents; " : "") + String.join("; ", new java.util.LinkedHashSet<>(notes));
            return new Handled(raw, "AA", ack(message, raw, "AA", note), null);
        } catch (Hl7RejectedException e) {
            return new Handled(raw, "AR", ack(message, raw, "AR", e.getMessage()), "rejected: " + e.getMessage());
        } catch (RuntimeException e) {
            // types and frames only: messages of parser and repository exceptions may quote the payload
            LOG.warn("HL7 message {} on route {} could not be filed: {}", raw.controlId(), route, e.getClass().getSimpleName(),
                    com.medcase.importing.pipeline.MessageWithheld.of(e));
            return new Handled(raw, "AE", ack(message, raw, "AE", "could not be filed now; it was kept and will be reprocessed"),
                    "application error: " + e.getClass().getSimpleName());
        }
    }

    /**
     * The acknowledgement: HAPI's own ({@code Message.generateACK}, MSA-3 and ERR filled by HAPI with its
     * escaping) for a message HAPI could read; for one it could not, the hand-built ACK that echoes what
     * can be read of MSH.
     */
    private static byte[] ack(ca.uhn.hl7v2.model.Message message, RawHl7 raw, String code, String text) {
        if (message != null) {
            try {
                ca.uhn.hl7v2.AcknowledgmentCode ackCode = ca.uhn.hl7v2.AcknowledgmentCode.valueOf(code);
                ca.uhn.hl7v2.model.Message ack = "AA".equals(code) ? message.generateACK()
                        : message.generateACK(ackCode, new ca.uhn.hl7v2.HL7Exception(text,
                        "AR".equals(code) ? ca.uhn.hl7v2.ErrorCode.UNSUPPORTED_MESSAGE_TYPE : ca.uhn.hl7v2.ErrorCode.APPLICATION_INTERNAL_ERROR));
                ca.uhn.hl7v2.util.Terser terser = new ca.uhn.hl7v2.util.Terser(ack);
                if (text != null) {
                    terser.set("/MSA-3", text.length() > 200 ? text.substring(0, 200) : text);
                }
                // the ACK is encoded in the message's character set, so it names it (MSH-18) as the message did
                String charset = new ca.uhn.hl7v2.util.Terser(message).get("/MSH-18");
                if (charset != null && !charset.isBlank()) {
                    terser.set("/MSH-18", charset);
                }
                return ack.encode().getBytes(raw.charset());
            } catch (ca.uhn.hl7v2.HL7Exception | java.io.IOException | RuntimeException e) {
                LOG.debug("HAPI could not build the ACK ({}); building it by hand", e.getClass().getSimpleName());
            }
        }
        return Hl7Acks.ack(raw, code, text);
    }

    private void deadLetter(RawHl7 raw, String source, String error, byte[] original) {
        String id = pipeline.state().deadLetter(route, source + " MSH-10=" + raw.controlId(), error, "application/hl7-v2", original);
        pipeline.metrics().count(route, ImportMetrics.Outcome.DEAD_LETTERED);
        pipeline.audit().deadLettered(route, source, id, error);
    }
}
