package com.medcase.importing.filedrop;

import com.medcase.importing.hl7.Hl7Samples;
import com.medcase.importing.pipeline.ImportPipeline;
import com.medcase.importing.testapp.ImportingTestApplication;
import com.medcase.importing.testapp.InMemoryRecordRepository;
import com.medcase.model.MedCaseModel;
import com.medcase.repository.StoredRecord;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Real directories: a complete batch is filed whole; a mismatched one is quarantined whole with a report. */
@SpringBootTest(classes = ImportingTestApplication.class)
@DirtiesContext
class FileDropRouteTest {

    /** 1234567893 passes the NPI check digit (Luhn over 80840 + the first nine digits). */
    static final String NPI = "1234567893";

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("medcase.test.db-dir", () -> root.resolve("db").toString());
        r.add("medcase.importing.file-drop.enabled", () -> "true");
        r.add("medcase.importing.file-drop.inbox", () -> root.resolve("inbox").toString());
        r.add("medcase.importing.file-drop.quarantine", () -> root.resolve("quarantine").toString());
        r.add("medcase.importing.file-drop.processed", () -> root.resolve("processed").toString());
        r.add("medcase.importing.file-drop.poll-millis", () -> "100");
    }

    @Autowired CamelContext camel;
    @Autowired InMemoryRecordRepository repository;

    @Test
    void completeBatchIsFiledWholeAndMovedWithAReceipt() throws Exception {
        byte[] a = Hl7Samples.pdf("drop-a");
        byte[] b = Hl7Samples.pdf("drop-b");
        Path batch = root.resolve("inbox/fake-clinic/batch-1");
        Files.createDirectories(batch);
        Files.write(batch.resolve("a.pdf"), a);
        Files.write(batch.resolve("b.pdf"), b);
        Files.writeString(batch.resolve("manifest.csv"), String.join("\n",
                "file,claim_number,family_name,given_name,date_of_birth,category,service_from,service_to,sha256,sensitivity,provider_name,provider_npi",
                "a.pdf," + ImportingTestApplication.CLAIM + ",,,,dischargeSummary,2026-01-02,2026-01-05," + ImportPipeline.sha256(a) + ",,Fake Clinic," + NPI,
                "b.pdf,,Müller-Fake,Zoë,1981-03-04,laboratory,2026-01-03,,,,Fake Clinic," + NPI) + "\n");
        NotifyBuilder done = new NotifyBuilder(camel).fromRoute(FileDropRouteBuilder.ROUTE_ID).whenDone(1).create();
        Files.createFile(batch.resolve(FileDropProcessor.READY_MARKER));
        assertThat(done.matches(20, TimeUnit.SECONDS)).as("file-drop route processed the batch").isTrue();

        StoredRecord ra = only(a);
        assertThat(ra.caseFolderId()).isEqualTo(repository.findCaseByNumber(ImportingTestApplication.CLAIM).orElseThrow().id());
        assertThat(ra.properties()).containsEntry(MedCaseModel.PROP_SOURCE_PROVIDER_NPI, NPI);
        assertThat(repository.aspect(ra.id(), MedCaseModel.ASPECT_IMPORT_PROVENANCE)).containsEntry(MedCaseModel.PROP_IMPORT_ROUTE, "file-drop");
        assertThat(only(b).caseFolderId()).isEqualTo(repository.findCaseByNumber(ImportingTestApplication.OTHER_CLAIM).orElseThrow().id());
        assertThat(batch).doesNotExist();
        assertThat(root.resolve("processed/fake-clinic/batch-1/receipt.json")).content().contains("IMPORTED");
    }

    @Test
    void mismatchedBatchIsQuarantinedWithAReportAndNothingIsFiled() throws Exception {
        byte[] good = Hl7Samples.pdf("bad-batch-good-file");
        byte[] changed = Hl7Samples.pdf("bad-batch-changed-file");
        Path batch = root.resolve("inbox/fake-clinic/batch-2");
        Files.createDirectories(batch);
        Files.write(batch.resolve("good.pdf"), good);
        Files.write(batch.resolve("changed.pdf"), changed);
        Files.write(batch.resolve("stray.pdf"), Hl7Samples.pdf("stray"));
        Files.writeString(batch.resolve("manifest.json"), """
                {"provider":{"name":"Fake Clinic","npi":"%s"},
                 "documents":[
                  {"file":"good.pdf","claimNumber":"%s","category":"clinicalNotes","serviceFrom":"2026-01-02"},
                  {"file":"changed.pdf","claimNumber":"%s","category":"clinicalNotes","sha256":"%s"},
                  {"file":"missing.pdf","claimNumber":"%s","category":"xrays"}]}
                """.formatted(NPI, ImportingTestApplication.CLAIM, ImportingTestApplication.CLAIM, "0".repeat(64), ImportingTestApplication.CLAIM));
        NotifyBuilder done = new NotifyBuilder(camel).fromRoute(FileDropRouteBuilder.ROUTE_ID).whenDone(1).create();
        Files.createFile(batch.resolve(FileDropProcessor.READY_MARKER));
        assertThat(done.matches(20, TimeUnit.SECONDS)).isTrue();

        assertThat(records(good)).as("nothing of a rejected batch is filed").isEmpty();
        Path report = root.resolve("quarantine/fake-clinic/batch-2/report.json");
        assertThat(report).content()
                .contains("QUARANTINED")
                .contains("changed.pdf").contains("SHA-256 does not match")
                .contains("missing.pdf").contains("missing from the drop")
                .contains("xrays")
                .contains("stray.pdf is in the drop but not in the manifest");
        assertThat(root.resolve("quarantine/fake-clinic/batch-2/good.pdf")).exists();
        assertThat(batch).doesNotExist();
    }

    private List<StoredRecord> records(byte[] content) {
        String sha = ImportPipeline.sha256(content);
        return repository.listCases().stream().flatMap(c -> repository.listRecords(c.id()).stream())
                .filter(r -> sha.equals(r.properties().get(MedCaseModel.PROP_SHA256))).toList();
    }

    private StoredRecord only(byte[] content) {
        List<StoredRecord> found = records(content);
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
