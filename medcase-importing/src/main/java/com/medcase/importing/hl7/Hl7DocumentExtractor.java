package com.medcase.importing.hl7;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Type;
import ca.uhn.hl7v2.model.Varies;
import ca.uhn.hl7v2.model.v25.datatype.ED;
import ca.uhn.hl7v2.model.v25.datatype.TS;
import ca.uhn.hl7v2.model.v25.datatype.XPN;
import ca.uhn.hl7v2.model.v25.message.MDM_T02;
import ca.uhn.hl7v2.model.v25.message.ORU_R01;
import ca.uhn.hl7v2.model.v25.segment.MSH;
import ca.uhn.hl7v2.model.v25.segment.OBR;
import ca.uhn.hl7v2.model.v25.segment.OBX;
import ca.uhn.hl7v2.model.v25.segment.PID;
import ca.uhn.hl7v2.model.v25.segment.TXA;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import com.medcase.importing.pipeline.IncomingDocument;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns an HL7 v2 message into a document to import, with HAPI (every 2.x version read into the
 * 2.5 model). Supported: MDM^T02 (the document base64 in OBX-5 of type ED, its metadata in TXA) and
 * ORU^R01 (results rendered to a plain-text report). The claim number is read from PID-18 (patient
 * account number), the claimant from PID-5 and PID-7.
 */
public final class Hl7DocumentExtractor {

    /** HL7 table 0270 document types to mc:recordCategory; MedCase extensions PSY and SUD. */
    static final Map<String, String> CATEGORY_BY_DOCUMENT_TYPE = Map.ofEntries(
            Map.entry("DS", "dischargeSummary"), Map.entry("TS", "dischargeSummary"), Map.entry("OP", "operativeReport"),
            Map.entry("PN", "clinicalNotes"), Map.entry("HP", "clinicalNotes"), Map.entry("CN", "clinicalNotes"),
            Map.entry("CD", "clinicalNotes"), Map.entry("DI", "radiologyReport"), Map.entry("SP", "laboratory"),
            Map.entry("LAB", "laboratory"), Map.entry("BIL", "billing"), Map.entry("PSY", "psychotherapyNotes"),
            Map.entry("SUD", "substanceUseTreatment"), Map.entry("MH", "mentalHealth"), Map.entry("CORR", "correspondence"));

    private final HapiContext hapi;

    public Hl7DocumentExtractor() {
        hapi = new DefaultHapiContext();
        hapi.setValidationContext(ValidationContextFactory.noValidation());
        hapi.setModelClassFactory(new CanonicalModelClassFactory("2.5"));
        // ACK control ids: HAPI's default generator keeps a counter file in the working directory
        hapi.getParserConfiguration().setIdGenerator(new ca.uhn.hl7v2.util.idgenerator.UUIDGenerator());
    }

    /**
     * Segment terminators: HL7 says CR, but senders also use LF and CRLF; all three are read as CR. (A
     * line break inside a field is always escaped, \X0D\ or \.br\, so no content is changed.)
     */
    static String normaliseTerminators(String text) {
        return text.replace("\r\n", "\r").replace('\n', '\r');
    }

    /** Parses a message with HAPI; refused (AR) when it cannot be read or lacks MSH-10. */
    public Message parse(byte[] bytes, java.nio.charset.Charset charset) {
        Message message;
        try {
            message = hapi.getPipeParser().parse(normaliseTerminators(new String(bytes, charset)));
        } catch (HL7Exception e) {
            throw new Hl7RejectedException("unparseable HL7: " + firstLine(e.getMessage()), e);
        }
        try {
            String controlId = new ca.uhn.hl7v2.util.Terser(message).get("/MSH-10");
            if (controlId == null || controlId.isBlank()) {
                throw new Hl7RejectedException("MSH-10 (message control id) is missing; every message needs one so that it can be acknowledged");
            }
        } catch (HL7Exception e) {
            throw new Hl7RejectedException("cannot read MSH-10: " + firstLine(e.getMessage()), e);
        }
        return message;
    }

    /** The documents of a message (one or more); refused (AR) when something would be lost or guessed. */
    public List<IncomingDocument> extract(String route, byte[] bytes, java.nio.charset.Charset charset, Instant receivedAt) {
        return extract(route, parse(bytes, charset), receivedAt);
    }

