package com.medcase.repository;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, "a PNG declared as PDF was filed as application/pdf", and issue 10, provider-sent text/html:
 * the stored type is Tika's detection from the bytes.
 */
class ContentTypeSnifferTest {

    /** A 1x1 PNG. */
    static final byte[] PNG = Base64.getDecoder().decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
    static final byte[] PDF = "%PDF-1.4\n% fake\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aPngDeclaredAsPdfIsStoredAsPngWithAPngName() {
        NewRecord sniffed = ContentTypeSniffer.sniffed(new NewRecord("DOC-1.pdf", "application/pdf", PNG, Map.of(), Map.of()));
        assertThat(sniffed.mimeType()).isEqualTo("image/png");
        assertThat(sniffed.name()).isEqualTo("DOC-1.png");
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            pdf,  application/octet-stream, application/pdf
            pdf,  application/pdf,          application/pdf
            html, text/plain,               text/html
            text, text/html,                text/plain
            text, text/csv,                 text/csv
            text, application/pdf,          text/plain
            bin,  application/dicom,        application/dicom
            bin,  text/html,                application/octet-stream
            zip,  application/vnd.openxmlformats-officedocument.wordprocessingml.document, application/vnd.openxmlformats-officedocument.wordprocessingml.document
            zip,  application/pdf,          application/zip
            """)
    void theBytesDecide(String content, String declared, String stored) {
        byte[] bytes = switch (content) {
            case "pdf" -> PDF;
            case "html" -> "<html><body><script>alert(1)</script></body></html>".getBytes(StandardCharsets.UTF_8);
            case "text" -> "Discharge summary\nall well\n".getBytes(StandardCharsets.UTF_8);
            case "zip" -> new byte[]{'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
            default -> new byte[]{0, 1, 2, 3, (byte) 0xfe, (byte) 0xff, 9, 0};
        };
        assertThat(ContentTypeSniffer.contentType(bytes, declared)).isEqualTo(stored);
    }
}
