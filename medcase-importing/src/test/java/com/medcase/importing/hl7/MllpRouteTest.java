package com.medcase.importing.hl7;

import com.medcase.importing.admin.ImportAdministration;
import com.medcase.importing.admin.ImportMonitor;
import com.medcase.importing.pipeline.JdbcImportState;
import com.medcase.importing.testapp.ImportingTestApplication;
import com.medcase.importing.testapp.InMemoryRecordRepository;
import com.medcase.model.MedCaseModel;
import com.medcase.repository.StoredRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** HL7 v2 over a real MLLP socket into the in-memory repository port, state in H2. */
@SpringBootTest(classes = ImportingTestApplication.class)
@DirtiesContext
class MllpRouteTest {

    @TempDir
    static Path dbDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) throws Exception {
        r.add("medcase.test.db-dir", () -> dbDir.toString());
        r.add("medcase.importing.mllp.enabled", () -> "true");
        r.add("medcase.importing.mllp.port", () -> "0");
        r.add("medcase.importing.retries.backoff-millis", () -> "10");
    }


    @Autowired InMemoryRecordRepository repository;
    @Autowired JdbcImportState state;
    @Autowired ImportAdministration administration;
    @Autowired ImportMonitor monitor;
    @Autowired MllpListener listener;

    @Test
    void mdmIsFiledIntoTheClaimsCaseWithProvenanceAndAcknowledgedAA() throws Exception {
        byte[] pdf = Hl7Samples.pdf("mdm-1");
        try (MllpTestClient client = new MllpTestClient("127.0.0.1", listener.port())) {
            String ack = client.send(Hl7Samples.mdm("MSG-1", ImportingTestApplication.CLAIM, "Someone", "Else", "19990101", "", pdf),
                    StandardCharsets.ISO_8859_1);
            assertThat(ack).contains("MSA|AA|MSG-1");
        }
        StoredRecord rec = filedWith(pdf);
        assertThat(rec.properties()).containsEntry(MedCaseModel.PROP_RECORD_CATEGORY, "dischargeSummary")
                .containsEntry(MedCaseModel.PROP_SHA256, com.medcase.importing.pipeline.ImportPipeline.sha256(pdf));
        assertThat(rec.mimeType()).isEqualTo("application/pdf");
        assertThat(repository.aspect(rec.id(), MedCaseModel.ASPECT_IMPORT_PROVENANCE))
                .containsEntry(MedCaseModel.PROP_IMPORT_ROUTE, MllpRouteBuilder.ROUTE_ID)
                .containsEntry(MedCaseModel.PROP_IMPORT_MESSAGE_ID, "MSG-1")
                .containsKey(MedCaseModel.PROP_IMPORT_RECEIVED_AT);
        assertThat(repository.findCaseByNumber(ImportingTestApplication.CLAIM).orElseThrow().id()).isEqualTo(rec.caseFolderId());
    }

    @Test
    void twoMessagesInOneTcpWriteAreBothProcessedAndAcknowledgedInOrder() throws Exception {
        byte[] a = Hl7Samples.pdf("pair-a");
        byte[] b = Hl7Samples.pdf("pair-b");
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.write(MllpTestClient.frame(Hl7Samples.mdm("PAIR-A", ImportingTestApplication.CLAIM, "X", "Y", "20000101", "", a).getBytes(StandardCharsets.ISO_8859_1)));
        both.write(MllpTestClient.frame(Hl7Samples.oru("PAIR-B", ImportingTestApplication.CLAIM).getBytes(StandardCharsets.ISO_8859_1)));
        try (MllpTestClient client = new MllpTestClient("127.0.0.1", listener.port())) {
            client.writeRaw(both.toByteArray());
            assertThat(client.readAck(StandardCharsets.ISO_8859_1)).contains("MSA|AA|PAIR-A");
            assertThat(client.readAck(StandardCharsets.ISO_8859_1)).contains("MSA|AA|PAIR-B");
        }
        filedWith(a);
        StoredRecord oru = repository.listRecords(repository.findCaseByNumber(ImportingTestApplication.CLAIM).orElseThrow().id()).stream()
                .filter(r -> r.name().equals("ORU-PAIR-B.txt")).findFirst().orElseThrow();
        assertThat(new String(repository.content(oru.id()), StandardCharsets.UTF_8)).contains("Creatinine: 1.4 mg/dL").contains("[H]");
        assertThat(oru.properties()).containsEntry(MedCaseModel.PROP_RECORD_CATEGORY, "laboratory");
    }

    @Test
    void utf8MessageMatchesTheClaimantByNameAndBirthDate() throws Exception {
        byte[] pdf = Hl7Samples.pdf("utf8");
        try (MllpTestClient client = new MllpTestClient("127.0.0.1", listener.port())) {
            String ack = client.send(Hl7Samples.mdm("UTF-1", "", "Müller-Fake", "Zoë", "19810304", "UNICODE UTF-8", pdf), StandardCharsets.UTF_8);
            assertThat(ack).contains("MSA|AA|UTF-1").contains("UNICODE UTF-8");
        }
        assertThat(filedWith(pdf).caseFolderId())
                .isEqualTo(repository.findCaseByNumber(ImportingTestApplication.OTHER_CLAIM).orElseThrow().id());
    }

    @Test
    void latin1NameIsDecodedWithMsh18() throws Exception {
        byte[] pdf = Hl7Samples.pdf("latin1");
        try (MllpTestClient client = new MllpTestClient("127.0.0.1", listener.port())) {
            String ack = client.send(Hl7Samples.mdm("L1-1", "", "Müller-Fake", "Zoë", "19810304", "8859/1", pdf), StandardCharsets.ISO_8859_1);
            assertThat(ack).contains("MSA|AA|L1-1");
        }
        assertThat(filedWith(pdf).caseFolderId())
                .isEqualTo(repository.findCaseByNumber(ImportingTestApplication.OTHER_CLAIM).orElseThrow().id());
    }

    @Test
    void malformedMessageIsRejectedARAndKeptWithItsOriginalBytes() throws Exception {
        String malformed = "MSH|^~\\&|EHR|FAKE|MEDCASE|MEDCASE|20260101||MDM^T02|BAD-1|P|2.5\rPID|this is|not\rTXA|1|DS\rOBX|1|ED|X||^AP^PDF^Base64^%%%notbase64%%%\r";
        long before = state.count("mc_import_dead_letter", "NEW");
        try (MllpTestClient client = new MllpTestClient("127.0.0.1", listener.port())) {
            String ack = client.send(malformed, StandardCharsets.ISO_8859_1);
            assertThat(ack).contains("MSA|AR|BAD-1").contains("ERR|");
            // the connection stays usable after a rejection
            assertThat(client.send(Hl7Samples.oru("AFTER-BAD", ImportingTestApplication.CLAIM), StandardCharsets.ISO_8859_1)).contains("MSA|AA|AFTER-BAD");
        }
        assertThat(state.count("mc_import_dead_letter", "NEW")).isEqualTo(before + 1);
        JdbcImportState.DeadLetter dl = state.deadLetters("NEW", 100).stream().filter(d -> d.source().contains("BAD-1")).findFirst().orElseThrow();
        assertThat(dl.original()).isEqualTo(malformed.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(dl.route()).isEqualTo(MllpRouteBuilder.ROUTE_ID);
        assertThat(dl.error()).startsWith("rejected:").contains("base64");
        assertThat(monitor.route(MllpRouteBuilder.ROUTE_ID).rejected()).isPositive();
    }

    @Test
    void unsupportedMessageTypeIsRejected() throws Exception {
        try (MllpTestClient client = new MllpTestClient("127.0.0.1", listener.port())) {
            String ack = client.send("MSH|^~\\&|EHR|FAKE|MEDCASE|MEDCASE|20260101||ADT^A01^ADT_A01|ADT-1|P|2.5\rEVN|A01\rPID|1||M1||Fake^Person\r",
                    StandardCharsets.ISO_8859_1);
            assertThat(ack).contains("MSA|AR|ADT-1").contains("unsupported message type");
        }
    }

    @Test
    void duplicateContentIsAcknowledgedButFiledOnce() throws Exception {
        byte[] pdf = Hl7Samples.pdf("dup");
        try (MllpTestClient client = new MllpTestClient("127.0.0.1", listener.port())) {
            assertThat(client.send(Hl7Samples.mdm("DUP-1", ImportingTestApplication.CLAIM, "A", "B", "19700102", "", pdf), StandardCharsets.ISO_8859_1))
                    .contains("MSA|AA|DUP-1");
            assertThat(client.send(Hl7Samples.mdm("DUP-2", ImportingTestApplication.CLAIM, "A", "B", "19700102", "", pdf), StandardCharsets.ISO_8859_1))
                    .contains("MSA|AA|DUP-2").contains("duplicate");
        }
        assertThat(recordsWith(pdf)).hasSize(1);
    }

    @Test
    void unmatchedGoesToReviewAckedAAAndIsFiledWhenACaseIsAssigned() throws Exception {
        byte[] pdf = Hl7Samples.pdf("unmatched");
        try (MllpTestClient client = new MllpTestClient("127.0.0.1", listener.port())) {
            assertThat(client.send(Hl7Samples.mdm("UNM-1", "CLM-UNKNOWN", "Nobody", "Known", "19500101", "", pdf), StandardCharsets.ISO_8859_1))
                    .contains("MSA|AA|UNM-1").contains("queued for review");
        }
        assertThat(recordsWith(pdf)).isEmpty();
        JdbcImportState.ReviewItem item = administration.reviewItems(100).stream().filter(r -> r.messageId().equals("UNM-1")).findFirst().orElseThrow();
        ImportAdministration.Result result = administration.resolve(item.id(), ImportingTestApplication.OTHER_CLAIM, "records.clerk");
        assertThat(result.succeeded()).isTrue();
        assertThat(filedWith(pdf).caseFolderId()).isEqualTo(repository.findCaseByNumber(ImportingTestApplication.OTHER_CLAIM).orElseThrow().id());
        assertThat(state.review(item.id()).orElseThrow().status()).isEqualTo("RESOLVED");
    }

    @Test
    void transientRepositoryFailureIsRetriedWithinTheBound() throws Exception {
        byte[] pdf = Hl7Samples.pdf("transient");
        repository.transientFailures.set(2);
        try (MllpTestClient client = new MllpTestClient("127.0.0.1", listener.port())) {
            assertThat(client.send(Hl7Samples.mdm("TR-1", ImportingTestApplication.CLAIM, "A", "B", "19700102", "", pdf), StandardCharsets.ISO_8859_1))
                    .contains("MSA|AA|TR-1");
        }
        assertThat(recordsWith(pdf)).hasSize(1);
    }

    @Test
    void persistentFailureIsAnsweredAEDeadLetteredAndReprocessable() throws Exception {
        byte[] pdf = Hl7Samples.pdf("persistent");
        repository.transientFailures.set(3); // = the configured attempts
        try (MllpTestClient client = new MllpTestClient("127.0.0.1", listener.port())) {
            assertThat(client.send(Hl7Samples.mdm("AE-1", ImportingTestApplication.CLAIM, "A", "B", "19700102", "", pdf), StandardCharsets.ISO_8859_1))
                    .contains("MSA|AE|AE-1");
        }
        assertThat(recordsWith(pdf)).isEmpty();
        JdbcImportState.DeadLetter dl = administration.deadLetters(100).stream().filter(d -> d.source().contains("AE-1")).findFirst().orElseThrow();
        assertThat(dl.error()).startsWith("application error:");
        ImportAdministration.Result result = administration.reprocess(dl.id());
        assertThat(result.succeeded()).as(result.detail()).isTrue();
        assertThat(result.detail()).isEqualTo("AA");
        assertThat(recordsWith(pdf)).hasSize(1);
        assertThat(state.deadLetter(dl.id()).orElseThrow().status()).isEqualTo("REPROCESSED");
    }

    private List<StoredRecord> recordsWith(byte[] content) {
        String sha = com.medcase.importing.pipeline.ImportPipeline.sha256(content);
        return repository.listCases().stream().flatMap(c -> repository.listRecords(c.id()).stream())
                .filter(r -> sha.equals(r.properties().get(MedCaseModel.PROP_SHA256))).toList();
    }

    private StoredRecord filedWith(byte[] content) {
        List<StoredRecord> found = recordsWith(content);
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
