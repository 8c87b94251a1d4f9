package com.medcase.importing.e2e;

import com.medcase.importing.hl7.Hl7DocumentExtractor;
import com.medcase.importing.hl7.Hl7MessageProcessor;
import com.medcase.importing.hl7.Hl7Samples;
import com.medcase.importing.hl7.MllpListener;
import com.medcase.importing.hl7.MllpTestClient;
import com.medcase.importing.pipeline.ImportMetrics;
import com.medcase.importing.pipeline.ImportPipeline;
import com.medcase.importing.pipeline.JdbcImportState;
import com.medcase.importing.pipeline.LoggingImportAudit;
import com.medcase.model.MedCaseModel;
import com.medcase.repository.CaseFolder;
import com.medcase.repository.NewCase;
import com.medcase.repository.StoredRecord;
import com.medcase.alfresco.embedded.EmbeddedAlfresco;
import com.medcase.alfresco.embedded.EmbeddedAlfrescoSettings;
import com.medcase.repository.alfresco.AlfrescoAuthorityDirectory;
import com.medcase.repository.alfresco.AlfrescoHttp;
import com.medcase.repository.alfresco.AlfrescoRecordRepository;
import com.medcase.repository.alfresco.AlfrescoSettings;
import com.medcase.store.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HL7 over a real MLLP socket into the embedded default repository through the production binding
 * (Alfresco REST API v1 over HTTP): the record lands in the case folder with its content, category and
 * import provenance, and a resend is a duplicate.
 */
class EmbeddedRepositoryEndToEndTest {

    @TempDir
    Path dbDir;

    @TempDir
    Path repositoryHome;

    @Test
    void mdmOverMllpIsFiledInTheEmbeddedRepository() throws Exception {
        char[] password = "e2e-service-secret".toCharArray();
        try (EmbeddedAlfresco server = EmbeddedAlfresco.start(new EmbeddedAlfrescoSettings(repositoryHome, null, null, null, 0, "svc", password));
             TestDatabase db = TestDatabase.h2(dbDir, "classpath:db/migration/importing")) {
            AlfrescoHttp http = new AlfrescoHttp(AlfrescoSettings.of(server.baseUrl(), "svc", password));
            AlfrescoRecordRepository repository = new AlfrescoRecordRepository(http, new AlfrescoAuthorityDirectory(http), java.time.Clock.systemUTC());
            repository.createClaimant("CL-E2E", Map.of(MedCaseModel.PROP_CLAIMANT_FAMILY_NAME, "Endtoend", MedCaseModel.PROP_CLAIMANT_GIVEN_NAME, "Fake",
                    MedCaseModel.PROP_DATE_OF_BIRTH, LocalDate.of(1990, 2, 3)));
            CaseFolder target = repository.createCase(new NewCase("CLM-E2E-1", Map.of(MedCaseModel.PROP_CASE_TYPE, "workersCompensation",
                    MedCaseModel.PROP_CASE_CLAIMANT_ID, "CL-E2E")));
            ImportPipeline pipeline = new ImportPipeline(repository, new JdbcImportState(db.dataSource()), new LoggingImportAudit(),
                    new ImportMetrics(new SimpleMeterRegistry()), record -> { });
            Hl7MessageProcessor processor = new Hl7MessageProcessor("hl7-mllp", pipeline, new Hl7DocumentExtractor(), StandardCharsets.ISO_8859_1, 3, 50);
            MllpListener listener = new MllpListener("127.0.0.1", 0, 4, bytes -> processor.handle(bytes, "hl7-mllp"));
            listener.start();
            try (MllpTestClient client = new MllpTestClient("127.0.0.1", listener.port())) {
                byte[] pdf = Hl7Samples.pdf("end to end");
                // no claim number: matched by the claimant's name and date of birth in the repository
                assertThat(client.send(Hl7Samples.mdm("E2E-1", "", "Endtoend", "Fake", "19900203", "", pdf), StandardCharsets.ISO_8859_1))
                        .contains("MSA|AA|E2E-1");
                assertThat(client.send(Hl7Samples.mdm("E2E-2", "CLM-E2E-1", "X", "Y", "19900203", "", pdf), StandardCharsets.ISO_8859_1))
                        .contains("MSA|AA|E2E-2").contains("duplicate");

                List<StoredRecord> filed = repository.listRecords(target.id());
                assertThat(filed).hasSize(1);
                StoredRecord rec = filed.get(0);
                assertThat(rec.properties()).containsEntry(MedCaseModel.PROP_RECORD_CATEGORY, "dischargeSummary")
                        .containsEntry(MedCaseModel.PROP_IMPORT_ROUTE, "hl7-mllp")
                        .containsEntry(MedCaseModel.PROP_IMPORT_MESSAGE_ID, "E2E-1");
                assertThat(rec.aspects()).contains(MedCaseModel.ASPECT_IMPORT_PROVENANCE);
                try (InputStream in = repository.readContent(rec.id())) {
                    assertThat(in.readAllBytes()).isEqualTo(pdf);
                }
            } finally {
                listener.stop();
            }
        }
    }
}
