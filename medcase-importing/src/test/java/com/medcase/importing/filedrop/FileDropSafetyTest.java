package com.medcase.importing.filedrop;

import com.medcase.importing.hl7.Hl7Samples;
import com.medcase.importing.pipeline.ImportMetrics;
import com.medcase.importing.pipeline.ImportPipeline;
import com.medcase.importing.pipeline.JdbcImportState;
import com.medcase.importing.pipeline.LoggingImportAudit;
import com.medcase.importing.testapp.InMemoryRecordRepository;
import com.medcase.model.MedCaseModel;
import com.medcase.repository.RecordRepository;
import com.medcase.repository.RepositoryException;
import com.medcase.repository.StoredRecord;
import com.medcase.store.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 10 ("a file-drop manifest may list a symlink to any file the service can read") and issue 11
 * ("file drop": all-or-nothing, partial failure report, Commons CSV, formula cells). Real directories,
 * the pipeline on H2 and the in-memory repository port.
 */
class FileDropSafetyTest {

    static final String HEADER = "file,claim_number,family_name,given_name,date_of_birth,category,service_from,service_to,sha256,sensitivity,provider_name,provider_npi";
    static final String CLAIM = "CLM-DROP-1";

    @TempDir
    Path root;

    TestDatabase db;
    InMemoryRecordRepository repository;
    final AtomicBoolean refuseB = new AtomicBoolean();
    FileDropProcessor processor;

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabase.h2(root.resolve("db"), "classpath:db/migration/importing");
        repository = new InMemoryRecordRepository();
        repository.seedCase(CLAIM, "CLT-D", "Dropper", "Fake", LocalDate.of(1960, 6, 6));
        RecordRepository refusing = (RecordRepository) Proxy.newProxyInstance(RecordRepository.class.getClassLoader(), new Class<?>[]{RecordRepository.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("fileRecord") && refuseB.get() && ((com.medcase.repository.NewRecord) args[1]).name().equals("b.pdf")) {
                        throw new RepositoryException("refused by the repository (test)") {
                            @Override
                            public boolean isTransient() {
                                return false;
                            }
                        };
                    }
                    try {
                        return method.invoke(repository, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        ImportPipeline pipeline = new ImportPipeline(refusing, new JdbcImportState(db.dataSource()), new LoggingImportAudit(),
                new ImportMetrics(new SimpleMeterRegistry()), r -> { });
        Files.createDirectories(root.resolve("inbox"));
        processor = new FileDropProcessor("file-drop", pipeline, root.resolve("quarantine"), root.resolve("processed"), 1);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private Path batch(String name) throws Exception {
        return Files.createDirectories(root.resolve("inbox/fake-clinic/" + name));
    }

    private static String line(String file, String provider) {
        return file + "," + CLAIM + ",,,,clinicalNotes,2026-01-02,,,," + provider + ",";
    }

    @Test
    void aManifestEntryThatIsASymbolicLinkIsRefusedAndNothingIsFiled() throws Exception {
        Path secret = Files.writeString(root.resolve("outside-secret.txt"), "not for providers");
        Path b = batch("symlink-entry");
        Files.write(b.resolve("a.pdf"), Hl7Samples.pdf("sym-a"));
        Files.createSymbolicLink(b.resolve("secret.pdf"), secret);
        Files.writeString(b.resolve("manifest.csv"), HEADER + "\n" + line("a.pdf", "Fake") + "\n" + line("secret.pdf", "Fake") + "\n");
        FileDropProcessor.BatchResult result = processor.importBatch(b);
        assertThat(result.status()).isEqualTo("QUARANTINED");
        assertThat(result.problems()).anySatisfy(p -> assertThat(p).contains("secret.pdf").contains("symbolic link"));
        assertThat(repository.recordCount()).isZero();
    }

    @Test
    void aSymlinkedBatchFolderIsRefused() throws Exception {
        Path elsewhere = Files.createDirectories(root.resolve("elsewhere/batch"));
        Files.write(elsewhere.resolve("a.pdf"), Hl7Samples.pdf("sym-dir"));
        Files.writeString(elsewhere.resolve("manifest.csv"), HEADER + "\n" + line("a.pdf", "Fake") + "\n");
        Files.createDirectories(root.resolve("inbox/fake-clinic"));
        Path link = Files.createSymbolicLink(root.resolve("inbox/fake-clinic/linked"), elsewhere);
        FileDropProcessor.BatchResult result = processor.importBatch(link);
        assertThat(result.status()).isEqualTo("QUARANTINED");
        assertThat(result.problems()).singleElement().asString().contains("symbolic link");
        assertThat(repository.recordCount()).isZero();
    }

    @Test
    void quotedCellsWithCommasAByteOrderMarkAndCrlfAreRead() throws Exception {
        Path b = batch("rfc4180");
        Files.write(b.resolve("a.pdf"), Hl7Samples.pdf("csv-a"));
        Files.writeString(b.resolve("manifest.csv"), "\uFEFF" + HEADER + "\r\n" + line("a.pdf", "\"Fake Clinic, Inc. \"\"North\"\"\"") + "\r\n",
                StandardCharsets.UTF_8);
        FileDropProcessor.BatchResult result = processor.importBatch(b);
        assertThat(result.problems()).isEmpty();
        StoredRecord r = repository.listRecords(repository.findCaseByNumber(CLAIM).orElseThrow().id()).get(0);
        assertThat(r.properties()).containsEntry(MedCaseModel.PROP_SOURCE_PROVIDER_NAME, "Fake Clinic, Inc. \"North\"");
    }

    @Test
    void aFormulaInALabelIsStoredAsText() throws Exception {
        Path b = batch("formula");
        Files.write(b.resolve("a.pdf"), Hl7Samples.pdf("formula-a"));
        Files.writeString(b.resolve("manifest.csv"), HEADER + "\n" + line("a.pdf", "\"=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"") + "\n");
        processor.importBatch(b);
        StoredRecord r = repository.listRecords(repository.findCaseByNumber(CLAIM).orElseThrow().id()).get(0);
        assertThat((String) r.properties().get(MedCaseModel.PROP_SOURCE_PROVIDER_NAME)).startsWith("'=HYPERLINK(");
    }

    @Test
    void aNameTheRepositoryWouldRefuseIsFoundBeforeAnythingIsFiled() throws Exception {
        Path b = batch("bad-name");
        Files.write(b.resolve("a.pdf"), Hl7Samples.pdf("bad-name-a"));
        Files.write(b.resolve("b|c.pdf"), Hl7Samples.pdf("bad-name-b"));
        Files.writeString(b.resolve("manifest.csv"), HEADER + "\n" + line("a.pdf", "Fake") + "\n" + line("b|c.pdf", "Fake") + "\n");
        FileDropProcessor.BatchResult result = processor.importBatch(b);
        assertThat(result.status()).isEqualTo("QUARANTINED");
        assertThat(result.problems()).singleElement().asString().contains("b|c.pdf").contains("does not accept this name");
        assertThat(repository.recordCount()).as("all or nothing: validated before the first filing").isZero();
    }

    @Test
    void aFailureMidwayIsReportedWithWhatWasFiledAndTheRetryFilesOnlyTheRest() throws Exception {
        Path b = batch("midway");
        Files.write(b.resolve("a.pdf"), Hl7Samples.pdf("midway-a"));
        Files.write(b.resolve("b.pdf"), Hl7Samples.pdf("midway-b"));
        Files.writeString(b.resolve("manifest.csv"), HEADER + "\n" + line("a.pdf", "Fake") + "\n" + line("b.pdf", "Fake") + "\n");
        refuseB.set(true);
        assertThatThrownBy(() -> processor.importBatch(b)).isInstanceOf(RepositoryException.class);
        assertThat(b.resolve(FileDropProcessor.PROGRESS)).content().contains("a.pdf").doesNotContain("b.pdf");
        refuseB.set(false);
        FileDropProcessor.BatchResult retry = processor.importBatch(b);
        assertThat(retry.status()).isEqualTo("IMPORTED");
        assertThat(repository.recordCount()).isEqualTo(2);
        assertThat(root.resolve("processed/fake-clinic/midway/receipt.json")).content().contains("a.pdf").contains("b.pdf");
    }

    @Test
    void aBatchQuarantinedAfterRepeatedFailuresNamesTheDocumentsAlreadyFiled() throws Exception {
        Path b = batch("gives-up");
        Files.write(b.resolve("a.pdf"), Hl7Samples.pdf("gives-up-a"));
        Files.write(b.resolve("b.pdf"), Hl7Samples.pdf("gives-up-b"));
        Files.writeString(b.resolve("manifest.csv"), HEADER + "\n" + line("a.pdf", "Fake") + "\n" + line("b.pdf", "Fake") + "\n");
        Files.createFile(b.resolve(FileDropProcessor.READY_MARKER));
        refuseB.set(true);
        DefaultCamelContext camel = new DefaultCamelContext();
        for (int i = 0; i < FileDropProcessor.MAX_BATCH_ATTEMPTS; i++) {
            Exchange exchange = new DefaultExchange(camel);
            exchange.getIn().setHeader(Exchange.FILE_PATH, b.resolve(FileDropProcessor.READY_MARKER).toString());
            try {
                processor.process(exchange);
            } catch (RepositoryException e) {
                // left for the next poll until the attempts run out
            }
        }
        Path report = root.resolve("quarantine/fake-clinic/gives-up/report.json");
        assertThat(report).content().contains("PARTIALLY_FILED").contains("\"file\":\"a.pdf\"").contains("only the rest is filed");
        assertThat(repository.recordCount()).isEqualTo(1);
    }
}
