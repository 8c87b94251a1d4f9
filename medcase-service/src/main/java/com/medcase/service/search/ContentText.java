package com.medcase.service.search;

import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.BodyContentHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.InputStream;

/**
 * The text inside a record (PDF, office formats, HTML, RTF, plain text…), extracted with Apache Tika's standard
 * parsers when a record is filed or re-indexed, so that search finds words inside documents. Tika rather than
 * PDFBox alone: records arrive as PDF, Word, RTF and HTML from providers, and Tika's auto-detection covers all of
 * them (it uses PDFBox for PDFs). Text past {@link #MAX_CHARACTERS} is cut; a document Tika cannot read is
 * indexed by its metadata only. Logs name the record id only, never its content.
 */
@Component
public class ContentText {

    /** Characters kept per record: enough for long reports; the index stays bounded. */
    static final int MAX_CHARACTERS = 1_000_000;

    private static final Logger log = LoggerFactory.getLogger(ContentText.class);

    private final Parser detecting = new AutoDetectParser();
    /** Tika's parsers chosen by the Content-Type given, with no detection (what AutoDetectParser adds to it). */
    private final Parser byType = new org.apache.tika.parser.DefaultParser();

    /** The text of a document, its type detected from the bytes; "" when it has none or cannot be parsed. */
    public String extract(String recordId, String name, String mimeType, InputStream content) {
        return parse(detecting, recordId, name, mimeType, content).orElse("");
    }

    /**
     * The text of a document parsed as the type it is stored with, without detecting it again: every filing's type was
     * set from its bytes by the governed repository ({@code ContentTypeSniffer}), and Tika's magic detection was a
     * tenth of an import's time when done twice. Empty when the document does not parse as that type (a record filed
     * before the type was sniffed may carry its sender's word): the caller then reads it again with {@link #extract}.
     */
    public java.util.Optional<String> extractAs(String recordId, String name, String mimeType, InputStream content) {
        return parse(byType, recordId, name, mimeType, content);
    }

    private java.util.Optional<String> parse(Parser parser, String recordId, String name, String mimeType, InputStream content) {
        BodyContentHandler handler = new BodyContentHandler(MAX_CHARACTERS);
        Metadata metadata = new Metadata();
        if (name != null) {
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
        }
        if (mimeType != null) {
            metadata.set(Metadata.CONTENT_TYPE, mimeType);
        }
        // Documents embedded in this one are parsed by the detecting parser, as AutoDetectParser.parse sets itself here.
        // Without it Tika's EmbeddedDocumentUtil builds a whole new AutoDetectParser (and TikaConfig, which runs the
        // external parsers' command checks as processes) for every PDF.
        ParseContext context = new ParseContext();
        context.set(Parser.class, detecting);
        try {
            parser.parse(content, handler, metadata, context);
        } catch (Exception e) {
            if (!WriteLimitReachedException.isWriteLimitReached(e)) {
                log.warn("Record {} ({}): text not extracted{}: {}", recordId, mimeType,
                        parser == detecting ? ", indexed by its metadata only" : " as its stored type", e.getClass().getSimpleName());
                return java.util.Optional.empty();
            }
        }
        // The highlight markers are private-use characters; no document may carry them into a snippet.
        return java.util.Optional.of(handler.toString().replace(SearchIndex.MARK_START, "").replace(SearchIndex.MARK_END, "").strip());
    }
}