    public List<IncomingDocument> extract(String route, Message message, Instant receivedAt) {
        try {
            if (message instanceof MDM_T02 mdm) {
                return fromMdm(route, mdm, receivedAt);
            }
            if (message instanceof ORU_R01 oru) {
                return fromOru(route, oru, receivedAt);
            }
        } catch (HL7Exception e) {
            throw new Hl7RejectedException("cannot read the message structure: " + firstLine(e.getMessage()), e);
        }
        throw new Hl7RejectedException("unsupported message type " + message.getName() + "; MedCase accepts MDM^T02 and ORU^R01");
    }

    /** One document being assembled from OBX segments. */
    private static final class Part {
        final boolean binary;
        final String subId;
        final StringBuilder data = new StringBuilder();
        String subtype;
        /** ED-2, type of data: some senders name the format there ("PDF") and leave ED-3 empty. */
        String typeOfData;
        /** ED-4 (HL7 table 0299): Base64, Hex or A (displayable text); null when the sender left it empty. */
        String encoding;

        Part(boolean binary, String subId) {
            this.binary = binary;
            this.subId = subId;
        }
    }

    private static final java.util.regex.Pattern BASE64_ONLY = java.util.regex.Pattern.compile("[A-Za-z0-9+/=]*");
    private static final java.util.regex.Pattern HEX_ONLY = java.util.regex.Pattern.compile("(?:[0-9A-Fa-f]{2})*");

    /** An OBX of type ED: its data, type subtype (ED-3) and encoding (ED-4) as sent. */
    private static Part edPart(OBX obx, String subId) {
        Part part = new Part(true, subId);
        for (Varies v : obx.getObservationValue()) {
            if (v.getData() instanceof ED value) {
                part.data.append(nz(value.getData().getValue()));
                part.subtype = part.subtype != null ? part.subtype : value.getDataSubtype().getValue();
                part.typeOfData = part.typeOfData != null ? part.typeOfData : value.getTypeOfData().getValue();
                String encoding = value.getEncoding().getValue();
                part.encoding = part.encoding != null ? part.encoding : (encoding == null || encoding.isBlank() ? null : encoding.trim());
            }
        }
        return part;
    }

    /**
     * Appends a text OBX to the encoded document before it when it continues that document: same OBX-4 sub-id, and
     * its value is nothing but more of the encoding (senders split large documents that way); false otherwise. Text
     * documents (ED-4 "A") are never continued.
     */
    private static boolean appendIfContinued(Part lastBinary, String subId, String values) {
        if (lastBinary == null || !lastBinary.subId.equals(subId) || "A".equalsIgnoreCase(lastBinary.encoding)) {
            return false;
        }
        String stripped = stripLineEscapes(values).replaceAll("\\s", "");
        if (stripped.isEmpty() || !BASE64_ONLY.matcher(stripped).matches()) {
            return false;
        }
        lastBinary.data.append(stripped);
        return true;
    }

    /** An OBX's values (OBX-5 repetitions) for people, joined with {@code separator}. */
    private static String values(OBX obx, String separator) {
        StringBuilder values = new StringBuilder();
        for (Varies v : obx.getObservationValue()) {
            values.append(values.length() > 0 ? separator : "").append(display(v));
        }
        return values.toString();
    }

