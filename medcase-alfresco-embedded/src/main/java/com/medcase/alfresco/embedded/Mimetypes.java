package com.medcase.alfresco.embedded;

import java.util.Locale;
import java.util.Map;

/** The few mimetypes MedCase stores, with ACS's display names (mimetype-map.xml); others are application/octet-stream. */
final class Mimetypes {
    static final String OCTET = "application/octet-stream";
    private static final Map<String, String> BY_EXT = Map.ofEntries(
            Map.entry("pdf", "application/pdf"), Map.entry("txt", "text/plain"), Map.entry("xml", "text/xml"),
            Map.entry("json", "application/json"), Map.entry("html", "text/html"), Map.entry("htm", "text/html"),
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("tif", "image/tiff"), Map.entry("tiff", "image/tiff"), Map.entry("gif", "image/gif"),
            Map.entry("doc", "application/msword"), Map.entry("csv", "text/csv"),
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("hl7", "application/hl7-v2"), Map.entry("dcm", "application/dicom"), Map.entry("zip", "application/zip"));
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("application/pdf", "Adobe PDF Document"), Map.entry("text/plain", "Plain Text"), Map.entry("text/xml", "XML"),
            Map.entry("application/json", "JSON"), Map.entry("text/html", "HTML"), Map.entry("image/png", "PNG Image"),
            Map.entry("image/jpeg", "JPEG Image"), Map.entry("image/tiff", "TIFF Image"), Map.entry("image/gif", "GIF Image"),
            Map.entry("application/msword", "Microsoft Word"), Map.entry("text/csv", "Comma Separated Values (CSV)"),
            Map.entry("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Microsoft Word 2007"),
            Map.entry("application/zip", "ZIP"), Map.entry(OCTET, "Binary File (Octet Stream)"));

    private Mimetypes() { }

    static String guess(String fileName) {
        int dot = fileName == null ? -1 : fileName.lastIndexOf('.');
        if (dot < 0) {
            return OCTET;
        }
        return BY_EXT.getOrDefault(fileName.substring(dot + 1).toLowerCase(Locale.ROOT), OCTET);
    }

    static String displayName(String mimetype) {
        return NAMES.getOrDefault(mimetype, mimetype);
    }

    /** The mimetype of a Content-Type header (parameters dropped), or null when absent/generic. */
    static String fromHeader(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        String m = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        return m.isEmpty() ? null : m;
    }

    static String charset(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String part : contentType.split(";")) {
            String p = part.trim();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                return p.substring(8).replace("\"", "").trim();
            }
        }
        return null;
    }
}
