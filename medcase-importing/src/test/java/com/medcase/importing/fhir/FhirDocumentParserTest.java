package com.medcase.importing.fhir;

import com.medcase.importing.pipeline.IncomingDocument;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;

import static com.medcase.importing.fhir.FhirSamples.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FhirDocumentParserTest {

    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static LoopbackHttp http;
    final FhirDocumentParser parser = new FhirDocumentParser(LoopbackHttp.loopbackFetcher(Duration.ofSeconds(5), 1024));

    @BeforeAll
    static void startHttp() throws Exception {
        http = new LoopbackHttp();
    }

    @AfterAll
    static void stopHttp() {
        http.close();
    }

    @Nested
    class DocumentReferences {

        @Test
        void inlineContentWithContainedPatientClaimLabelsPeriodAndProviderIsMappedField_byField() {
            List<IncomingDocument> docs = parser.parse(FhirSamples.resource("document-reference-inline.json"), NOW);

            assertThat(docs).hasSize(1);
            IncomingDocument d = docs.get(0);
            assertThat(d.route()).isEqualTo("fhir");
            assertThat(d.messageId()).isEqualTo("DocumentReference/dr-1/_history/3");
            assertThat(d.receivedAt()).isEqualTo(NOW);
            assertThat(d.claimNumber()).isEqualTo("CLM-100");
            assertThat(d.claimantFamilyName()).isEqualTo("Doe");
            assertThat(d.claimantGivenName()).isEqualTo("Jane");
            assertThat(d.claimantDateOfBirth()).isEqualTo(LocalDate.of(1980, 4, 2));
            assertThat(d.category()).isEqualTo("dischargeSummary");
            assertThat(d.sensitivityLabels()).containsExactlyInAnyOrder("psychotherapy", "substanceUse");
            assertThat(d.serviceFrom()).isEqualTo(LocalDate.of(2026, 10, 20));
            assertThat(d.serviceTo()).isEqualTo(LocalDate.of(2026, 10, 24));
            assertThat(d.providerName()).isEqualTo("St. Example Hospital");
            assertThat(d.providerNpi()).isEqualTo("1234567893");
            assertThat(d.fileName()).isEqualTo("discharge-2026-10.pdf");
            assertThat(d.mimeType()).isEqualTo("application/pdf");
            assertThat(new String(d.content(), StandardCharsets.US_ASCII)).startsWith("%PDF-1.4").contains("discharge summary");
        }

        @Test
        void contentByUrlIsFetchedOverHttpAndTheServersContentTypeUsedWhenTheAttachmentHasNone() {
            byte[] pdf = FhirSamples.pdf("by-url");
            String url = http.serve("/docs/by-url.pdf", "application/pdf; charset=binary", pdf);

            IncomingDocument d = parser.parse(json(FhirSamples.byUrl("dr-url", url, null)), NOW).get(0);

            assertThat(d.content()).isEqualTo(pdf);
            assertThat(d.mimeType()).isEqualTo("application/pdf");
            assertThat(d.fileName()).isEqualTo("dr-url.pdf");
            assertThat(d.messageId()).isEqualTo("DocumentReference/dr-url");
        }

        @Test
        void claimNumberFromIdentifierAndProviderFromAuthorOrganizationInABundle() {
            DocumentReference dr = FhirSamples.inline("dr-2", FhirSamples.pdf("x"));
            dr.getContext().getRelated().clear();
            dr.addIdentifier(new Identifier().setSystem(FhirDocumentParser.CLAIM_NUMBER_SYSTEM).setValue(" CLM-200 "));
            dr.addAuthor(new Reference("Organization/org-9"));
            Organization org = new Organization().setName("Lab Corp Example");
            org.setId("org-9");
            org.addIdentifier().setSystem(FhirDocumentParser.NPI_SYSTEM).setValue("1111111112");
            Bundle b = new Bundle().setType(Bundle.BundleType.COLLECTION);
            b.addEntry().setFullUrl("http://provider.example/fhir/DocumentReference/dr-2").setResource(dr);
            b.addEntry().setFullUrl("http://provider.example/fhir/Organization/org-9").setResource(org);

            IncomingDocument d = parser.parse(json(b), NOW).get(0);

            assertThat(d.claimNumber()).isEqualTo("CLM-200");
            assertThat(d.providerName()).isEqualTo("Lab Corp Example");
            assertThat(d.providerNpi()).isEqualTo("1111111112");
        }

        @Test
        void oneDocumentPerContentEntryAndEnteredInErrorIsSkipped() {
            DocumentReference two = FhirSamples.inline("dr-3", FhirSamples.pdf("a"));
            two.addContent().setAttachment(new Attachment().setContentType("text/plain").setData("b".getBytes()));
            DocumentReference withdrawn = FhirSamples.inline("dr-4", FhirSamples.pdf("withdrawn"));
            withdrawn.setStatus(org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus.ENTEREDINERROR);
            Bundle b = new Bundle().setType(Bundle.BundleType.SEARCHSET);
            b.addEntry().setResource(two);
            b.addEntry().setResource(withdrawn);

            List<IncomingDocument> docs = parser.parse(json(b), NOW);

            assertThat(docs).extracting(IncomingDocument::messageId)
                    .containsExactly("DocumentReference/dr-3#content[0]", "DocumentReference/dr-3#content[1]");
            assertThat(docs).extracting(IncomingDocument::fileName).containsExactly("dr-3-1.pdf", "dr-3-2.txt");
        }
    }

    /** Labs and imaging centres publish results as DiagnosticReport with the signed report in presentedForm (US Core DiagnosticReport). */
    @Nested
    class DiagnosticReports {

        private org.hl7.fhir.r4.model.DiagnosticReport report(String id, byte[] pdf) {
            var report = new org.hl7.fhir.r4.model.DiagnosticReport();
            report.setId(id);
            report.setStatus(org.hl7.fhir.r4.model.DiagnosticReport.DiagnosticReportStatus.FINAL);
            report.addCategory().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/v2-0074").setCode("RAD");
            report.getCode().addCoding().setSystem("http://loinc.org").setCode("36643-5").setDisplay("XR Chest 2 Views");
            report.addIdentifier(new Identifier().setSystem(FhirDocumentParser.CLAIM_NUMBER_SYSTEM).setValue("CLM-300"));
            report.setSubject(new Reference("Patient/pat-1"));
            report.setEffective(new org.hl7.fhir.r4.model.DateTimeType("2026-10-02T09:30:00Z"));
            report.addPresentedForm().setContentType("application/pdf").setData(pdf);
            return report;
        }

        @Test
        void thePresentedFormOfASearchsetReportIsTheDocumentWithItsPatientClaimAndSection() {
            byte[] pdf = FhirSamples.pdf("chest x-ray report");
            Patient patient = new Patient();
            patient.setId("pat-1");
            patient.addName().setFamily("Testperson").addGiven("Alpha");
            patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1970-01-02"));
            Bundle b = new Bundle().setType(Bundle.BundleType.SEARCHSET);
            b.addEntry().setFullUrl("http://imaging.example/fhir/DiagnosticReport/dx-1").setResource(report("dx-1", pdf))
                    .getSearch().setMode(Bundle.SearchEntryMode.MATCH);
            b.addEntry().setFullUrl("http://imaging.example/fhir/Patient/pat-1").setResource(patient)
                    .getSearch().setMode(Bundle.SearchEntryMode.INCLUDE);

            List<IncomingDocument> docs = parser.parse(json(b), NOW);

            assertThat(docs).hasSize(1);
            IncomingDocument d = docs.get(0);
            assertThat(d.content()).isEqualTo(pdf);
            assertThat(d.messageId()).isEqualTo("DiagnosticReport/dx-1");
            assertThat(d.fileName()).isEqualTo("dx-1.pdf");
            assertThat(d.claimNumber()).isEqualTo("CLM-300");
            assertThat(d.claimantFamilyName()).isEqualTo("Testperson");
            assertThat(d.category()).isEqualTo("radiologyReport");
            assertThat(d.serviceFrom()).isEqualTo(LocalDate.of(2026, 10, 2));
        }

        @Test
        void aReportWithoutPresentedFormIsRefusedByNameAndACancelledOneIsSkipped() {
            var observationsOnly = report("dx-2", FhirSamples.pdf("unused"));
            observationsOnly.getPresentedForm().clear();
            observationsOnly.addResult(new Reference("Observation/obs-1"));
            assertThatThrownBy(() -> parser.parse(json(observationsOnly), NOW))
                    .isInstanceOf(FhirImportException.class).hasMessageContaining("DiagnosticReport dx-2").hasMessageContaining("presentedForm");

            var cancelled = report("dx-3", FhirSamples.pdf("cancelled"));
            cancelled.setStatus(org.hl7.fhir.r4.model.DiagnosticReport.DiagnosticReportStatus.CANCELLED);
            Bundle b = new Bundle().setType(Bundle.BundleType.COLLECTION);
            b.addEntry().setResource(cancelled);
            b.addEntry().setResource(report("dx-4", FhirSamples.pdf("kept")));
            assertThat(parser.parse(json(b), NOW)).extracting(IncomingDocument::messageId).containsExactly("DiagnosticReport/dx-4");
        }
    }

    @Nested
    class DocumentBundles {

        /** A DiagnosticReport that is a section entry of a FHIR document (IPS, say) is part of that document, not a report of its own. */
        @Test
        void aDiagnosticReportInsideADocumentBundleLeavesTheDocumentWhole() {
            Bundle document = (Bundle) FhirSamples.FHIR.newJsonParser().parseResource(
                    new String(FhirSamples.resource("document-bundle.json"), StandardCharsets.UTF_8));
            var sectionEntry = new org.hl7.fhir.r4.model.DiagnosticReport();
            sectionEntry.setId("dx-in-document");
            sectionEntry.setStatus(org.hl7.fhir.r4.model.DiagnosticReport.DiagnosticReportStatus.FINAL);
            sectionEntry.getCode().setText("Haemoglobin A1c");
            document.addEntry().setFullUrl("urn:uuid:6b1b2c1e-1111-4a4a-9c9c-000000000001").setResource(sectionEntry);

            List<IncomingDocument> docs = parser.parse(json(document), NOW);

            assertThat(docs).singleElement().satisfies(d -> {
                assertThat(d.messageId()).isEqualTo("Bundle/doc-bundle-1/_history/1");
                assertThat(d.fileName()).isEqualTo("Operative report.txt");
            });
        }

        @Test
        void aDocumentBundleWithoutDocumentReferencesIsDescribedByItsCompositionAndCarriesItsBinary() {
            List<IncomingDocument> docs = parser.parse(FhirSamples.resource("document-bundle.json"), NOW);

            assertThat(docs).hasSize(1);
            IncomingDocument d = docs.get(0);
            assertThat(d.messageId()).isEqualTo("Bundle/doc-bundle-1/_history/1");
            assertThat(d.claimNumber()).isEqualTo("CLM-100");
            assertThat(d.claimantFamilyName()).isEqualTo("Doe");
            assertThat(d.claimantDateOfBirth()).isEqualTo(LocalDate.of(1980, 4, 2));
            assertThat(d.category()).isEqualTo("operativeReport");
            assertThat(d.serviceFrom()).isEqualTo(LocalDate.of(2026, 10, 30));
            assertThat(d.providerName()).isEqualTo("Example Surgical Center");
            assertThat(d.providerNpi()).isEqualTo("1679576722");
            assertThat(d.mimeType()).isEqualTo("text/plain");
            assertThat(d.fileName()).isEqualTo("Operative report.txt");
            assertThat(new String(d.content(), StandardCharsets.UTF_8)).startsWith("Operative report: laparoscopic");
        }

        @Test
        void aDocumentReferenceWhoseUrlNamesABinaryInTheBundleTakesThatBinaryAndThePatientEntry() {
            // in a Bundle of urn:uuid entries, references are those urn:uuid fullUrls
            Binary bin = new Binary().setContentType("application/pdf").setData(FhirSamples.pdf("binary"));
            bin.setId("b1");
            Patient pat = new Patient();
            pat.setId("pt-7");
            pat.addName().setFamily("Roe").addGiven("Richard");
            pat.getBirthDateElement().setValueAsString("1975-12-31");
            DocumentReference dr = FhirSamples.byUrl("dr-5", "urn:uuid:b1", null);
            dr.getContained().clear();
            dr.setSubject(new Reference("urn:uuid:pt-7"));
            Bundle b = new Bundle().setType(Bundle.BundleType.DOCUMENT);
            b.addEntry().setFullUrl("urn:uuid:dr-5").setResource(dr);
            b.addEntry().setFullUrl("urn:uuid:pt-7").setResource(pat);
            b.addEntry().setFullUrl("urn:uuid:b1").setResource(bin);

            IncomingDocument d = parser.parse(json(b), NOW).get(0);

            assertThat(d.content()).isEqualTo(FhirSamples.pdf("binary"));
            assertThat(d.mimeType()).isEqualTo("application/pdf");
            assertThat(d.claimantFamilyName()).isEqualTo("Roe");
            assertThat(d.claimantDateOfBirth()).isEqualTo(LocalDate.of(1975, 12, 31));
        }
    }

    @Nested
    class Vocabularies {

        @ParameterizedTest
        @CsvSource(textBlock = """
                11506-3, clinicalNotes
                34117-2, clinicalNotes
                18842-5, dischargeSummary
                11504-8, operativeReport
                18748-4, radiologyReport
                11502-2, laboratory
                11488-4, correspondence
                99999-9, other
                """)
        void loincDocumentTypeToCategory(String loinc, String category) {
            DocumentReference dr = FhirSamples.inline("dr-c", FhirSamples.pdf("c"));
            dr.getType().getCodingFirstRep().setCode(loinc);
            assertThat(parser.parse(json(dr), NOW).get(0).category()).isEqualTo(category);
        }

        @ParameterizedTest
        @CsvSource(textBlock = """
                PSY,  psychotherapy
                ETH,  substanceUse
                SUD,  substanceUse
                HIV,  hiv
                GDIS, genetic
                MH,   mentalHealth
                SDV,  reproductive
                SEX,  reproductive
                """)
        void actCodeSecurityLabelToSensitivity(String code, String label) {
            DocumentReference dr = FhirSamples.inline("dr-s", FhirSamples.pdf("s"));
            dr.addSecurityLabel().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/v3-ActCode").setCode(code);
            assertThat(parser.parse(json(dr), NOW).get(0).sensitivityLabels()).containsExactly(label);
        }

        @Test
        void aSensitivityCodeFromAnotherSystemIsNotTakenForAnActCode() {
            DocumentReference dr = FhirSamples.inline("dr-o", FhirSamples.pdf("o"));
            dr.addSecurityLabel().addCoding().setSystem("http://example.org/local-codes").setCode("HIV");
            assertThat(parser.parse(json(dr), NOW).get(0).sensitivityLabels()).isEmpty();
        }
    }

    @Nested
    class Errors {

        @Test
        void anAttachmentWithNeitherDataNorUrlIsNamedByResourceAndElement() {
            DocumentReference dr = FhirSamples.base("dr-7");
            dr.addContent().setAttachment(new Attachment().setContentType("application/pdf"));

            assertThatThrownBy(() -> parser.parse(json(dr), NOW)).isInstanceOfSatisfying(FhirImportException.class, e -> {
                assertThat(e.reason()).isEqualTo(FhirImportException.Reason.INVALID);
                assertThat(e).hasMessage("DocumentReference dr-7: content[0].attachment has neither data nor url");
            });
        }

        @Test
        void inABundleTheErrorNamesTheEntryToo() {
            DocumentReference dr = FhirSamples.base("dr-8");
            Bundle b = new Bundle().setType(Bundle.BundleType.TRANSACTION);
            b.setId("tx-1");
            b.addEntry().setResource(FhirSamples.inline("dr-ok", FhirSamples.pdf("ok")));
            b.addEntry().setResource(dr);

            assertThatThrownBy(() -> parser.parse(json(b), NOW)).hasMessage("Bundle tx-1 entry[1] DocumentReference dr-8: has no content[]");
        }

        @Test
        void malformedJsonIsMalformed() {
            assertThatThrownBy(() -> parser.parse("{\"resourceType\": \"DocumentReference\", ".getBytes(), NOW))
                    .isInstanceOfSatisfying(FhirImportException.class, e -> {
                        assertThat(e.reason()).isEqualTo(FhirImportException.Reason.MALFORMED);
                        assertThat(e).hasMessageStartingWith("not valid FHIR R4 JSON");
                    });
            assertThatThrownBy(() -> parser.parse(new byte[0], NOW)).hasMessageContaining("empty");
        }

        @Test
        void otherResourceTypesAndBundleTypesAreRefused() {
            Patient p = new Patient();
            p.setId("p9");
            assertThatThrownBy(() -> parser.parse(json(p), NOW)).hasMessage("expected a DocumentReference, a DiagnosticReport or a Bundle, got Patient p9");
            Bundle history = new Bundle().setType(Bundle.BundleType.HISTORY);
            history.setId("h1");
            assertThatThrownBy(() -> parser.parse(json(history), NOW))
                    .hasMessage("Bundle h1: type 'history' is not one of document, collection, searchset, transaction");
            Bundle empty = new Bundle().setType(Bundle.BundleType.COLLECTION);
            empty.setId("c1");
            assertThatThrownBy(() -> parser.parse(json(empty), NOW)).hasMessage("Bundle c1 (collection) holds no DocumentReference or DiagnosticReport");
        }

        @Test
        void aUrlThatIsNotHttpOrHttpsIsRefusedWithoutBeingOpened() {
            assertThatThrownBy(() -> parser.parse(json(FhirSamples.byUrl("dr-9", "file:///etc/passwd", null)), NOW))
                    .hasMessage("DocumentReference dr-9: content[0].attachment.url 'file:///etc/passwd' is not an http or https URL; "
                            + "send the content inline in attachment.data instead");
        }

        @Test
        void aRelativeUrlOutsideABundleAndAMissingDocumentAreNamed() {
            assertThatThrownBy(() -> parser.parse(json(FhirSamples.byUrl("dr-10", "Binary/nowhere", null)), NOW))
                    .hasMessageStartingWith("DocumentReference dr-10: content[0].attachment.url 'Binary/nowhere' is relative");
            String missing = http.url("/docs/missing.pdf");
            assertThatThrownBy(() -> parser.parse(json(FhirSamples.byUrl("dr-11", missing, null)), NOW))
                    .hasMessage("DocumentReference dr-11: content[0].attachment.url '" + missing + "' answered HTTP 404");
        }

        @Test
        void aFetchedAttachmentOverTheSizeLimitIsRefused() {
            String big = http.serve("/docs/big.pdf", "application/pdf", new byte[4096]);
            assertThatThrownBy(() -> parser.parse(json(FhirSamples.byUrl("dr-12", big, null)), NOW))
                    .isInstanceOfSatisfying(FhirImportException.class, e -> assertThat(e.getMessage())
                            .isEqualTo("DocumentReference dr-12: content[0].attachment.url '" + big + "' is larger than the limit of 1024 bytes"));
        }

        @Test
        void aHashThatDoesNotMatchTheContentIsRefused() {
            DocumentReference dr = FhirSamples.inline("dr-13", FhirSamples.pdf("hash"));
            dr.getContentFirstRep().getAttachment().setHash(new byte[20]);
            assertThatThrownBy(() -> parser.parse(json(dr), NOW))
                    .hasMessageStartingWith("DocumentReference dr-13: content[0].attachment.hash (SHA-1) does not match the content");
        }

        @Test
        void invalidBase64IsMalformed() {
            String text = new String(json(FhirSamples.inline("dr-14", FhirSamples.pdf("b64"))), StandardCharsets.UTF_8);
            String encoded = Base64.getEncoder().encodeToString(FhirSamples.pdf("b64"));
            byte[] broken = text.replace(encoded, "***not base64***").getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> parser.parse(broken, NOW)).isInstanceOfSatisfying(FhirImportException.class,
                    e -> assertThat(e.reason()).isEqualTo(FhirImportException.Reason.MALFORMED));
        }
    }
}
