package com.medcase.importing.fhir;

import com.medcase.importing.pipeline.ImportMetrics;
import com.medcase.importing.pipeline.ImportOutcome;
import com.medcase.importing.pipeline.JdbcImportState;
import com.medcase.model.MedCaseModel;
import com.medcase.repository.StoredRecord;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.DocumentReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static com.medcase.importing.fhir.FhirSamples.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Posted FHIR payloads through the real pipeline into the repository port, state and dead letters in H2. */
class FhirImportServiceTest {

    @TempDir
    Path dbDir;
    ImportFixture f;

    @BeforeEach
    void setUp() {
        f = new ImportFixture(dbDir, ImportFixture.repositoryWithCase());
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void aDocumentReferenceIsFiledIntoTheClaimsCaseWithProvenanceAndSensitivityAndOnceOnly() {
        byte[] payload = FhirSamples.resource("document-reference-inline.json");

        List<ImportOutcome> first = f.service.importJson(payload, "test-client");
        List<ImportOutcome> again = f.service.importJson(payload, "test-client");

        assertThat(first).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(ImportOutcome.Kind.FILED);
            assertThat(o.caseNumber()).isEqualTo("CLM-100");
        });
        assertThat(again).singleElement().extracting(ImportOutcome::kind).isEqualTo(ImportOutcome.Kind.DUPLICATE);
        StoredRecord rec = f.repository.getRecord(first.get(0).recordId());
        assertThat(rec.name()).isEqualTo("discharge-2026-10.pdf");
        assertThat(rec.properties()).containsEntry(MedCaseModel.PROP_RECORD_CATEGORY, "dischargeSummary")
                .containsEntry(MedCaseModel.PROP_SOURCE_PROVIDER_NPI, "1234567893");
        assertThat(f.repository.aspect(rec.id(), MedCaseModel.ASPECT_IMPORT_PROVENANCE))
                .containsEntry(MedCaseModel.PROP_IMPORT_ROUTE, "fhir")
                .containsEntry(MedCaseModel.PROP_IMPORT_MESSAGE_ID, "DocumentReference/dr-1/_history/3");
        assertThat(f.repository.aspect(rec.id(), MedCaseModel.ASPECT_SENSITIVE).get(MedCaseModel.PROP_SENSITIVITY_LABELS))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).containsExactlyInAnyOrder("psychotherapy", "substanceUse");
        assertThat(f.count(ImportMetrics.Outcome.RECEIVED)).isEqualTo(2);
        assertThat(f.count(ImportMetrics.Outcome.FILED)).isEqualTo(1);
        assertThat(f.count(ImportMetrics.Outcome.DUPLICATE)).isEqualTo(1);
    }

    @Test
    void withoutAClaimNumberTheClaimantsNameAndBirthDateMatchAndWithNeitherTheDocumentWaitsForReview() {
        DocumentReference byName = FhirSamples.inline("dr-name", FhirSamples.pdf("by-name"));
        byName.getContext().getRelated().clear();
        DocumentReference nobody = FhirSamples.inline("dr-nobody", FhirSamples.pdf("nobody"));
        nobody.getContext().getRelated().clear();
        nobody.getContained().clear();
        nobody.setSubject(null);

        assertThat(f.service.importJson(json(byName), "t")).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(ImportOutcome.Kind.FILED);
            assertThat(o.caseNumber()).isEqualTo("CLM-100");
        });
        assertThat(f.service.importJson(json(nobody), "t")).singleElement().extracting(ImportOutcome::kind)
                .isEqualTo(ImportOutcome.Kind.QUEUED_FOR_REVIEW);
    }

    @Test
    void malformedJsonIsDeadLetteredWithItsOriginalBytesAndTheCallerToldWhy() {
        byte[] garbage = "{\"resourceType\":\"DocumentReference\",\"id\":".getBytes(StandardCharsets.UTF_8);

        FhirImportException e = catchThrowableOfType(FhirImportException.class, () -> f.service.importJson(garbage, "10.0.0.7"));

        assertThat(e.reason()).isEqualTo(FhirImportException.Reason.MALFORMED);
        assertThat(e.reason().httpStatus()).isEqualTo(400);
        assertThat(e.deadLetterId()).startsWith("DL-");
        assertThat(e).hasMessageContaining("not valid FHIR R4 JSON").hasMessageContaining(e.deadLetterId());
        JdbcImportState.DeadLetter dl = f.state.deadLetter(e.deadLetterId()).orElseThrow();
        assertThat(dl.route()).isEqualTo("fhir");
        assertThat(dl.source()).isEqualTo("10.0.0.7");
        assertThat(dl.original()).isEqualTo(garbage);
        assertThat(dl.contentType()).isEqualTo("application/fhir+json");
        assertThat(dl.error()).startsWith("MALFORMED: not valid FHIR R4 JSON");
        assertThat(f.deadLetterAudits).containsExactly("fhir " + e.deadLetterId());
        assertThat(f.count(ImportMetrics.Outcome.REJECTED)).isEqualTo(1);
        assertThat(f.count(ImportMetrics.Outcome.DEAD_LETTERED)).isEqualTo(1);
        assertThat(f.repository.recordCount()).isZero();
    }

    @Test
    void anInvalidBundleIsImportedNotHalfButNotAtAllAndCanBeReprocessedOnceFixed() {
        DocumentReference good = FhirSamples.inline("dr-good", FhirSamples.pdf("good"));
        DocumentReference bad = FhirSamples.base("dr-7");
        bad.addContent().setAttachment(new Attachment().setContentType("application/pdf"));
        org.hl7.fhir.r4.model.Bundle bundle = new org.hl7.fhir.r4.model.Bundle().setType(org.hl7.fhir.r4.model.Bundle.BundleType.COLLECTION);
        bundle.addEntry().setResource(good);
        bundle.addEntry().setResource(bad);
        byte[] original = json(bundle);

        FhirImportException e = catchThrowableOfType(FhirImportException.class, () -> f.service.importJson(original, "t"));

        assertThat(e.reason().httpStatus()).isEqualTo(422);
        assertThat(e).hasMessageContaining("DocumentReference dr-7: content[0].attachment has neither data nor url");
        assertThat(f.repository.recordCount()).isZero();
        assertThat(f.state.deadLetter(e.deadLetterId()).orElseThrow().original()).isEqualTo(original);
        // reprocessing the same bytes fails the same way, and is not dead-lettered a second time
        assertThatThrownBy(() -> f.service.reprocess(original)).isInstanceOf(FhirImportException.class);
        assertThat(f.state.deadLetters("NEW", 10)).hasSize(1);
        // a corrected payload reprocesses
        bad.getContentFirstRep().getAttachment().setData(FhirSamples.pdf("fixed"));
        assertThat(f.service.reprocess(json(bundle))).isEqualTo("2 document(s): {FILED=2}");
        assertThat(f.repository.recordCount()).isEqualTo(2);
    }

    @Test
    void aRepositoryOutageAfterRetriesIsDeadLetteredAsImportFailed() {
        f.repository.transientFailures.set(5);

        FhirImportException e = catchThrowableOfType(FhirImportException.class,
                () -> f.service.importJson(json(FhirSamples.inline("dr-outage", FhirSamples.pdf("outage"))), "t"));

        assertThat(e.reason()).isEqualTo(FhirImportException.Reason.IMPORT_FAILED);
        assertThat(e.reason().httpStatus()).isEqualTo(503);
        assertThat(e.deadLetterId()).isNotNull();
        assertThat(f.count(ImportMetrics.Outcome.DEAD_LETTERED)).isEqualTo(1);
        assertThat(f.count(ImportMetrics.Outcome.REJECTED)).isZero();
        f.repository.transientFailures.set(0);
        assertThat(f.service.reprocess(f.state.deadLetter(e.deadLetterId()).orElseThrow().original())).isEqualTo("1 document(s): {FILED=1}");
    }
}
