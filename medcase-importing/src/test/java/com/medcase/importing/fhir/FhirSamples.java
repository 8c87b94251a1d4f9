package com.medcase.importing.fhir;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;

/** FHIR test payloads: files under src/test/resources/fhir and DocumentReferences built with HAPI's model. */
final class FhirSamples {

    static final String CLAIM = "CLM-100";
    static final FhirContext FHIR = FhirContext.forR4Cached();

    private FhirSamples() {
    }

    static byte[] resource(String name) {
        try (InputStream in = FhirSamples.class.getResourceAsStream("/fhir/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource fhir/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] pdf(String marker) {
        return ("%PDF-1.4\n% " + marker + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A DocumentReference for Jane Doe (contained Patient) on claim CLM-100 with the content inline. */
    static DocumentReference inline(String id, byte[] content) {
        DocumentReference dr = base(id);
        dr.addContent().setAttachment(new Attachment().setContentType("application/pdf").setData(content));
        return dr;
    }

    /** The same with the content given by URL. */
    static DocumentReference byUrl(String id, String url, String contentType) {
        DocumentReference dr = base(id);
        Attachment a = new Attachment().setUrl(url);
        if (contentType != null) {
            a.setContentType(contentType);
        }
        dr.addContent().setAttachment(a);
        return dr;
    }

    static DocumentReference base(String id) {
        DocumentReference dr = new DocumentReference();
        dr.setId(id);
        dr.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
        Patient p = new Patient();
        p.setId("p1");
        p.addName().setFamily("Doe").addGiven("Jane");
        p.getBirthDateElement().setValueAsString("1980-04-02");
        dr.addContained(p);
        dr.setSubject(new Reference("#p1"));
        dr.getType().addCoding().setSystem("http://loinc.org").setCode("11506-3");
        dr.getContext().addRelated().setIdentifier(new Identifier().setSystem(FhirDocumentParser.CLAIM_NUMBER_SYSTEM).setValue(CLAIM));
        return dr;
    }

    static DocumentReference lastUpdated(DocumentReference dr, Date when) {
        dr.getMeta().setLastUpdated(when);
        return dr;
    }

    static byte[] json(org.hl7.fhir.r4.model.Resource r) {
        return FHIR.newJsonParser().encodeResourceToString(r).getBytes(StandardCharsets.UTF_8);
    }
}
