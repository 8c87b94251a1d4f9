package com.medcase.importing.crash;

import com.medcase.alfresco.embedded.EmbeddedAlfresco;
import com.medcase.alfresco.embedded.EmbeddedAlfrescoSettings;
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
import com.medcase.repository.alfresco.AlfrescoAuthorityDirectory;
import com.medcase.repository.alfresco.AlfrescoHttp;
import com.medcase.repository.alfresco.AlfrescoRecordRepository;
import com.medcase.repository.alfresco.AlfrescoSettings;
import com.medcase.store.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, "lost after a crash": a service node is killed (SIGKILL, a separate JVM) while 12 MLLP
 * connections are sending, with FILING claims open (one whose record is already in the repository, the
 * others without a record). Every sender then resends what it sent to a new node on the same database
 * and repository, once the claims' lease has passed: every document is filed exactly once. Before the
 * fix the open claims answered every resend "AA duplicate" and those documents were never filed.
 * The lease takeover follows Camel's orphan-lock recovery of its JDBC idempotent repository
 * ({@code JdbcOrphanLockAwareIdempotentRepository}).
 */
class KillDuringFilingTest {

    static final int CONNECTIONS = 12;
    static final int PER_CONNECTION = 10;
    static final String CLAIM = "CLM-CRASH-1";

    @TempDir
    Path dbDir;

    @TempDir
    Path repositoryHome;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aNodeKilledBetweenClaimAndCompletionLosesNothingAndFilesNothingTwice() throws Exception {
        char[] password = "crash-service-secret".toCharArray();
        try (EmbeddedAlfresco server = EmbeddedAlfresco.start(new EmbeddedAlfrescoSettings(repositoryHome, null, null, null, 0, "svc", password))) {
            AlfrescoHttp http = new AlfrescoHttp(AlfrescoSettings.of(server.baseUrl(), "svc", password));
            AlfrescoRecordRepository repository = new AlfrescoRecordRepository(http, new AlfrescoAuthorityDirectory(http), Clock.systemUTC());
            repository.createClaimant("CL-CRASH", Map.of(MedCaseModel.PROP_CLAIMANT_FAMILY_NAME, "Crashtest", MedCaseModel.PROP_CLAIMANT_GIVEN_NAME,
                    "Fake", MedCaseModel.PROP_DATE_OF_BIRTH, LocalDate.of(1977, 7, 7)));
            CaseFolder target = repository.createCase(new NewCase(CLAIM, Map.of(MedCaseModel.PROP_CASE_TYPE, "workersCompensation",
                    MedCaseModel.PROP_CASE_CLAIMANT_ID, "CL-CRASH")));

            List<List<String>> messages = new ArrayList<>();
            Set<String> expectedShas = ConcurrentHashMap.newKeySet();
            for (int c = 0; c < CONNECTIONS; c++) {
                List<String> mine = new ArrayList<>();
                for (int i = 0; i < PER_CONNECTION; i++) {
                    byte[] pdf = Hl7Samples.pdf("crash " + c + "/" + i);
                    expectedShas.add(ImportPipeline.sha256(pdf));
                    mine.add(Hl7Samples.mdm("CR-" + c + "-" + i, CLAIM, "Crashtest", "Fake", "19770707", "", pdf));
                }
                messages.add(mine);
            }

            // phase 1: the node that dies after 40 filings, with up to 11 more claims open
            Process node = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), CrashingImportNode.class.getName(), dbDir.toString(), server.baseUrl().toString(), "svc",
                    new String(password), "40").redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
            int port = -1;
            for (String line; port < 0 && (line = out.readLine()) != null; ) {
                if (line.startsWith("PORT ")) {
                    port = Integer.parseInt(line.substring(5).trim());
                }
            }
            assertThat(port).as("the crashing node started").isPositive();
            ExecutorService senders = Executors.newFixedThreadPool(CONNECTIONS);
            List<Future<Integer>> acked = new ArrayList<>();
            for (List<String> mine : messages) {
                int p = port;
                acked.add(senders.submit(() -> sendUntilCut(p, mine)));
            }
            for (String line; (line = out.readLine()) != null; ) {
                if (line.equals("CRASH-POINT")) {
                    break;
                }
            }
            node.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
            assertThat(node.waitFor(20, TimeUnit.SECONDS)).isTrue();
            int ackedBeforeCrash = 0;
            for (Future<Integer> f : acked) {
                ackedBeforeCrash += f.get(30, TimeUnit.SECONDS);
            }
            senders.shutdown();
            int filedBeforeCrash = repository.listRecords(target.id()).size();
            assertThat(filedBeforeCrash).as("the crash happened part way").isBetween(1, CONNECTIONS * PER_CONNECTION - 1);

