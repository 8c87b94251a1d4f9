package com.medcase.importing.bench;

import com.medcase.importing.filedrop.FileDropProcessor;
import com.medcase.importing.hl7.Hl7Samples;
import com.medcase.importing.hl7.MllpListener;
import com.medcase.importing.pipeline.ImportPipeline;
import com.medcase.importing.testapp.ImportingTestApplication;
import com.medcase.importing.testapp.InMemoryRecordRepository;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * End-to-end import throughput on this machine (bench profile only, never in verify): HL7 MDM over
 * MLLP pipelined on several connections, the same strictly sequential on one connection (the
 * "Mirth-style" baseline: send, wait for the ACK, send the next), and file-drop batches. Filing goes
 * to the in-memory repository port; state (idempotency, dead letters) to an H2 file database.
 * Run: {@code mvn -B -pl medcase-importing -Pbench-importing test-compile exec:java}
 */
public final class ImportThroughputBench {

    private static final AtomicInteger SEQ = new AtomicInteger();

    public static void main(String[] args) throws Exception {
        int messages = Integer.getInteger("bench.messages", 5000);
        int connections = Integer.getInteger("bench.connections", 4);
        Path dir = Files.createTempDirectory("medcase-import-bench");
        if (Boolean.getBoolean("bench.repositoryOnly")) { // only the embedded-repository part (profiling it)
            againstEmbeddedRepository(dir, messages / 5, connections);
            return;
        }
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ImportingTestApplication.class)
                .properties("medcase.test.db-dir=" + dir.resolve("db"), "medcase.importing.mllp.enabled=true", "medcase.importing.mllp.port=0",
                        "medcase.importing.file-drop.enabled=true", "medcase.importing.file-drop.inbox=" + dir.resolve("inbox"),
                        "medcase.importing.file-drop.poll-millis=50", "logging.level.medcase.import.audit=WARN", "spring.main.banner-mode=off")
                .run()) {
            int port = app.getBean(MllpListener.class).port();
            InMemoryRecordRepository repo = app.getBean(InMemoryRecordRepository.class);
            MllpLoad.pipelined(port, 1000, connections, ImportThroughputBench::next); // warm-up
            MllpLoad.sequential(port, 500, ImportThroughputBench::next);
            report("MLLP pipelined, " + connections + " connections", messages, MllpLoad.pipelined(port, messages, connections, ImportThroughputBench::next));
            report("MLLP Mirth-style baseline, 1 connection, sequential", messages / 2, MllpLoad.sequential(port, messages / 2, ImportThroughputBench::next));
            report("File drop, 20 batches x 50 PDFs", 1000, fileDrops(dir.resolve("inbox"), repo, 20, 50));
        }
        if (!Boolean.getBoolean("bench.skipRepository")) {
            againstEmbeddedRepository(dir, messages / 5, connections);
        }
    }

    /**
     * MLLP with 4 and 12 connections and file drops, filing into the embedded default repository through the
     * production binding, with a breakdown of where the time goes (repository calls timed by a proxy).
     */
    private static void againstEmbeddedRepository(Path dir, int messages, int connections) throws Exception {
        char[] password = "bench-service-secret".toCharArray();
        // -Dbench.postgres=true: both databases on the local PostgreSQL (the production option) instead of H2 files
        boolean postgres = Boolean.getBoolean("bench.postgres");
        String repositorySchema = "bench_repo_" + Long.toHexString(System.nanoTime());
        try (var server = com.medcase.alfresco.embedded.EmbeddedAlfresco.start(new com.medcase.alfresco.embedded.EmbeddedAlfrescoSettings(
                dir.resolve("repository"), postgres ? com.medcase.store.TestDatabase.PG_URL + "?currentSchema=" + repositorySchema : null,
                postgres ? com.medcase.store.TestDatabase.PG_USER : null, null, 0, "svc", password));
             var db = postgres ? com.medcase.store.TestDatabase.postgres("classpath:db/migration/importing")
                     : com.medcase.store.TestDatabase.h2(dir.resolve("repository-db"), "classpath:db/migration/importing")) {
            System.out.println("databases: " + (postgres ? "PostgreSQL" : "H2 files"));
            var http = new com.medcase.repository.alfresco.AlfrescoHttp(com.medcase.repository.alfresco.AlfrescoSettings.of(server.baseUrl(), "svc", password));
            var real = new com.medcase.repository.alfresco.AlfrescoRecordRepository(http,
                    new com.medcase.repository.alfresco.AlfrescoAuthorityDirectory(http), java.time.Clock.systemUTC());
            real.createCase(new com.medcase.repository.NewCase(ImportingTestApplication.CLAIM,
                    java.util.Map.of(com.medcase.model.MedCaseModel.PROP_CASE_TYPE, "workersCompensation")));
            java.util.Map<String, java.util.concurrent.atomic.LongAdder> timeIn = new java.util.concurrent.ConcurrentHashMap<>();
            var repository = (com.medcase.repository.RecordRepository) java.lang.reflect.Proxy.newProxyInstance(
                    com.medcase.repository.RecordRepository.class.getClassLoader(), new Class<?>[]{com.medcase.repository.RecordRepository.class},
                    (proxy, method, margs) -> {
                        long t0 = System.nanoTime();
                        try {
                            return method.invoke(real, margs);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        } finally {
                            timeIn.computeIfAbsent("repository." + method.getName(), k -> new java.util.concurrent.atomic.LongAdder())
                                    .add(System.nanoTime() - t0);
                        }
                    });
            var metrics = new com.medcase.importing.pipeline.ImportMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry(),
                    new com.medcase.importing.pipeline.JdbcImportState(db.dataSource()));
            var state = new com.medcase.importing.pipeline.JdbcImportState(db.dataSource());
            var pipeline = new ImportPipeline(repository, state,
                    new com.medcase.importing.pipeline.LoggingImportAudit(), metrics, r -> { });
            var processor = new com.medcase.importing.hl7.Hl7MessageProcessor("hl7-mllp", pipeline,
                    new com.medcase.importing.hl7.Hl7DocumentExtractor(), StandardCharsets.ISO_8859_1, 3, 50);
            java.util.concurrent.atomic.LongAdder handling = new java.util.concurrent.atomic.LongAdder();
            MllpListener listener = new MllpListener("127.0.0.1", 0, new MllpListener.Limits(32, 32, java.time.Duration.ofMinutes(1),
                    java.time.Duration.ofMinutes(1), List.of()), null, false, bytes -> {
                long t0 = System.nanoTime();
                try {
                    return processor.handle(bytes, "hl7-mllp");
                } finally {
                    handling.add(System.nanoTime() - t0);
                }
            });
            listener.start();
            try {
                // warm-up: the JIT compiles the whole path (HAPI, HTTP client and server, H2) before anything is timed
                MllpLoad.sequential(listener.port(), 200, ImportThroughputBench::next);
                MllpLoad.pipelined(listener.port(), Integer.getInteger("bench.warmup", 3000), connections, ImportThroughputBench::next);
                WrittenBytes written = new WrittenBytes(server.databaseUpkeep().orElse(null), com.medcase.store.H2FileUpkeep.of(db.dataSource()));
                for (int c : new int[]{connections, 12}) {
                    timeIn.clear();
                    handling.reset();
                    resetCpu();
                    written.reset();
                    long nanos = MllpLoad.pipelined(listener.port(), messages, c, ImportThroughputBench::next);
                    report("Embedded repository: MLLP pipelined, " + c + " connections", messages, nanos);
                    breakdown(timeIn, handling.sum());
                    written.print(messages);
                }
                resetCpu();
                report("Embedded repository: MLLP sequential, 1 connection", messages / 4, MllpLoad.sequential(listener.port(), messages / 4, ImportThroughputBench::next));
            } finally {
                listener.stop();
            }
            timeIn.clear();
            resetCpu();
            FileDropProcessor drops = new FileDropProcessor("file-drop", pipeline, dir.resolve("repo-quarantine"), dir.resolve("repo-processed"), 3);
            int batches = Integer.getInteger("bench.fileDropBatches", 10);
            int perBatch = Integer.getInteger("bench.fileDropFiles", 100);
            report("Embedded repository: file drop, " + batches + " batches x " + perBatch + " PDFs", batches * perBatch,
                    fileDropsDirect(dir.resolve("repo-inbox"), drops, batches, perBatch, 2));
            breakdown(timeIn, 0);
            // before the databases close: the pipeline's follow-ups and completions, then the counters, finish their writes
            pipeline.close();
            state.close();
            metrics.close();
        }
    }

    /**
     * H2's bytes written per document in each database (the upkeep's figures, read every 250 ms, so a phase's count is
     * off by at most a quarter-second's writes): what a schema or key change costs, without the host's noise in it.
     */
    private static final class WrittenBytes {
        private final com.medcase.store.H2FileUpkeep repository;
        private final com.medcase.store.H2FileUpkeep importState;
        private long repositoryAtStart;
        private long importStateAtStart;

        WrittenBytes(com.medcase.store.H2FileUpkeep repository, com.medcase.store.H2FileUpkeep importState) {
            this.repository = repository;
            this.importState = importState;
        }

        void reset() {
            repositoryAtStart = written(repository);
            importStateAtStart = written(importState);
        }

        void print(int documents) throws InterruptedException {
            Thread.sleep(300); // one more round of the upkeep reads what the phase's last commits wrote
            System.out.printf("    H2 written per document: repository %.1f KB, import state %.1f KB%n",
                    (written(repository) - repositoryAtStart) / 1000.0 / documents, (written(importState) - importStateAtStart) / 1000.0 / documents);
        }

        private static long written(com.medcase.store.H2FileUpkeep upkeep) {
            return upkeep == null ? 0 : upkeep.stats().writtenBytes();
        }
    }

    private static void breakdown(java.util.Map<String, java.util.concurrent.atomic.LongAdder> timeIn, long handlingNanos) {
        if (handlingNanos > 0) {
            System.out.printf("    time in the message handler (all threads): %8.2f s%n", handlingNanos / 1e9);
        }
        timeIn.entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e ->
                System.out.printf("    %-40s %8.2f s%n", e.getKey(), e.getValue().sum() / 1e9));
    }

    /** File drops through the processor (manifest, validation, filing, receipt), {@code threads} batches at a time. */
    private static long fileDropsDirect(Path inbox, FileDropProcessor drops, int batches, int files, int threads) throws Exception {
        List<Path> ready = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            Path batch = inbox.resolve("bench-provider").resolve("batch-" + b);
            Files.createDirectories(batch);
            StringBuilder manifest = new StringBuilder("file,claim_number,category,sha256,provider_npi\n");
            for (int f = 0; f < files; f++) {
                byte[] pdf = Hl7Samples.pdf("repo drop " + b + "/" + f + " " + System.nanoTime());
                // the same names in every batch: two batches filing "doc-7.pdf" at once exercise autoRename under concurrency
                Files.write(batch.resolve("doc-" + f + ".pdf"), pdf);
                manifest.append("doc-").append(f).append(".pdf,").append(ImportingTestApplication.CLAIM).append(",clinicalNotes,")
                        .append(ImportPipeline.sha256(pdf)).append(",1234567893\n");
            }
            Files.writeString(batch.resolve("manifest.csv"), manifest);
            ready.add(batch);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            resetCpu();
            long start = System.nanoTime();
            List<Future<FileDropProcessor.BatchResult>> results = new ArrayList<>();
            for (Path batch : ready) {
                results.add(pool.submit(() -> drops.importBatch(batch)));
            }
            for (Future<FileDropProcessor.BatchResult> r : results) {
                FileDropProcessor.BatchResult result = r.get(10, TimeUnit.MINUTES);
                if (!"IMPORTED".equals(result.status())) {
                    throw new IllegalStateException(result.batch() + " " + result.status() + " " + result.problems());
                }
            }
            return System.nanoTime() - start;
        } finally {
            pool.shutdownNow();
        }
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    /** Process CPU time at the previous report: each report also says the CPU the whole process spent per document. */
    private static long cpuAtLastReport = OS.getProcessCpuTime();

    private static void report(String what, int count, long nanos) {
        long cpu = OS.getProcessCpuTime();
        System.out.printf("%-55s %6d docs in %6.2f s = %8.1f docs/s (process CPU %.2f ms/doc)%n", what, count, nanos / 1e9,
                count / (nanos / 1e9), (cpu - cpuAtLastReport) / 1e6 / count);
        cpuAtLastReport = cpu;
    }

    /** Starts the CPU account of the next report here (after a warm-up, say). */
    private static void resetCpu() {
        cpuAtLastReport = OS.getProcessCpuTime();
    }

    private static String next() {
        int i = SEQ.incrementAndGet();
        return Hl7Samples.mdm("B-" + i, ImportingTestApplication.CLAIM, "Bench", "Mark", "19700102", "", Hl7Samples.pdf("bench " + i + " " + System.nanoTime()));
    }

    private static long fileDrops(Path inbox, InMemoryRecordRepository repo, int batches, int files) throws Exception {
        int before = repo.recordCount();
        Path staging = inbox.resolveSibling("staging");
        List<Path> ready = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            Path batch = staging.resolve("bench-provider").resolve("batch-" + b);
            Files.createDirectories(batch);
            StringBuilder manifest = new StringBuilder("file,claim_number,category,sha256,provider_npi\n");
            for (int f = 0; f < files; f++) {
                byte[] pdf = Hl7Samples.pdf("drop " + b + "/" + f + " " + System.nanoTime());
                Files.write(batch.resolve("doc-" + f + ".pdf"), pdf);
                manifest.append("doc-").append(f).append(".pdf,").append(ImportingTestApplication.CLAIM).append(",clinicalNotes,")
                        .append(ImportPipeline.sha256(pdf)).append(",1234567893\n");
            }
            Files.writeString(batch.resolve("manifest.csv"), manifest);
            ready.add(batch);
        }
        long start = System.nanoTime();
        for (Path batch : ready) {
            Path target = inbox.resolve("bench-provider").resolve(batch.getFileName());
            Files.createDirectories(target.getParent());
            Files.move(batch, target);
            Files.createFile(target.resolve(FileDropProcessor.READY_MARKER));
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (repo.recordCount() - before < batches * files) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("file drops not filed within 5 minutes: " + (repo.recordCount() - before));
            }
            Thread.sleep(5); // a benchmark main polling for completion, not a test
        }
        return System.nanoTime() - start;
    }
}