    /**
     * The bytes of an ED document, decoded as its ED-4 says (HL7 table 0299): Base64, Hex, or A (the data is the
     * text itself); an empty ED-4 is read as Base64, which is what senders that omit it send. Anything else is
     * refused: decoding it as Base64 would file garbage (hexadecimal digits are valid Base64 characters).
     */
    private static byte[] decode(Part part, int k) {
        String encoding = part.encoding == null ? "BASE64" : part.encoding.toUpperCase(java.util.Locale.ROOT);
        // escaped line breaks (\X0D\\X0A\, \.br\) and whitespace are line wrapping, not data
        String wrapped = part.data.toString();
        switch (encoding) {
            case "BASE64" -> {
                try {
                    // strict: a MIME decoder would skip stray characters and file garbage instead of rejecting it
                    return Base64.getDecoder().decode(stripLineEscapes(wrapped).replaceAll("\\s", ""));
                } catch (IllegalArgumentException e) {
                    throw new Hl7RejectedException("OBX-5 (ED) data of document " + (k + 1) + " is not valid base64");
                }
            }
            case "HEX" -> {
                String hex = stripLineEscapes(wrapped).replaceAll("\\s", "");
                if (!HEX_ONLY.matcher(hex).matches()) {
                    throw new Hl7RejectedException("OBX-5 (ED) data of document " + (k + 1) + " is declared Hex (ED-4) but is not an even run of hexadecimal digits");
                }
                return java.util.HexFormat.of().parseHex(hex);
            }
            case "A" -> {
                return formatted(wrapped).getBytes(StandardCharsets.UTF_8);
            }
            default -> throw new Hl7RejectedException("OBX-5 (ED) of document " + (k + 1) + " has encoding (ED-4) '" + part.encoding
                    + "'; HL7 table 0299 allows Base64, Hex and A");
        }
    }

    /**
     * MDM^T02: every OBX of type ED starts a document of its own (several ED = several records); a TX OBX
     * right after an ED with the same OBX-4 sub-id whose value is base64 continues that document (senders
     * split large documents that way) and is assembled; other text OBX form one text document with their
     * NTE comments, escapes decoded.
     */
    private List<IncomingDocument> fromMdm(String route, MDM_T02 mdm, Instant receivedAt) throws HL7Exception {
        MSH msh = mdm.getMSH();
        PID pid = mdm.getPID();
        TXA txa = mdm.getTXA();
        List<Part> parts = new ArrayList<>();
        Part text = null;
        Part lastBinary = null;
        for (int i = 0; i < mdm.getOBXNTEReps(); i++) {
            OBX obx = mdm.getOBXNTE(i).getOBX();
            String subId = nz(obx.getObservationSubID().getValue()).trim();
            boolean ed = "ED".equalsIgnoreCase(nz(obx.getValueType().getValue()).trim());
            if (ed) {
                lastBinary = edPart(obx, subId);
                parts.add(lastBinary);
            } else {
                String values = values(obx, "\n");
                if (!appendIfContinued(lastBinary, subId, values)) {
                    lastBinary = null;
                    if (text == null) {
                        text = new Part(false, subId);
                        parts.add(text);
                    }
                    text.data.append(values).append('\n');
                }
            }
            var group = mdm.getOBXNTE(i);
            for (int n = 0; n < group.getNTEReps(); n++) {
                String note = comments(group.getNTE(n));
                if (!note.isEmpty()) {
                    if (text == null) {
                        text = new Part(false, subId);
                        parts.add(text);
                    }
                    text.data.append("Note: ").append(note).append('\n');
                }
            }
        }
        if (parts.isEmpty()) {
            throw new Hl7RejectedException("MDM^T02 carries no document: OBX-5 is empty");
        }
        String docType = txa.getDocumentType().getValue();
        String category = CATEGORY_BY_DOCUMENT_TYPE.getOrDefault(docType == null ? "" : docType.trim().toUpperCase(java.util.Locale.ROOT), "other");
        String docNumber = txa.getUniqueDocumentNumber().getEntityIdentifier().getValue();
        String controlId = msh.getMessageControlID().getValue();
        LocalDate serviceDate = date(txa.getActivityDateTime());
        List<IncomingDocument> docs = new ArrayList<>();
        for (int k = 0; k < parts.size(); k++) {
            Part part = parts.get(k);
            byte[] content;
            String mime;
            if (part.binary) {
                content = decode(part, k);
                mime = mediaType(part, content);
            } else {
                content = part.data.toString().getBytes(StandardCharsets.UTF_8);
                mime = "text/plain";
            }
            if (content.length == 0) {
                throw new Hl7RejectedException("MDM^T02 document " + (k + 1) + " in OBX-5 is empty");
            }
            String base = docNumber != null ? docNumber : controlId;
            String name = (parts.size() > 1 ? base + "-" + (k + 1) : base) + extension(mime);
            docs.add(new IncomingDocument(route, controlId, receivedAt, pid.getPatientAccountNumber().getIDNumber().getValue(),
                    family(pid), given(pid), date(pid.getDateTimeOfBirth()), category, Set.of(), serviceDate, serviceDate,
                    msh.getSendingFacility().getNamespaceID().getValue(), null, safe(name), mime, content, identifiers(pid)));
        }
        return docs;
    }

