package com.medcase.service.search;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Tika reads the words inside the documents providers send, so search can find them. */
class ContentTextTest {

    private final ContentText text = new ContentText();

    @Test
    void readsTheTextOfAPdf() throws IOException {
        String extracted = text.extract("r1", "xray.pdf", "application/pdf",
                new ByteArrayInputStream(com.medcase.service.TestPdf.withLine("X-ray of the left wrist: no fracture seen.")));
        assertThat(extracted).contains("no fracture seen");
    }

    @Test
    void readsHtmlAndPlainTextAndStripsTheHighlightMarkers() {
        assertThat(text.extract("r2", "note.html", "text/html", new ByteArrayInputStream(
                "<html><body><p>Knee <b>effusion</b></p></body></html>".getBytes(StandardCharsets.UTF_8)))).contains("Knee effusion");
        assertThat(text.extract("r3", "note.txt", "text/plain", new ByteArrayInputStream(
                ("a " + SearchIndex.MARK_START + "b" + SearchIndex.MARK_END).getBytes(StandardCharsets.UTF_8)))).isEqualTo("a b");
    }

    @Test
    void aDocumentTikaCannotReadIsIndexedByItsMetadataOnly() {
        assertThat(text.extract("r4", "broken.pdf", "application/pdf", new ByteArrayInputStream("%PDF-1.7 garbage".getBytes(StandardCharsets.UTF_8))))
                .isEmpty();
    }

    @Test
    void theStoredTypeChoosesTheParserWithoutASecondDetection() throws IOException {
        byte[] markup = "<html><body><p>Knee effusion</p></body></html>".getBytes(StandardCharsets.UTF_8);

        assertThat(text.extractAs("r5", "note.txt", "text/plain", new ByteArrayInputStream(markup)))
                .as("read as the plain text it is stored as; detection would have taken it for HTML").hasValueSatisfying(
                        t -> assertThat(t).contains("<p>Knee effusion</p>"));
        assertThat(text.extractAs("r6", "xray.pdf", "application/pdf",
                new ByteArrayInputStream(com.medcase.service.TestPdf.withLine("Wrist: no fracture seen.")))).hasValueSatisfying(
                        t -> assertThat(t).contains("no fracture seen"));
    }

    @Test
    void bytesThatAreNotTheirStoredTypeAreEmptySoThatTheCallerDetects() {
        // a record filed before types were sniffed from the bytes: its sender called plain text a PDF
        byte[] plain = "Lumbar strain, improving".getBytes(StandardCharsets.UTF_8);

        assertThat(text.extractAs("r7", "report.pdf", "application/pdf", new ByteArrayInputStream(plain))).isEmpty();
        assertThat(text.extract("r7", "report.pdf", "application/pdf", new ByteArrayInputStream(plain))).contains("Lumbar strain");
    }
}
