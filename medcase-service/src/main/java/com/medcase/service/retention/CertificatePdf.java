package com.medcase.service.retention;

import com.medcase.retention.Approval;
import com.medcase.retention.DestructionCertificate;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** A destruction certificate as a one-page PDF (PDFBox): every field, the seal, and whether the seal still matches. */
final class CertificatePdf {

    private CertificatePdf() {
    }

    static byte[] render(DestructionCertificate c) {
        List<String> lines = new ArrayList<>();
        lines.add("Certificate: " + c.certificateId());
        lines.add("Record: " + c.recordId());
        lines.add("Action: " + c.action());
        lines.add("Schedule: " + c.scheduleId());
        lines.add("Executed at (UTC): " + c.executedAt());
        lines.add("Executed by: " + c.executedBy());
        for (Approval a : c.approvals()) {
            lines.add("Approved by: " + a.approver() + " at " + a.at());
        }
        lines.add("Content SHA-256: " + c.contentSha256());
        lines.add("Removed by the repository: " + (c.purged().isEmpty() ? "-" : String.join(", ", c.purged())));
        lines.add("Certificate hash (SHA-256): " + c.certificateHash());
        lines.add("Seal verified when this PDF was produced: " + (c.intact() ? "yes" : "NO - the fields do not match the hash"));
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            PDType1Font mono = new PDType1Font(Standard14Fonts.FontName.COURIER);
            try (PDPageContentStream text = new PDPageContentStream(doc, page)) {
                text.beginText();
                text.setFont(bold, 16);
                text.newLineAtOffset(50, 780);
                text.showText("MedCase - certificate of disposition");
                text.setFont(mono, 8.5f);
                text.setLeading(14);
                text.newLine();
                text.newLine();
                for (String line : lines) {
                    text.showText(ascii(line));
                    text.newLine();
                }
                text.endText();
            }
            doc.getDocumentInformation().setTitle("Certificate of disposition " + c.certificateId());
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not render certificate " + c.certificateId() + " as PDF", e);
        }
    }

    /** The standard 14 fonts encode WinAnsi only; ids and names are shown with anything else replaced. */
    private static String ascii(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> b.append(cp >= 32 && cp < 127 ? (char) cp : '?'));
        return b.toString();
    }
}
