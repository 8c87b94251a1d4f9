package com.medcase.importing.pipeline;

import com.medcase.importing.testapp.InMemoryRecordRepository;
import com.medcase.importing.testapp.RecordingImportAudit;
import com.medcase.repository.CaseFolder;
import com.medcase.repository.StoredRecord;
import com.medcase.store.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the service does with an imported record (its search entry) runs after the sender's acknowledgement, and a crash
 * in between loses none of it. Before, the listener ran inside the filing, so a sender's ACK waited for the record's
 * content to be read back, its text extracted and the search index committed: half of a filing's time in the service
 * ({@code ServiceImportBench}). ACS does the same: its index tracker follows committed transactions.
 */
class FollowUpAfterAcknowledgementTest {

    private static final Duration LEASE = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void theFilingReturnsBeforeTheFollowUpWhichThenRunsInABatch() throws Exception {
        InMemoryRecordRepository repository = repositoryWithCase();
        CountDownLatch listenerMayRun = new CountDownLatch(1);
        List<List<StoredRecord>> batches = new CopyOnWriteArrayList<>();
        ImportedRecordListener slowIndex = ImportedRecordListener.inBatches(records -> {
            await(listenerMayRun);
            batches.add(records);
        });
        try (TestDatabase db = TestDatabase.h2(dir, "classpath:db/migration/importing");
             JdbcImportState state = new JdbcImportState(db.dataSource());
             ImportPipeline pipeline = pipeline(repository, state, slowIndex)) {
            CompletableFuture<List<ImportOutcome>> filing = CompletableFuture.supplyAsync(() -> List.of(
                    pipeline.importDocument(document("M1", "first")), pipeline.importDocument(document("M2", "second")),
                    pipeline.importDocument(document("M3", "third"))));

            List<ImportOutcome> outcomes = filing.get(10, TimeUnit.SECONDS); // before: blocked on the listener
            assertThat(outcomes).extracting(ImportOutcome::kind).containsOnly(ImportOutcome.Kind.FILED);
            assertThat(state.awaitingFollowUpCount()).as("durable until done").isEqualTo(3);

            listenerMayRun.countDown();
            waitUntil(() -> state.awaitingFollowUpCount() == 0);
            assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(3);
            assertThat(batches.size()).as("one call for records queued together").isLessThanOrEqualTo(2);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aFollowUpThatACrashInterruptedIsDoneAtTheNextStart() {
        InMemoryRecordRepository repository = repositoryWithCase();
        try (TestDatabase db = TestDatabase.h2(dir, "classpath:db/migration/importing")) {
            JdbcImportState dyingState = new JdbcImportState(db.dataSource());
            // the node dies with its follow-up not done: its listener never returns, the process is gone
            ImportPipeline dying = pipeline(repository, dyingState, record -> await(new CountDownLatch(1)));
            ImportOutcome filed = dying.importDocument(document("M1", "filed just before the crash"));
            dyingState.flushCompletions();

            List<StoredRecord> followedUp = new CopyOnWriteArrayList<>();
            try (JdbcImportState state = new JdbcImportState(db.dataSource());
                 ImportPipeline restarted = pipeline(repository, state, followedUp::add)) {
                assertThat(restarted.recoverFollowUps(Duration.ofMinutes(1))).as("a live node's follow-up is left to it").isZero();

                assertThat(restarted.recoverFollowUps(Duration.ZERO)).isEqualTo(1);

                assertThat(followedUp).extracting(StoredRecord::id).containsExactly(filed.recordId());
                assertThat(state.awaitingFollowUpCount()).isZero();
                assertThat(restarted.recoverFollowUps(Duration.ZERO)).as("done once").isZero();
            }
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aClaimLeftFilingIsResolvedFromTheRepositoryWithoutWaitingForAResend() {
        // the sender was acknowledged, then the node died before the claim's completion was written: no resend will come
        InMemoryRecordRepository repository = repositoryWithCase();
        CaseFolder target = repository.findCaseByNumber("CLM-100").orElseThrow();
        try (TestDatabase db = TestDatabase.h2(dir, "classpath:db/migration/importing")) {
            JdbcImportState crashed = new JdbcImportState(db.dataSource());
            byte[] filedContent = "filed, never completed".getBytes(StandardCharsets.UTF_8);
            byte[] lostContent = "claimed, never filed".getBytes(StandardCharsets.UTF_8);
            crashed.claim(target.id(), ImportPipeline.sha256(filedContent), "hl7-mllp", "M1", LEASE);
            StoredRecord inRepository = repository.fileRecord(target.id(), ImportPipeline.toRecord(document("M1", filedContent),
                    ImportPipeline.sha256(filedContent)));
            crashed.claim(target.id(), ImportPipeline.sha256(lostContent), "hl7-mllp", "M2", LEASE);

            List<StoredRecord> followedUp = new CopyOnWriteArrayList<>();
            RecordingImportAudit audited = new RecordingImportAudit();
            Clock afterLease = Clock.offset(Clock.systemUTC(), LEASE.plusMinutes(1));
            try (JdbcImportState state = new JdbcImportState(db.dataSource(), afterLease);
                 ImportPipeline restarted = new ImportPipeline(repository, state, audited,
                         new ImportMetrics(new SimpleMeterRegistry()), followedUp::add, LEASE)) {
                assertThat(restarted.recoverFollowUps(Duration.ZERO)).isEqualTo(1);
                state.flushCompletions();

                assertThat(followedUp).extracting(StoredRecord::id).containsExactly(inRepository.id());
                assertThat(audited.filed).containsExactly("M1 " + inRepository.id());
                assertThat(state.claim(target.id(), ImportPipeline.sha256(filedContent), "hl7-mllp", "M1-resent", LEASE))
                        .as("a late resend is a duplicate of the record found").isEqualTo(new JdbcImportState.AlreadyFiled(inRepository.id()));
                assertThat(state.claim(target.id(), ImportPipeline.sha256(lostContent), "hl7-mllp", "M2-resent", LEASE))
                        .as("the claim without a record was given back: a resend files it")
                        .isInstanceOfSatisfying(JdbcImportState.Claimed.class, c -> assertThat(c.tookOver()).isFalse());
                assertThat(repository.recordCount()).isEqualTo(1);
            }
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void anAbandonedClaimIntoACaseThatIsGoneIsGivenBackWithoutHoldingUpTheOthers() {
        InMemoryRecordRepository repository = repositoryWithCase();
        CaseFolder target = repository.findCaseByNumber("CLM-100").orElseThrow();
        byte[] content = "filed, never completed".getBytes(StandardCharsets.UTF_8);
        try (TestDatabase db = TestDatabase.h2(dir, "classpath:db/migration/importing")) {
            JdbcImportState crashed = new JdbcImportState(db.dataSource());
            crashed.claim("case-deleted-since", "e".repeat(64), "hl7-mllp", "M0", LEASE);
            crashed.claim(target.id(), ImportPipeline.sha256(content), "hl7-mllp", "M1", LEASE);
            StoredRecord inRepository = repository.fileRecord(target.id(), ImportPipeline.toRecord(document("M1", content),
                    ImportPipeline.sha256(content)));

            List<StoredRecord> followedUp = new CopyOnWriteArrayList<>();
            try (JdbcImportState state = new JdbcImportState(db.dataSource(), Clock.offset(Clock.systemUTC(), LEASE.plusMinutes(1)));
                 ImportPipeline restarted = pipeline(repository, state, followedUp::add)) {
                assertThat(restarted.recoverFollowUps(Duration.ZERO)).isEqualTo(1);

                assertThat(followedUp).extracting(StoredRecord::id).containsExactly(inRepository.id());
                assertThat(state.awaitingFollowUpCount()).isZero();
                assertThat(state.claim("case-deleted-since", "e".repeat(64), "hl7-mllp", "M0-resent", LEASE))
                        .isInstanceOfSatisfying(JdbcImportState.Claimed.class, c -> assertThat(c.tookOver()).isFalse());
            }
        }
    }

    /**
     * A crash between the record's creation and its content (the binding's two calls) leaves a record with the
     * document's hash property and no content. Before, the resend's takeover found it by that property and answered
     * "filed": the sender was told all was well for an empty record. Now the content is checked against the hash, and
     * the resend writes it (as a new version, so the empty one stays visible in the history).
     */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aRecordLeftWithoutItsContentByACrashGetsItFromTheResendNotAnAcknowledgementForAnEmptyRecord() {
        InMemoryRecordRepository repository = repositoryWithCase();
        CaseFolder target = repository.findCaseByNumber("CLM-100").orElseThrow();
        byte[] content = "the report, as the provider sent it".getBytes(StandardCharsets.UTF_8);
        String sha = ImportPipeline.sha256(content);
        try (TestDatabase db = TestDatabase.h2(dir, "classpath:db/migration/importing")) {
            new JdbcImportState(db.dataSource()).claim(target.id(), sha, "hl7-mllp", "M1", LEASE);
            StoredRecord halfFiled = repository.fileWithoutContent(target.id(), ImportPipeline.toRecord(document("M1", content), sha));

            List<StoredRecord> followedUp = new CopyOnWriteArrayList<>();
            try (JdbcImportState state = new JdbcImportState(db.dataSource(), Clock.offset(Clock.systemUTC(), LEASE.plusMinutes(1)));
                 ImportPipeline restarted = pipeline(repository, state, followedUp::add)) {
                assertThat(restarted.recoverFollowUps(Duration.ZERO)).as("without the bytes, the recovery leaves it to the resend").isZero();
                Clock later = Clock.offset(Clock.systemUTC(), LEASE.plusMinutes(LEASE.toMinutes() + 2));
                try (JdbcImportState afterRecovery = new JdbcImportState(db.dataSource(), later);
                     ImportPipeline resendNode = pipeline(repository, afterRecovery, followedUp::add)) {
                    ImportOutcome resent = resendNode.importDocument(document("M1", content));

                    assertThat(resent.kind()).isEqualTo(ImportOutcome.Kind.FILED);
                    assertThat(resent.recordId()).isEqualTo(halfFiled.id());
                    assertThat(repository.content(halfFiled.id())).as("exactly as sent").isEqualTo(content);
                    assertThat(repository.recordCount()).isEqualTo(1);
                    assertThat(repository.versionComments.get(halfFiled.id())).singleElement().asString().contains("crash");
                }
            }
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void theRecoveryLeavesAloneWhatThisNodeStillHasQueued() throws Exception {
        InMemoryRecordRepository repository = repositoryWithCase();
        CountDownLatch listenerMayRun = new CountDownLatch(1);
        List<StoredRecord> followedUp = new CopyOnWriteArrayList<>();
        try (TestDatabase db = TestDatabase.h2(dir, "classpath:db/migration/importing");
             JdbcImportState state = new JdbcImportState(db.dataSource());
             ImportPipeline pipeline = pipeline(repository, state, record -> {
                 await(listenerMayRun);
                 followedUp.add(record);
             })) {
            pipeline.importDocument(document("M1", "queued behind a slow index"));
            state.flushCompletions();

            assertThat(pipeline.recoverFollowUps(Duration.ZERO)).as("queued here: not done a second time").isZero();

            listenerMayRun.countDown();
            waitUntil(() -> state.awaitingFollowUpCount() == 0);
            assertThat(followedUp).hasSize(1);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void oneRecordTheListenerCannotHandleDoesNotHoldBackItsBatch() throws Exception {
        InMemoryRecordRepository repository = repositoryWithCase();
        List<StoredRecord> indexed = new CopyOnWriteArrayList<>();
        ImportedRecordListener index = ImportedRecordListener.inBatches(records -> {
            if (records.stream().anyMatch(r -> r.name().startsWith("poison"))) {
                throw new IllegalStateException("cannot index this one");
            }
            indexed.addAll(records);
        });
        try (TestDatabase db = TestDatabase.h2(dir, "classpath:db/migration/importing");
             JdbcImportState state = new JdbcImportState(db.dataSource());
             ImportPipeline pipeline = pipeline(repository, state, index)) {
            pipeline.importDocument(document("good-1", "first"));
            pipeline.importDocument(document("poison", "cannot be indexed"));
            pipeline.importDocument(document("good-2", "second"));

            waitUntil(() -> indexed.size() == 2);
            waitUntil(() -> state.awaitingFollowUpCount() == 1);
            assertThat(indexed).extracting(StoredRecord::name).containsExactlyInAnyOrder("good-1.txt", "good-2.txt");
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aClaimWithinItsLeaseIsLeftToItsDelivery() {
        InMemoryRecordRepository repository = repositoryWithCase();
        CaseFolder target = repository.findCaseByNumber("CLM-100").orElseThrow();
        try (TestDatabase db = TestDatabase.h2(dir, "classpath:db/migration/importing");
             JdbcImportState state = new JdbcImportState(db.dataSource());
             ImportPipeline pipeline = pipeline(repository, state, record -> { })) {
            var inFlight = (JdbcImportState.Claimed) state.claim(target.id(), "d".repeat(64), "hl7-mllp", "M1", LEASE);

            assertThat(pipeline.recoverFollowUps(Duration.ZERO)).isZero();

            assertThat(state.inFlightCount()).isEqualTo(1);
            assertThat(state.takeOverAbandoned(inFlight.key(), LEASE)).isEmpty();
        }
    }

    private static ImportPipeline pipeline(InMemoryRecordRepository repository, JdbcImportState state, ImportedRecordListener listener) {
        return new ImportPipeline(repository, state, new LoggingImportAudit(), new ImportMetrics(new SimpleMeterRegistry()), listener, LEASE);
    }

    private static InMemoryRecordRepository repositoryWithCase() {
        InMemoryRecordRepository repository = new InMemoryRecordRepository();
        repository.seedCase("CLM-100", "CLT-100", "Doe", "Jane", LocalDate.of(1980, 4, 2));
        return repository;
    }

    private static IncomingDocument document(String messageId, String text) {
        return document(messageId, text.getBytes(StandardCharsets.UTF_8));
    }

    private static IncomingDocument document(String messageId, byte[] content) {
        return new IncomingDocument("hl7-mllp", messageId, Instant.now(), "CLM-100", null, null, null, "progressNote", Set.of(), null, null,
                null, null, messageId + ".txt", "text/plain", content);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10); // the background follow-up is what is under test
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }
}