    /**
     * ORU^R01, per patient (PATIENT_RESULT group): a plain-text report of the results with NTE comments and
     * decoded escapes, and every OBX of type ED (a PDF or image report embedded by a lab or imaging centre) as a
     * document of its own, its bytes as sent, continued by base64 TX OBX as in MDM. An ED is never rendered into
     * the text report (that filed the base64 as text). A patient whose results are only embedded documents gets
     * no text report.
     */
    private List<IncomingDocument> fromOru(String route, ORU_R01 oru, Instant receivedAt) throws HL7Exception {
        MSH msh = oru.getMSH();
        String controlId = msh.getMessageControlID().getValue();
        int patients = oru.getPATIENT_RESULTReps();
        List<IncomingDocument> docs = new ArrayList<>();
        for (int p = 0; p < patients; p++) {
            var result = oru.getPATIENT_RESULT(p);
            PID pid = result.getPATIENT().getPID();
            if (result.getORDER_OBSERVATIONReps() == 0) {
                throw new Hl7RejectedException("ORU^R01 patient " + (p + 1) + " has no OBR/OBX results");
            }
            StringBuilder report = new StringBuilder();
            report.append("Results report ").append(controlId).append(" from ")
                    .append(nz(msh.getSendingFacility().getNamespaceID().getValue())).append('\n');
            boolean textResults = false;
            for (int n = 0; n < result.getPATIENT().getNTEReps(); n++) {
                report.append("Note: ").append(comments(result.getPATIENT().getNTE(n))).append('\n');
                textResults = true;
            }
            List<Part> embedded = new ArrayList<>();
            LocalDate observed = null;
            for (int o = 0; o < result.getORDER_OBSERVATIONReps(); o++) {
                var order = result.getORDER_OBSERVATION(o);
                OBR obr = order.getOBR();
                observed = observed != null ? observed : date(obr.getObservationDateTime());
                report.append('\n').append(value(obr.getUniversalServiceIdentifier().getText().getValue(),
                        obr.getUniversalServiceIdentifier().getIdentifier().getValue())).append('\n');
                for (int n = 0; n < order.getNTEReps(); n++) {
                    report.append("  Note: ").append(comments(order.getNTE(n))).append('\n');
                    textResults = true;
                }
                Part lastBinary = null;
                for (int i = 0; i < order.getOBSERVATIONReps(); i++) {
                    OBX obx = order.getOBSERVATION(i).getOBX();
                    String subId = nz(obx.getObservationSubID().getValue()).trim();
                    String label = value(obx.getObservationIdentifier().getText().getValue(), obx.getObservationIdentifier().getIdentifier().getValue());
                    if ("ED".equalsIgnoreCase(nz(obx.getValueType().getValue()).trim())) {
                        lastBinary = edPart(obx, subId);
                        embedded.add(lastBinary);
                        report.append("  ").append(label).append(": embedded document ").append(embedded.size()).append(", filed with this report\n");
                    } else {
                        String values = values(obx, ", ");
                        if (!appendIfContinued(lastBinary, subId, values)) {
                            lastBinary = null;
                            textResults = true;
                            report.append("  ").append(label)
                                    .append(": ").append(values).append(' ').append(nz(obx.getUnits().getIdentifier().getValue()))
                                    .append(obx.getReferencesRange().getValue() == null ? "" : "  (ref " + obx.getReferencesRange().getValue() + ")")
                                    .append(obx.getAbnormalFlags().length > 0 && obx.getAbnormalFlags(0).getValue() != null ? "  [" + obx.getAbnormalFlags(0).getValue() + "]" : "")
                                    .append('\n');
                        }
                    }
                    // comments on any OBX, a continuation of an embedded document included, stay in the report
                    var observation = order.getOBSERVATION(i);
                    for (int n = 0; n < observation.getNTEReps(); n++) {
                        report.append("    Note: ").append(comments(observation.getNTE(n))).append('\n');
                        textResults = true;
                    }
                }
            }
            String base = patients > 1 ? "ORU-" + controlId + "-" + (p + 1) : "ORU-" + controlId;
            if (textResults || embedded.isEmpty()) {
                docs.add(oruDocument(route, msh, controlId, receivedAt, pid, observed, base + ".txt", "text/plain",
                        report.toString().getBytes(StandardCharsets.UTF_8)));
            }
            for (int k = 0; k < embedded.size(); k++) {
                Part part = embedded.get(k);
                byte[] content = decode(part, k);
                if (content.length == 0) {
                    throw new Hl7RejectedException("ORU^R01 embedded document " + (k + 1) + " of patient " + (p + 1) + " in OBX-5 is empty");
                }
                String mime = mediaType(part, content);
                String name = (embedded.size() > 1 ? base + "-document-" + (k + 1) : base) + extension(mime);
                docs.add(oruDocument(route, msh, controlId, receivedAt, pid, observed, name, mime, content));
            }
        }
        if (docs.isEmpty()) {
            throw new Hl7RejectedException("ORU^R01 has no patient results");
        }
        return docs;
    }

