package com.medcase.repository.cmis;

import com.medcase.enforcement.EmbeddedRepositoryFixture;
import com.medcase.model.MedCaseModel;
import com.medcase.repository.CaseFolder;
import com.medcase.repository.NewCase;
import com.medcase.repository.NewRecord;
import com.medcase.repository.RepositoryCapability;
import com.medcase.repository.RepositoryException;
import com.medcase.repository.StoredRecord;
import com.medcase.repository.embedded.EmbeddedCmisServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The adapter's filing operations against the real embedded repository process, over HTTP. */
class CmisRecordRepositoryTest {

    static EmbeddedCmisServerProcess server;
    static CmisRecordRepository repo;

    @BeforeAll
    static void start() throws Exception {
        server = EmbeddedRepositoryFixture.start();
        repo = new CmisRecordRepository(server.serviceSettings("/MedCase"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static String text(String id) throws Exception {
        try (var in = repo.readContent(id)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void filesMovesVersionsAndReadsRecordsWithTheirModelProperties() throws Exception {
        repo.createClaimant("CL-A1", Map.of(MedCaseModel.PROP_CLAIMANT_GIVEN_NAME, "Lee", MedCaseModel.PROP_CLAIMANT_FAMILY_NAME, "Ortiz",
                MedCaseModel.PROP_DATE_OF_BIRTH, LocalDate.of(1990, 12, 31), MedCaseModel.PROP_MINOR, false));
        CaseFolder first = repo.createCase(new NewCase("CLM-A1", Map.of(MedCaseModel.PROP_CASE_TYPE, "workersCompensation",
                MedCaseModel.PROP_CASE_CLAIMANT_ID, "CL-A1", MedCaseModel.PROP_OPENED_DATE, LocalDate.of(2026, 2, 1))));
        CaseFolder second = repo.createCase(new NewCase("CLM-A2", Map.of(MedCaseModel.PROP_CASE_TYPE, "disability",
                MedCaseModel.PROP_CASE_CLAIMANT_ID, "CL-A1")));
        assertThat(first.properties()).containsEntry(MedCaseModel.PROP_CASE_STATUS, "open")
                .containsEntry(MedCaseModel.PROP_OPENED_DATE, LocalDate.of(2026, 2, 1));
        assertThatThrownBy(() -> repo.createCase(new NewCase("CLM-A1", Map.of(MedCaseModel.PROP_CASE_TYPE, "other"))))
                .isInstanceOf(RepositoryException.class).hasMessageContaining("already exists");

        Instant received = Instant.parse("2026-03-04T05:06:07Z");
        StoredRecord r = repo.fileRecord(first.id(), new NewRecord("mri.txt", "text/plain", "MRI v1".getBytes(StandardCharsets.UTF_8),
                Map.of(MedCaseModel.PROP_RECORD_CATEGORY, "imaging", MedCaseModel.PROP_PAGE_COUNT, 3,
                        MedCaseModel.PROP_SERVICE_DATE_FROM, LocalDate.of(2026, 1, 15)),
                Map.of(MedCaseModel.ASPECT_SENSITIVE, Map.of(MedCaseModel.PROP_SENSITIVITY_LABELS, List.of("genetic")),
                        MedCaseModel.ASPECT_IMPORT_PROVENANCE, Map.of(MedCaseModel.PROP_IMPORT_ROUTE, "test",
                                MedCaseModel.PROP_IMPORT_MESSAGE_ID, "M-1", MedCaseModel.PROP_IMPORT_RECEIVED_AT, received))));
        assertThat(r.aspects()).contains(MedCaseModel.ASPECT_SENSITIVE, MedCaseModel.ASPECT_IMPORT_PROVENANCE);
        assertThat(r.properties()).containsEntry(MedCaseModel.PROP_PAGE_COUNT, 3)
                .containsEntry(MedCaseModel.PROP_SERVICE_DATE_FROM, LocalDate.of(2026, 1, 15))
                .containsEntry(MedCaseModel.PROP_IMPORT_RECEIVED_AT, received)
                .containsEntry(MedCaseModel.PROP_SENSITIVITY_LABELS, List.of("genetic"));
        assertThat(repo.findRecordBySha256((String) r.properties().get(MedCaseModel.PROP_SHA256))).map(StoredRecord::id).contains(r.id());
        assertThat(repo.findCasesByClaimant("Ortiz", "Lee", LocalDate.of(1990, 12, 31))).extracting(CaseFolder::caseNumber)
                .containsExactlyInAnyOrder("CLM-A1", "CLM-A2");
        assertThat(repo.findCasesByClaimant("Ortiz", "Lee", LocalDate.of(1990, 12, 30))).isEmpty();

        StoredRecord same = repo.fileRecord(first.id(), new NewRecord("mri.txt", "text/plain", "other".getBytes(StandardCharsets.UTF_8),
                Map.of(MedCaseModel.PROP_RECORD_CATEGORY, "imaging"), Map.of()));
        assertThat(same.name()).isEqualTo("mri (2).txt");

        StoredRecord moved = repo.moveRecord(r.id(), second.id());
        assertThat(moved.caseFolderId()).isEqualTo(second.id());
        assertThat(repo.listRecords(second.id())).extracting(StoredRecord::id).containsExactly(r.id());

        // The embedded repository does not version (its new versions lose their aspects): the adapter says so.
        assertThat(repo.capabilities()).doesNotContain(RepositoryCapability.VERSIONING);
        assertThatThrownBy(() -> repo.newVersion(r.id(), "MRI v2".getBytes(StandardCharsets.UTF_8), "text/plain", "corrected"))
                .isInstanceOf(RepositoryException.class).hasMessageContaining("does not version");
        assertThat(text(r.id())).isEqualTo("MRI v1");

        repo.removeAspect(r.id(), MedCaseModel.ASPECT_SENSITIVE);
        StoredRecord after = repo.getRecord(r.id());
        assertThat(after.aspects()).doesNotContain(MedCaseModel.ASPECT_SENSITIVE);
        assertThat(after.properties()).doesNotContainKey(MedCaseModel.PROP_SENSITIVITY_LABELS);

        // Disposition "destroy content, keep metadata": the metadata stays, the content is gone.
        repo.destroyContent(r.id());
        assertThat(repo.getRecord(r.id()).properties()).containsEntry(MedCaseModel.PROP_RECORD_CATEGORY, "imaging");
        assertThatThrownBy(() -> repo.readContent(r.id())).isInstanceOf(RepositoryException.class).hasMessageContaining("no content");
    }
}
