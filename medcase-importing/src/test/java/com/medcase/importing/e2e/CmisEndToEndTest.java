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
import com.medcase.repository.cmis.CmisRecordRepository;
import com.medcase.repository.embedded.EmbeddedCmisServerProcess;
import com.medcase.store.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HL7 over a real MLLP socket into the real embedded CMIS repository process (over HTTP): the record
 * lands in the case folder with its content, category and import provenance, and a resend is a duplicate.
 */
class CmisEndToEndTest {

    @TempDir
    Path dbDir;

    @Test
    void mdmOverMllpIsFiledInTheEmbeddedCmisRepository() throws Exception {
        Path jar = Path.of(System.getProperty("medcase.cmis.server.jar", "../medcase-cmis-embedded/target/medcase-cmis-embedded.jar"));
        try (EmbeddedCmisServerProcess server = EmbeddedCmisServerProcess.start(jar, List.of(), Duration.ofSeconds(60));
             TestDatabase db = TestDatabase.h2(dbDir, "classpath:db/migration/importing")) {
            CmisRecordRepository repository = new CmisRecordRepository(server.serviceSettings("/MedCase"));
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
