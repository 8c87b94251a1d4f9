package com.medcase.repository;

import org.apache.tika.Tika;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypeException;
import org.apache.tika.mime.MimeTypes;

import java.util.Locale;
import java.util.Set;

/**
 * The content type of a record is what its bytes are, not what its sender declared: Apache Tika's magic
 * detection (tika-core, no parsers) reads the first bytes. The declared type is kept only where the bytes
 * cannot tell (Tika answers application/octet-stream) and the declared type is not one a browser would
 * render as active content; plain text detected under an active or binary declared type becomes
 * text/plain. The file name's extension follows the detected type (a PNG declared as PDF is not named
 * .pdf). Called once, where every filing path crosses ({@code GovernedRecordRepository.fileRecord}).
 */
public final class ContentTypeSniffer {

    private static final Tika TIKA = new Tika();
    private static final MediaTypeRegistry REGISTRY = MimeTypes.getDefaultMimeTypes().getMediaTypeRegistry();
    private static final String OCTET_STREAM = "application/octet-stream";
    /** Declared types never kept on bytes that Tika cannot identify: browsers would render or run them. */
    private static final Set<String> ACTIVE = Set.of("text/html", "application/xhtml+xml", "image/svg+xml", "application/javascript",
            "text/javascript", "application/xml", "text/xml");

    private ContentTypeSniffer() {
    }

    /** The detected type of these bytes under a declared type. */
    public static String contentType(byte[] content, String declared) {
        String base = declared == null ? OCTET_STREAM : declared.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        String detected = TIKA.detect(content);
        if (OCTET_STREAM.equals(detected)) {
            return ACTIVE.contains(base) || base.startsWith("text/") ? OCTET_STREAM : base;
        }
        // magic alone sees a container (a DOCX is a ZIP, a DOC an OLE2 file, CSV plain text): a declared type
        // that Tika's type registry knows as a specialisation of what the bytes are is kept, unless it is active
        if (!ACTIVE.contains(base) && REGISTRY.isSpecializationOf(MediaType.parse(base), MediaType.parse(detected))) {
            return base;
        }
        return detected;
    }

    /** The record with its sniffed type, renamed when its extension says another type. */
    public static NewRecord sniffed(NewRecord record) {
        String type = contentType(record.content(), record.mimeType());
        if (type.equals(record.mimeType())) {
            return record;
        }
        return new NewRecord(withExtension(record.name(), type), type, record.content(), record.properties(), record.aspects(), record.access());
    }

    static String withExtension(String name, String type) {
        String extension;
        try {
            extension = MimeTypes.getDefaultMimeTypes().forName(type).getExtension();
        } catch (MimeTypeException e) {
            return name;
        }
        if (extension == null || extension.isEmpty() || name.toLowerCase(Locale.ROOT).endsWith(extension)) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name) + extension;
    }
}