    private static IncomingDocument oruDocument(String route, MSH msh, String controlId, Instant receivedAt, PID pid, LocalDate observed,
                                                String name, String mime, byte[] content) throws HL7Exception {
        return new IncomingDocument(route, controlId, receivedAt, pid.getPatientAccountNumber().getIDNumber().getValue(),
                family(pid), given(pid), date(pid.getDateTimeOfBirth()), "laboratory", Set.of(), observed, observed,
                msh.getSendingFacility().getNamespaceID().getValue(), null, safe(name), mime, content, identifiers(pid));
    }

    private static String comments(ca.uhn.hl7v2.model.v25.segment.NTE nte) {
        StringBuilder sb = new StringBuilder();
        for (var c : nte.getComment()) {
            sb.append(sb.length() > 0 ? "\n" : "").append(formatted(c.getValue()));
        }
        return sb.toString();
    }

    /**
     * A field value for people. HAPI's parser has already decoded the delimiter escapes (\F\ \S\ \T\ \R\ \E\);
     * composites are shown component by component, never re-encoded with escapes.
     */
    static String display(ca.uhn.hl7v2.model.Type type) {
        if (type instanceof Varies v) {
            return display(v.getData());
        }
        if (type instanceof ca.uhn.hl7v2.model.Primitive p) {
            return formatted(p.getValue());
        }
        if (type instanceof ca.uhn.hl7v2.model.Composite c) {
            StringBuilder sb = new StringBuilder();
            for (ca.uhn.hl7v2.model.Type component : c.getComponents()) {
                String d = display(component);
                if (!d.isEmpty()) {
                    sb.append(sb.length() > 0 ? " " : "").append(d);
                }
            }
            return sb.toString();
        }
        return "";
    }

    private static final java.util.regex.Pattern HEX = java.util.regex.Pattern.compile("\\\\X([0-9A-Fa-f]{2,})\\\\");
    private static final java.util.regex.Pattern FORMATTING = java.util.regex.Pattern.compile("\\\\(\\.(br|sp\\d*)|\\.(in|ti|ce|sk|fi|nf)[^\\\\]*|H|N)\\\\");

