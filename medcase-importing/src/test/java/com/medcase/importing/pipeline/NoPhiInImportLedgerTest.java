package com.medcase.importing.pipeline;

import com.medcase.audit.AuditEntry;
import com.medcase.audit.InMemoryAuditLedger;
import com.medcase.importing.hl7.Hl7DocumentExtractor;
import com.medcase.importing.hl7.Hl7MessageProcessor;
import com.medcase.importing.testapp.InMemoryRecordRepository;
import com.medcase.store.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10, "a parse error wrote a patient's name into the append-only ledger": HAPI's parse errors quote
 * the start of the message ("the first 50 chars of the message for reference"), which here is a PID
 * segment. The import path's audit entries carry ids, counts and error codes only; the error text stays
 * with the dead letter (shown to import administrators only).
 */
class NoPhiInImportLedgerTest {

    @TempDir
    Path dir;

    @Test
    void aParseErrorPutsAnErrorCodeNotTheSegmentTextIntoTheLedger() {
        InMemoryAuditLedger ledger = new InMemoryAuditLedger(Clock.systemUTC());
        try (TestDatabase db = TestDatabase.h2(dir, "classpath:db/migration/importing")) {
            JdbcImportState state = new JdbcImportState(db.dataSource());
            ImportPipeline pipeline = new ImportPipeline(new InMemoryRecordRepository(), state, new LedgerImportAudit(ledger, "admin"),
                    new ImportMetrics(new SimpleMeterRegistry()), r -> { });
            Hl7MessageProcessor processor = new Hl7MessageProcessor("hl7-mllp", pipeline, new Hl7DocumentExtractor(), StandardCharsets.ISO_8859_1, 1, 1);
            byte[] noHeader = "PID|1||MRN-77||Secretname^Janefake||19700101|F\rOBX|1|TX|X||text\r".getBytes(StandardCharsets.ISO_8859_1);
            String ack = new String(processor.handle(noHeader, "hl7-mllp 127.0.0.1"), StandardCharsets.ISO_8859_1);
            assertThat(ack).contains("MSA|AR");

            List<AuditEntry> entries = ledger.read(0, 100);
            assertThat(entries).singleElement().satisfies(e -> {
                assertThat(e.event().action()).isEqualTo("import.dead-letter");
                assertThat(e.event().reason()).isEqualTo("REJECTED");
            });
            assertThat(entries.toString()).doesNotContain("Secretname").doesNotContain("Janefake").doesNotContain("MRN-77");
            assertThat(state.deadLetters("NEW", 10)).singleElement().satisfies(dl -> assertThat(dl.original()).isEqualTo(noHeader));
        }
    }
}
