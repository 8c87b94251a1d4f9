package com.medcase.repository.bench;

import com.medcase.audit.InMemoryAuditLedger;
import com.medcase.consent.Authorization;
import com.medcase.consent.AuthorizationKind;
import com.medcase.consent.ClaimantConsents;
import com.medcase.consent.ConsentEngine;
import com.medcase.consent.Provision;
import com.medcase.consent.Purpose;
import com.medcase.consent.Recipient;
import com.medcase.consent.Revocation;
import com.medcase.enforcement.EmbeddedRepositoryFixture;
import com.medcase.enforcement.GovernedRecordRepository;
import com.medcase.enforcement.RecordAccessEnforcer;
import com.medcase.model.MedCaseModel;
import com.medcase.repository.CaseFolder;
import com.medcase.repository.NewCase;
import com.medcase.repository.NewRecord;
import com.medcase.repository.RecordRepository;
import com.medcase.repository.StoredRecord;
import com.medcase.repository.alfresco.AlfrescoHolds;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Bench command (not a test), against the embedded default repository through the production binding
 * (REST v1 over HTTP on loopback, records filed with their ACL by the governed repository):
 * <pre>
 *   file   N THREADS          records of 20 KiB per second, filing N records into one case
 *   flat   N THREADS          the same, printing the rate of each segment (1k, 5k, 10k, 25k, 50k ...)
 *   consent N                 grant one authorization over a case of N records (ACL of each record
 *                             rewritten), then revoke it: time until the recipient is refused on every
 *                             sampled record and its groups (what search filters with) lack the group
 *   encryption N THREADS ROUNDS  encryption at rest against none, in the same run: two embedded repositories (one with
 *                             its H2 under CIPHER=AES and content files AES-256-GCM, one plain) file N records each and
 *                             read every content back, alternating, ROUNDS times; prints each round and the median
 *                             ratios encrypted/plain of filing and reading time (target: at most 1.15)
 * </pre>
 * Run: ./mvnw -B -q -pl medcase-repository -am -Pbench-repository test-compile exec:java -Dexec.args="flat 50000 4"
 */
public final class RepositoryBench {

