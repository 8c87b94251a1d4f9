package com.medcase.importing.pipeline;

import com.medcase.repository.RepositoryException;
import com.medcase.store.TestDatabase;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 11, "channels" and "monitoring": one retry policy (Camel's RedeliveryPolicy) whose configured
 * backoff is what every channel waits; counters that survive a restart; latency that is not zero even
 * when the meter registry has no backend (Micrometer's empty composite answers 0 for every timer).
 */
class RetryAndMonitoringTest {

    @TempDir
    Path dir;

    @Test
    void theConfiguredExponentialBackoffIsWhatIsWaited() {
        List<Long> waits = new ArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        String result = Retry.transientFailures(Retry.policy(4, 100, 3, 500), waits::add, () -> {
            if (calls.incrementAndGet() < 4) {
                throw new RepositoryException("restarting (test)");
            }
            return "filed";
        });
        assertThat(result).isEqualTo("filed");
        assertThat(waits).containsExactly(100L, 300L, 500L);
    }

    @Test
    void refusalsAreNotRetriedAndTheAttemptsAreBounded() {
        AtomicInteger calls = new AtomicInteger();
        RepositoryException refused = new RepositoryException("refused (test)") {
            @Override
            public boolean isTransient() {
                return false;
            }
        };
        assertThatThrownBy(() -> Retry.transientFailures(Retry.policy(5, 1, 2, 10), ms -> { }, () -> {
            calls.incrementAndGet();
            throw refused;
        })).isSameAs(refused);
        assertThat(calls).hasValue(1);
        calls.set(0);
        assertThatThrownBy(() -> Retry.transientFailures(Retry.policy(3, 1, 2, 10), ms -> { }, () -> {
            calls.incrementAndGet();
            throw new RepositoryException("down (test)");
        })).isInstanceOf(RepositoryException.class);
        assertThat(calls).hasValue(3);
    }

    @Test
    void channelCountersSurviveARestartAndLatencyIsNotZero() {
        try (TestDatabase db = TestDatabase.h2(dir, "classpath:db/migration/importing")) {
            JdbcImportState state = new JdbcImportState(db.dataSource());
            ImportMetrics before = new ImportMetrics(new CompositeMeterRegistry(), state);
            before.count("hl7-mllp", ImportMetrics.Outcome.RECEIVED);
            before.count("hl7-mllp", ImportMetrics.Outcome.FILED);
            before.count("hl7-mllp", ImportMetrics.Outcome.RECEIVED);
            before.count("hl7-mllp", ImportMetrics.Outcome.DUPLICATE);
            before.latency("hl7-mllp", Duration.ofMillis(7));
            before.latency("hl7-mllp", Duration.ofMillis(40));
            before.flush();
            ImportMetrics.RouteSnapshot s = before.snapshot("hl7-mllp");
            assertThat(s.meanLatencyMillis()).isGreaterThan(0);
            assertThat(s.p95LatencyMillis()).isEqualTo(50);
            assertThat(s.latencyBuckets().get("<10 ms")).isEqualTo(1);

            ImportMetrics afterRestart = new ImportMetrics(new CompositeMeterRegistry(), new JdbcImportState(db.dataSource()));
            ImportMetrics.RouteSnapshot again = afterRestart.snapshot("hl7-mllp");
            assertThat(again.received()).isEqualTo(2);
            assertThat(again.filed()).isEqualTo(1);
            assertThat(again.duplicates()).isEqualTo(1);
            assertThat(afterRestart.snapshot()).extracting(ImportMetrics.RouteSnapshot::route).contains("hl7-mllp");
        }
    }

    @Test
    void aDocumentFiledBeforeTheUpgradeToPerCaseClaimsIsStillADuplicateInItsCase() throws Exception {
        try (TestDatabase db = TestDatabase.h2(dir.resolve("legacy"), "classpath:db/migration/importing")) {
            var repository = new com.medcase.importing.testapp.InMemoryRecordRepository();
            var folder = repository.seedCase("CLM-LEGACY", "CLT-L", "Legacyfake", "Lee", java.time.LocalDate.of(1966, 6, 6));
            var other = repository.seedCase("CLM-OTHER", "CLT-O", "Otherfake", "Oz", java.time.LocalDate.of(1967, 7, 7));
            byte[] pdf = "%PDF-1.4 legacy".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            var old = repository.fileRecord(folder.id(), new com.medcase.repository.NewRecord("old.pdf", "application/pdf", pdf,
                    java.util.Map.of(com.medcase.model.MedCaseModel.PROP_SHA256, ImportPipeline.sha256(pdf)), java.util.Map.of()));
            try (var c = db.dataSource().getConnection(); var st = c.prepareStatement(
                    "INSERT INTO mc_import_dedup (sha256, route, message_id, record_id, status, claimed_at) VALUES (?, 'hl7-mllp', 'OLD-1', ?, 'FILED', CURRENT_TIMESTAMP)")) {
                st.setString(1, ImportPipeline.sha256(pdf));
                st.setString(2, old.id());
                st.executeUpdate();
            }
            ImportPipeline pipeline = new ImportPipeline(repository, new JdbcImportState(db.dataSource()), new LoggingImportAudit(),
                    new ImportMetrics(new CompositeMeterRegistry()), r -> { });
            IncomingDocument resent = new IncomingDocument("hl7-mllp", "NEW-1", java.time.Instant.now(), "CLM-LEGACY", null, null, null,
                    "clinicalNotes", null, null, null, null, null, "again.pdf", "application/pdf", pdf);
            assertThat(pipeline.importDocument(resent).kind()).isEqualTo(ImportOutcome.Kind.DUPLICATE);
            IncomingDocument otherCase = new IncomingDocument("hl7-mllp", "NEW-2", java.time.Instant.now(), "CLM-OTHER", null, null, null,
                    "clinicalNotes", null, null, null, null, null, "again.pdf", "application/pdf", pdf);
            assertThat(pipeline.importDocument(otherCase).kind()).isEqualTo(ImportOutcome.Kind.FILED);
            assertThat(repository.listRecords(other.id())).hasSize(1);
        }
    }

    @Test
    void aPatientIdentifierTheRegistryKnowsNamesTheClaimantWhateverNameTheMessageCarries() {
        try (TestDatabase db = TestDatabase.h2(dir.resolve("ids"), "classpath:db/migration/importing")) {
            var repository = new com.medcase.importing.testapp.InMemoryRecordRepository();
            var target = repository.seedCase("CLM-ID", "CLT-ID", "Identfake", "Ida", java.time.LocalDate.of(1955, 5, 5));
            ImportPipeline pipeline = new ImportPipeline(repository, new JdbcImportState(db.dataSource()), new LoggingImportAudit(),
                    new ImportMetrics(new CompositeMeterRegistry()), r -> { });
            pipeline.useClaimantDirectory((system, value) -> "FAKE_CLINIC".equals(system) && "MRN-555".equals(value)
                    ? java.util.Optional.of(new ClaimantDirectory.RegisteredClaimant("CLT-ID", "Identfake", "Ida", java.time.LocalDate.of(1955, 5, 5)))
                    : java.util.Optional.empty());
            String hl7 = "MSH|^~\\&|EHR|FAKE_CLINIC|MEDCASE|MEDCASE|20260115103000||ORU^R01^ORU_R01|ID-1|P|2.5\r"
                    + "PID|1||MRN-555^^^FAKE_CLINIC^MR~999^^^OTHER||Identfake-Married^Ida||19550505|F\r"
                    + "OBR|1||ORD-ID|2345-7^Glucose panel^LN|||20260114080000\r"
                    + "OBX|1|NM|2345-7^Glucose^LN||101|mg/dL|70-99|H|||F\r";
            var docs = new com.medcase.importing.hl7.Hl7DocumentExtractor().extract("hl7-mllp",
                    hl7.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), java.nio.charset.StandardCharsets.ISO_8859_1, java.time.Instant.now());
            assertThat(docs).singleElement().satisfies(d -> assertThat(d.patientIdentifiers())
                    .contains(new IncomingDocument.PatientIdentifier("FAKE_CLINIC", "MRN-555")));
            ImportOutcome outcome = pipeline.importDocument(docs.get(0));
            assertThat(outcome.kind()).isEqualTo(ImportOutcome.Kind.FILED);
            assertThat(outcome.caseNumber()).isEqualTo("CLM-ID");
            assertThat(repository.listRecords(target.id())).hasSize(1);
        }
    }
}