            // phase 2: a new node on the same database and repository, after the lease has passed; every sender resends everything
            try (TestDatabase db = TestDatabase.h2(dbDir, "classpath:db/migration/importing")) {
                JdbcImportState state = new JdbcImportState(db.dataSource(), Clock.offset(Clock.systemUTC(), Duration.ofMinutes(6)));
                assertThat(state.inFlightCount()).as("the killed node left FILING claims behind").isPositive();
                ImportPipeline pipeline = new ImportPipeline(repository, state, new LoggingImportAudit(), new ImportMetrics(new SimpleMeterRegistry()),
                        record -> { }, Duration.ofMinutes(5));
                Hl7MessageProcessor processor = new Hl7MessageProcessor("hl7-mllp", pipeline, new Hl7DocumentExtractor(), StandardCharsets.ISO_8859_1, 3, 10);
                MllpListener listener = new MllpListener("127.0.0.1", 0,
                        new MllpListener.Limits(32, 32, Duration.ofMinutes(1), Duration.ofMinutes(1), List.of()), null, false,
                        bytes -> processor.handle(bytes, "hl7-mllp"));
                listener.start();
                ExecutorService resenders = Executors.newFixedThreadPool(CONNECTIONS);
                try {
                    List<Future<List<String>>> acks = new ArrayList<>();
                    for (List<String> mine : messages) {
                        acks.add(resenders.submit(() -> sendAll(listener.port(), mine)));
                    }
                    for (Future<List<String>> f : acks) {
                        assertThat(f.get(60, TimeUnit.SECONDS)).allSatisfy(ack -> assertThat(ack).contains("MSA|AA|"));
                    }
                } finally {
                    resenders.shutdown();
                    listener.stop();
                }
                // what the killed node acknowledged but had not followed up yet (its rows survived the SIGKILL) is done now
                pipeline.recoverFollowUps(Duration.ZERO);
                pipeline.close(); // finishes the follow-ups queued by this node's takeovers
                state.close(); // a clean stop writes the completions still batched
                assertThat(state.inFlightCount()).isZero();
                assertThat(state.awaitingFollowUpCount()).as("every filed record followed up, across the crash").isZero();
            }
            List<StoredRecord> filed = repository.listRecords(target.id());
            Map<Object, Long> perSha = filed.stream().collect(Collectors.groupingBy(r -> r.properties().get(MedCaseModel.PROP_SHA256), Collectors.counting()));
            assertThat(perSha.keySet()).as("every document filed").containsExactlyInAnyOrderElementsOf(expectedShas);
            assertThat(perSha.values()).as("each exactly once").containsOnly(1L);
            assertThat(filed).hasSize(CONNECTIONS * PER_CONNECTION);
            for (StoredRecord r : filed) {
                try (java.io.InputStream in = repository.readContent(r.id())) {
                    assertThat(ImportPipeline.sha256(in.readAllBytes())).as("the content exactly as sent").isEqualTo(r.properties().get(MedCaseModel.PROP_SHA256));
                }
            }
            assertThat(ackedBeforeCrash).isLessThan(CONNECTIONS * PER_CONNECTION);
        }
    }

    /** Sends one after the other until the connection is cut; returns how many were acknowledged. */
    private static int sendUntilCut(int port, List<String> messages) {
        int acked = 0;
        try (MllpTestClient client = new MllpTestClient("127.0.0.1", port)) {
            for (String m : messages) {
                client.send(m, StandardCharsets.ISO_8859_1);
                acked++;
            }
        } catch (java.io.IOException e) {
            // the node was killed: what was not acknowledged is resent in phase 2
        }
        return acked;
    }

    private static List<String> sendAll(int port, List<String> messages) throws java.io.IOException {
        List<String> acks = new ArrayList<>();
        try (MllpTestClient client = new MllpTestClient("127.0.0.1", port)) {
            for (String m : messages) {
                acks.add(client.send(m, StandardCharsets.ISO_8859_1));
            }
        }
        return acks;
    }
}