    static final byte[] PDF = pdf();
    /** -Dbench.h2=";SETTING=value": H2 settings added to both sides' repository database URL (trying H2 settings). */
    static final String H2_EXTRA = System.getProperty("bench.h2", "");
    /**
     * Records filed per side before the encryption rounds (-Dbench.warmup): with 300 the plain side's CPU per round still
     * fell by half from round 1 to round 5 (JIT), so the first rounds compared warm-up, not encryption.
     */
    static final int WARM_UP = Integer.getInteger("bench.warmup", 1500);

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "file";
        int records = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        if (mode.equals("encryption")) {
            encryption(records, threads, args.length > 3 ? Integer.parseInt(args[3]) : 5);
            return;
        }
        Path home = Files.createTempDirectory("medcase-repository-bench");
        AtomicReference<Authorization> current = new AtomicReference<>();
        // -Dbench.jdbc=jdbc:postgresql://127.0.0.1:5432/test?currentSchema=bench_... puts the embedded repository in PostgreSQL.
        try (EmbeddedRepositoryFixture fixture = new EmbeddedRepositoryFixture(home, System.getProperty("bench.jdbc"))) {
            RecordAccessEnforcer enforcer = new RecordAccessEnforcer(fixture.repository, fixture.authorities, new AlfrescoHolds(fixture.http),
                    new ConsentEngine(), claimant -> ClaimantConsents.of(claimant, current.get() == null ? List.of() : List.of(current.get())),
                    new InMemoryAuditLedger(Clock.systemUTC()), Clock.systemUTC(), threads);
            GovernedRecordRepository repo = new GovernedRecordRepository(fixture.repository, enforcer);
            fixture.repository.createClaimant("CL-B", Map.of(MedCaseModel.PROP_CLAIMANT_GIVEN_NAME, "Bench", MedCaseModel.PROP_CLAIMANT_FAMILY_NAME,
                    "Mark", MedCaseModel.PROP_DATE_OF_BIRTH, LocalDate.of(1970, 1, 1)));
            CaseFolder warm = repo.createCase(new NewCase("CLM-WARM", Map.of(MedCaseModel.PROP_CASE_TYPE, "other", MedCaseModel.PROP_CASE_CLAIMANT_ID, "CL-B")));
            file(repo, warm, 0, 300, threads);
            CaseFolder c = repo.createCase(new NewCase("CLM-B", Map.of(MedCaseModel.PROP_CASE_TYPE, "other", MedCaseModel.PROP_CASE_CLAIMANT_ID, "CL-B")));
            switch (mode) {
                case "file" -> {
                    long start = System.nanoTime();
                    file(repo, c, 0, records, threads);
                    double s = (System.nanoTime() - start) / 1e9;
                    System.out.printf("filing: %d records of 20 KiB on %d thread(s): %.0f records/s (%.2f s)%n", records, threads, records / s, s);
                }
                case "flat" -> {
                    int done = 0;
                    for (int checkpoint : new int[] {1_000, 5_000, 10_000, 25_000, 50_000, 100_000}) {
                        if (checkpoint > records) {
                            break;
                        }
                        long start = System.nanoTime();
                        file(repo, c, done, checkpoint - done, threads);
                        double s = (System.nanoTime() - start) / 1e9;
                        System.out.printf("filing records %d..%d on %d thread(s): %.0f records/s%n", done + 1, checkpoint, threads, (checkpoint - done) / s);
                        done = checkpoint;
                    }
                }
                case "consent" -> consent(fixture, enforcer, repo, c, records, threads, current);
                default -> throw new IllegalArgumentException("mode: file | flat | consent");
            }
            enforcer.close();
        }
    }

    static void consent(EmbeddedRepositoryFixture fixture, RecordAccessEnforcer enforcer, RecordRepository repo, CaseFolder c, int records,
                        int threads, AtomicReference<Authorization> current) throws Exception {
        file(repo, c, 0, records, threads);
        Authorization auth = new Authorization("A-B", "CL-B", AuthorizationKind.GENERAL_HIPAA, "Holder",
                Recipient.named(EmbeddedRepositoryFixture.ADJUSTER), Set.of(Purpose.LITIGATION),
                List.of(Provision.permit(Set.of("clinicalNotes"), Set.of(), null, null)), "records",
                Instant.now().minusSeconds(60), Instant.now().plusSeconds(86_400), null, LocalDate.now(), "c", null, null, true, null);
        current.set(auth);
        long t0 = System.nanoTime();
        int n = enforcer.reprojectAfter(auth, RecordAccessEnforcer.Actor.user("bench")).records();
        System.out.printf("grant: one authorization over %d records (each record's ACL rewritten, %d calls in flight): %.2f s%n",
                n, threads, (System.nanoTime() - t0) / 1e9);
        List<StoredRecord> sample = repo.listRecords(c.id()).stream().limit(20).toList();
        for (StoredRecord r : sample) {
            require(fixture.as(EmbeddedRepositoryFixture.ADJUSTER, "GET", "/nodes/" + r.id() + "/content", null).status() == 200, "granted read");
        }
        String group = RecordAccessEnforcer.groupOf(auth.id());
        require(fixture.authorities.groupsOf(EmbeddedRepositoryFixture.ADJUSTER).contains(group), "group membership");

        long t1 = System.nanoTime();
        current.set(auth.revoke(new Revocation(Instant.now(), "bench", "bench")));
        enforcer.emptyGroup(auth.id());
        for (StoredRecord r : sample) {
            require(fixture.as(EmbeddedRepositoryFixture.ADJUSTER, "GET", "/nodes/" + r.id() + "/content", null).status() == 403, "refused");
        }
        require(!fixture.authorities.groupsOf(EmbeddedRepositoryFixture.ADJUSTER).contains(group), "search authorities");
        System.out.printf("revoke: over %d records, refused for reads (20 sampled) and dropped from the search authorities: %.3f s end to end%n",
                records, (System.nanoTime() - t1) / 1e9);
        long t2 = System.nanoTime();
        enforcer.reprojectClaimant("CL-B", auth.id(), RecordAccessEnforcer.Actor.user("bench"));
        System.out.printf("housekeeping after the revocation (stale ACL entries removed from %d records): %.2f s%n", records,
                (System.nanoTime() - t2) / 1e9);
        // The same grant once the update path is warm (a service runs for days; the first grant above also pays the JIT).
        Authorization second = new Authorization("A-B2", "CL-B", auth.kind(), auth.discloser(), auth.recipient(), auth.purposes(),
                auth.provisions(), auth.informationDescription(), auth.validFrom(), auth.expiresAt(), null, auth.signedOn(), auth.signedBy(),
                null, null, true, null);
        current.set(second);
        long t3 = System.nanoTime();
        n = enforcer.reprojectAfter(second, RecordAccessEnforcer.Actor.user("bench")).records();
        System.out.printf("grant again, warm: a second authorization over %d records: %.2f s%n", n, (System.nanoTime() - t3) / 1e9);
    }

    /** One side of the encryption bench: an embedded repository, plain or encrypted at rest, with the governed binding. */
    record Side(String name, EmbeddedRepositoryFixture fixture, GovernedRecordRepository repo, CaseFolder folder) implements AutoCloseable {
        static Side start(String name, boolean encrypted, int threads) throws Exception {
            Path home = Files.createTempDirectory("medcase-encryption-bench-" + name);
            EmbeddedRepositoryFixture fixture;
            // -Dbench.encrypt=content|database|both (default both): which part is encrypted on the encrypted side.
            String parts = System.getProperty("bench.encrypt", "both");
            if (encrypted && !parts.equals("both")) {
                byte[] contentKey = new byte[32];
                new java.security.SecureRandom().nextBytes(contentKey);
                String filePassword = java.util.HexFormat.of().formatHex(contentKey);
                Files.createDirectories(home.resolve("db"));
                fixture = parts.equals("content")
                        ? new EmbeddedRepositoryFixture(home, null, null, null, com.medcase.alfresco.embedded.ContentEncryption.of(contentKey, List.of()))
                        : new EmbeddedRepositoryFixture(home, "jdbc:h2:file:" + home.resolve("db/repository").toAbsolutePath()
                        + com.medcase.store.H2FileUpkeep.URL_SETTINGS + ";QUERY_CACHE_SIZE=256;TRACE_LEVEL_FILE=0;CIPHER=AES" + H2_EXTRA, "", filePassword + " ", null);
            } else if (encrypted) {
                byte[] contentKey = new byte[32];
                byte[] dbKey = new byte[32];
                new java.security.SecureRandom().nextBytes(contentKey);
                new java.security.SecureRandom().nextBytes(dbKey);
                String filePassword = java.util.HexFormat.of().formatHex(dbKey);
                Files.createDirectories(home.resolve("db"));
                // The same H2 URL the service gives the embedded repository when encryption at rest is on.
                fixture = new EmbeddedRepositoryFixture(home, "jdbc:h2:file:" + home.resolve("db/repository").toAbsolutePath()
                        + com.medcase.store.H2FileUpkeep.URL_SETTINGS + ";QUERY_CACHE_SIZE=256;TRACE_LEVEL_FILE=0;CIPHER=AES" + H2_EXTRA, "", filePassword + " ",
                        com.medcase.alfresco.embedded.ContentEncryption.of(contentKey, List.of()));
            } else if (!H2_EXTRA.isEmpty()) {
                Files.createDirectories(home.resolve("db"));
                fixture = new EmbeddedRepositoryFixture(home, "jdbc:h2:file:" + home.resolve("db/repository").toAbsolutePath()
                        + com.medcase.store.H2FileUpkeep.URL_SETTINGS + ";QUERY_CACHE_SIZE=256;TRACE_LEVEL_FILE=0" + H2_EXTRA, null, null, null);
            } else {
                fixture = new EmbeddedRepositoryFixture(home, null);
            }
            RecordAccessEnforcer enforcer = new RecordAccessEnforcer(fixture.repository, fixture.authorities, new AlfrescoHolds(fixture.http),
                    new ConsentEngine(), claimant -> ClaimantConsents.of(claimant, List.of()),
                    new InMemoryAuditLedger(Clock.systemUTC()), Clock.systemUTC(), threads);
            GovernedRecordRepository repo = new GovernedRecordRepository(fixture.repository, enforcer);
            fixture.repository.createClaimant("CL-E", Map.of(MedCaseModel.PROP_CLAIMANT_GIVEN_NAME, "Bench", MedCaseModel.PROP_CLAIMANT_FAMILY_NAME,
                    "Mark", MedCaseModel.PROP_DATE_OF_BIRTH, LocalDate.of(1970, 1, 1)));
            CaseFolder folder = repo.createCase(new NewCase("CLM-E-" + name, Map.of(MedCaseModel.PROP_CASE_TYPE, "other",
                    MedCaseModel.PROP_CASE_CLAIMANT_ID, "CL-E")));
            return new Side(name, fixture, repo, folder);
        }

        @Override
        public void close() {
            fixture.close();
        }
    }

    static void encryption(int records, int threads, int rounds) throws Exception {
        try (Side plain = Side.start("plain", false, threads); Side encrypted = Side.start("encrypted", true, threads)) {
            // Warm-up on both (JIT, pools), not measured.
            for (Side side : List.of(plain, encrypted)) {
                file(side.repo(), side.folder(), 0, WARM_UP, threads);
                readAll(side, threads);
            }
            List<Double> fileRatios = new ArrayList<>();
            List<Double> readRatios = new ArrayList<>();
            // Process CPU per phase as well: the sides run one after the other, so the JVM's CPU time in a phase is that
            // side's cost (client and repository), much less disturbed by other processes on the cores than wall time.
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            List<Double> fileCpuRatios = new ArrayList<>();
            List<Double> readCpuRatios = new ArrayList<>();
            int next = WARM_UP;
            for (int round = 1; round <= rounds; round++) {
                double[] fileSeconds = new double[2];
                double[] readSeconds = new double[2];
                double[] fileCpu = new double[2];
                double[] readCpu = new double[2];
                // Alternate which side goes first, so drift on the shared cores falls on both.
                List<Side> order = round % 2 == 1 ? List.of(plain, encrypted) : List.of(encrypted, plain);
                for (Side side : order) {
                    int i = side == plain ? 0 : 1;
                    long c0 = os.getProcessCpuTime();
                    long t0 = System.nanoTime();
                    file(side.repo(), side.folder(), next, records, threads);
                    fileSeconds[i] = (System.nanoTime() - t0) / 1e9;
                    long c1 = os.getProcessCpuTime();
                    fileCpu[i] = (c1 - c0) / 1e9;
                    long t1 = System.nanoTime();
                    int read = readAll(side, threads);
                    readSeconds[i] = (System.nanoTime() - t1) / 1e9;
                    readCpu[i] = (os.getProcessCpuTime() - c1) / 1e9;
                    require(read >= records, side.name() + " read back every record");
                }
                next += records;
                fileRatios.add(fileSeconds[1] / fileSeconds[0]);
                readRatios.add(readSeconds[1] / readSeconds[0]);
                fileCpuRatios.add(fileCpu[1] / fileCpu[0]);
                readCpuRatios.add(readCpu[1] / readCpu[0]);
                System.out.printf("round %d CPU: filing plain %.2f s, encrypted %.2f s (x%.3f); reading plain %.2f s, encrypted %.2f s (x%.3f)%n",
                        round, fileCpu[0], fileCpu[1], fileCpu[1] / fileCpu[0], readCpu[0], readCpu[1], readCpu[1] / readCpu[0]);
                System.out.printf("round %d: filing %d records plain %.2f s, encrypted %.2f s (x%.3f); reading all plain %.2f s, "
                                + "encrypted %.2f s (x%.3f)%n", round, records, fileSeconds[0], fileSeconds[1], fileSeconds[1] / fileSeconds[0],
                        readSeconds[0], readSeconds[1], readSeconds[1] / readSeconds[0]);
            }
            System.out.printf("encryption at rest, median of %d rounds (encrypted/plain, target <= 1.15): filing x%.3f, reading x%.3f%n",
                    rounds, median(fileRatios), median(readRatios));
            System.out.printf("encryption at rest, CPU time, median of %d rounds (encrypted/plain): filing x%.3f, reading x%.3f%n",
                    rounds, median(fileCpuRatios), median(readCpuRatios));
        }
    }

    /** Reads every record of the side's case back in full; returns how many. */
    static int readAll(Side side, int threads) throws Exception {
        List<StoredRecord> all = side.repo().listRecords(side.folder().id());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Integer>> futures = new ArrayList<>();
        for (StoredRecord r : all) {
            futures.add(pool.submit(() -> {
                try (var in = side.repo().readContent(r.id())) {
                    byte[] bytes = in.readAllBytes();
                    require(bytes.length == PDF.length, "content of " + r.id() + " read whole");
                    return 1;
                }
            }));
        }
        int n = 0;
        for (Future<Integer> f : futures) {
            n += f.get();
        }
        pool.shutdown();
        return n;
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int m = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(m) : (sorted.get(m - 1) + sorted.get(m)) / 2;
    }

    static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("bench check failed: " + what);
        }
    }

    static void file(RecordRepository repo, CaseFolder c, int from, int count, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            int n = i;
            futures.add(pool.submit(() -> repo.fileRecord(c.id(), new NewRecord("r-" + n + ".pdf", "application/pdf", PDF,
                    Map.of(MedCaseModel.PROP_RECORD_CATEGORY, "clinicalNotes", MedCaseModel.PROP_SHA256, String.format("%064x", n)), Map.of()))));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
    }

    /** A 20 KiB PDF-shaped payload. */
    static byte[] pdf() {
        byte[] bytes = new byte[20 * 1024];
        byte[] head = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, bytes, 0, head.length);
        for (int i = head.length; i < bytes.length; i++) {
            bytes[i] = (byte) ('a' + i % 26);
        }
        return bytes;
    }
}
