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
import java.util.Base64;
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
    }

    public IncomingDocument extract(String route, byte[] bytes, java.nio.charset.Charset charset, Instant receivedAt) {
        Message message;
        try {
            PipeParser parser = hapi.getPipeParser();
            message = parser.parse(new String(bytes, charset));
        } catch (HL7Exception e) {
            throw new Hl7RejectedException("unparseable HL7: " + firstLine(e.getMessage()), e);
        }
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

    private IncomingDocument fromMdm(String route, MDM_T02 mdm, Instant receivedAt) throws HL7Exception {
        MSH msh = mdm.getMSH();
        PID pid = mdm.getPID();
        TXA txa = mdm.getTXA();
        StringBuilder base64 = new StringBuilder();
        String subtype = null;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < mdm.getOBXNTEReps(); i++) {
            OBX obx = mdm.getOBXNTE(i).getOBX();
            for (Varies v : obx.getObservationValue()) {
                Type data = v.getData();
                if (data instanceof ED ed) {
                    base64.append(ed.getData().getValue() == null ? "" : ed.getData().getValue());
                    subtype = subtype != null ? subtype : ed.getDataSubtype().getValue();
                } else if (data != null && data.encode() != null) {
                    text.append(data.encode()).append('\n');
                }
            }
        }
        byte[] content;
        String mime;
        if (base64.length() > 0) {
            try {
                // strict: a MIME decoder would skip stray characters and file garbage instead of rejecting it
                content = Base64.getDecoder().decode(base64.toString().replaceAll("\\s", ""));
            } catch (IllegalArgumentException e) {
                throw new Hl7RejectedException("OBX-5 (ED) data is not valid base64");
            }
            mime = mimeFor(subtype);
        } else if (text.length() > 0) {
            content = text.toString().getBytes(StandardCharsets.UTF_8);
            mime = "text/plain";
        } else {
            throw new Hl7RejectedException("MDM^T02 carries no document: OBX-5 is empty");
        }
        if (content.length == 0) {
            throw new Hl7RejectedException("MDM^T02 document in OBX-5 is empty");
        }
        String docType = txa.getDocumentType().getValue();
        String category = CATEGORY_BY_DOCUMENT_TYPE.getOrDefault(docType == null ? "" : docType.trim().toUpperCase(java.util.Locale.ROOT), "other");
        String docNumber = txa.getUniqueDocumentNumber().getEntityIdentifier().getValue();
        String controlId = msh.getMessageControlID().getValue();
        LocalDate serviceDate = date(txa.getActivityDateTime());
        String name = (docNumber != null ? docNumber : controlId) + extension(mime);
        return new IncomingDocument(route, controlId == null ? "(no MSH-10)" : controlId, receivedAt, pid.getPatientAccountNumber().getIDNumber().getValue(),
                family(pid), given(pid), date(pid.getDateTimeOfBirth()), category, Set.of(), serviceDate, serviceDate,
                msh.getSendingFacility().getNamespaceID().getValue(), null, safe(name), mime, content);
    }

    private IncomingDocument fromOru(String route, ORU_R01 oru, Instant receivedAt) throws HL7Exception {
        MSH msh = oru.getMSH();
        var result = oru.getPATIENT_RESULT(0);
        PID pid = result.getPATIENT().getPID();
        StringBuilder report = new StringBuilder();
        report.append("Results report ").append(msh.getMessageControlID().getValue()).append(" from ")
                .append(msh.getSendingFacility().getNamespaceID().getValue()).append('\n');
        LocalDate observed = null;
        for (int o = 0; o < result.getORDER_OBSERVATIONReps(); o++) {
            var order = result.getORDER_OBSERVATION(o);
            OBR obr = order.getOBR();
            observed = observed != null ? observed : date(obr.getObservationDateTime());
            report.append('\n').append(value(obr.getUniversalServiceIdentifier().getText().getValue(),
                    obr.getUniversalServiceIdentifier().getIdentifier().getValue())).append('\n');
            for (int i = 0; i < order.getOBSERVATIONReps(); i++) {
                OBX obx = order.getOBSERVATION(i).getOBX();
                StringBuilder values = new StringBuilder();
                for (Varies v : obx.getObservationValue()) {
                    values.append(values.length() > 0 ? ", " : "").append(v.getData() == null ? "" : v.getData().encode());
                }
                report.append("  ").append(value(obx.getObservationIdentifier().getText().getValue(), obx.getObservationIdentifier().getIdentifier().getValue()))
                        .append(": ").append(values).append(' ').append(nz(obx.getUnits().getIdentifier().getValue()))
                        .append(obx.getReferencesRange().getValue() == null ? "" : "  (ref " + obx.getReferencesRange().getValue() + ")")
                        .append(obx.getAbnormalFlags().length > 0 && obx.getAbnormalFlags(0).getValue() != null ? "  [" + obx.getAbnormalFlags(0).getValue() + "]" : "")
                        .append('\n');
            }
        }
        if (result.getORDER_OBSERVATIONReps() == 0) {
            throw new Hl7RejectedException("ORU^R01 has no OBR/OBX results");
        }
        String controlId = msh.getMessageControlID().getValue();
        return new IncomingDocument(route, controlId == null ? "(no MSH-10)" : controlId, receivedAt, pid.getPatientAccountNumber().getIDNumber().getValue(),
                family(pid), given(pid), date(pid.getDateTimeOfBirth()), "laboratory", Set.of(), observed, observed,
                msh.getSendingFacility().getNamespaceID().getValue(), null, safe("ORU-" + controlId + ".txt"), "text/plain",
                report.toString().getBytes(StandardCharsets.UTF_8));
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