    /** Decodes the formatting escapes HAPI leaves in place: \.br\ and \.sp\ as line breaks, \Xhh..\ as characters, the rest dropped. */
    static String formatted(String value) {
        if (value == null || value.indexOf('\\') < 0) {
            return value == null ? "" : value;
        }
        java.util.regex.Matcher hex = HEX.matcher(value);
        StringBuilder out = new StringBuilder();
        while (hex.find()) {
            String h = hex.group(1);
            byte[] b = new byte[h.length() / 2];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
            }
            hex.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(new String(b, StandardCharsets.ISO_8859_1)));
        }
        hex.appendTail(out);
        java.util.regex.Matcher f = FORMATTING.matcher(out.toString());
        StringBuilder result = new StringBuilder();
        while (f.find()) {
            String g = f.group(1);
            f.appendReplacement(result, g.startsWith(".br") || g.startsWith(".sp") ? "\n" : "");
        }
        f.appendTail(result);
        return result.toString().replace("\r\n", "\n").replace('\r', '\n');
    }

    /** Escaped line breaks a sender put into wrapped base64 (\X0D\, \X0A\, \X0D0A\, \.br\). */
    static String stripLineEscapes(String base64) {
        return base64.replaceAll("\\\\(X0D0A|X0D|X0A|\\.br)\\\\", "");
    }

    /** PID-3 repetitions: system = CX-4 assigning authority (namespace id, else universal id), value = CX-1. */
    static List<IncomingDocument.PatientIdentifier> identifiers(PID pid) {
        List<IncomingDocument.PatientIdentifier> ids = new ArrayList<>();
        for (var cx : pid.getPatientIdentifierList()) {
            String value = cx.getIDNumber().getValue();
            String system = cx.getAssigningAuthority().getNamespaceID().getValue();
            if (system == null || system.isBlank()) {
                system = cx.getAssigningAuthority().getUniversalID().getValue();
            }
            if (value != null && !value.isBlank() && system != null && !system.isBlank()) {
                ids.add(new IncomingDocument.PatientIdentifier(system.trim(), value.trim()));
            }
        }
        return ids;
    }

    private static String family(PID pid) {
        XPN name = pid.getPatientName(0);
        return name.getFamilyName().getSurname().getValue();
    }

    private static String given(PID pid) {
        return pid.getPatientName(0).getGivenName().getValue();
    }

    static LocalDate date(TS ts) {
        String v = ts == null || ts.getTime() == null ? null : ts.getTime().getValue();
        if (v == null || v.length() < 8) {
            return null;
        }
        try {
            return LocalDate.of(Integer.parseInt(v.substring(0, 4)), Integer.parseInt(v.substring(4, 6)), Integer.parseInt(v.substring(6, 8)));
        } catch (RuntimeException e) {
            throw new Hl7RejectedException("a date is not in HL7 DTM format (YYYYMMDD...)");
        }
    }

    /**
     * The document's media type for its name: ED-3 (subtype), else ED-2 when a sender put the format there, else the
     * bytes' own signature (PDF, PNG, JPEG, TIFF). The stored content type is sniffed again from the bytes at filing.
     */
    private static String mediaType(Part part, byte[] content) {
        String declared = mimeFor(part.subtype);
        if (!"application/octet-stream".equals(declared)) {
            return declared;
        }
        declared = mimeFor(part.typeOfData);
        if (!"application/octet-stream".equals(declared)) {
            return declared;
        }
        if (startsWith(content, 0x25, 0x50, 0x44, 0x46, 0x2D)) {
            return "application/pdf";
        }
        if (startsWith(content, 0x89, 0x50, 0x4E, 0x47)) {
            return "image/png";
        }
        if (startsWith(content, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (startsWith(content, 0x49, 0x49, 0x2A, 0x00) || startsWith(content, 0x4D, 0x4D, 0x00, 0x2A)) {
            return "image/tiff";
        }
        return declared;
    }

    private static boolean startsWith(byte[] content, int... signature) {
        if (content.length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((content[i] & 0xFF) != signature[i]) {
                return false;
            }
        }
        return true;
    }

    private static String mimeFor(String subtype) {
        if (subtype == null) {
            return "application/octet-stream";
        }
        return switch (subtype.trim().toUpperCase(java.util.Locale.ROOT)) {
            case "PDF" -> "application/pdf";
            case "RTF" -> "application/rtf";
            case "JPEG", "JPG" -> "image/jpeg";
            case "PNG" -> "image/png";
            case "TIFF", "TIF" -> "image/tiff";
            case "HTML" -> "text/html";
            case "TEXT", "PLAIN" -> "text/plain";
            case "XML" -> "application/xml";
            default -> "application/octet-stream";
        };
    }

    private static String extension(String mime) {
        return switch (mime) {
            case "application/pdf" -> ".pdf";
            case "text/plain" -> ".txt";
            case "image/jpeg" -> ".jpg";
            case "image/png" -> ".png";
            case "image/tiff" -> ".tif";
            case "application/rtf" -> ".rtf";
            default -> ".bin";
        };
    }

    private static String value(String text, String id) {
        return text != null ? text : nz(id);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String safe(String name) {
        return name.replaceAll("[\\\\/:*?\"<>|]", "_");
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
