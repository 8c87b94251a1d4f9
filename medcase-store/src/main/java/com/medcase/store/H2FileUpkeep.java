package com.medcase.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What H2's background writer would do for a file database that writes each commit at once, done on a timer of
 * its own: reuse the file's space, and force the file to disk.
 * <p>
 * Our H2 databases run with {@code WRITE_DELAY=0} so that a killed process loses nothing it acknowledged (H2 then
 * writes each commit to the file before the commit returns). That setting also stops H2's background writer thread:
 * {@code FileStore.setAutoCommitDelay(0)} stops it and starts none (H2 2.3.232). Two jobs went with it:
 * <ul>
 *   <li><b>Housekeeping</b> ({@code RandomAccessStore.doHousekeeping}): H2 (MVStore) appends a chunk per commit and
 *   reuses a chunk's space only once none of its pages is live. Almost every chunk keeps a page or two alive, so
 *   without housekeeping, which re-writes those pages elsewhere, the file grows by about a chunk per commit for
 *   ever. Measured: 4.4 GB for the repository and 2.8 GB for the import state after 104,000 imported records, 6% of
 *   it live, 36,785 chunks. Every commit also rewrites the entries of the chunks it frees pages in, in a layout map
 *   listing all of them: that was most of a commit's CPU.</li>
 *   <li><b>Forcing the file.</b> H2 never fsyncs on commit; what the kernel had not written back yet (up to about
 *   30 s) was lost by a power cut.</li>
 * </ul>
 * Here, every {@link Settings#compactEvery()} live pages from the oldest, emptiest chunks are re-written
 * ({@link MVStore#compact}): a quarter of what the database wrote since the last round, at most
 * {@link Settings#compactBytes()}, while the chunks old enough to be re-written are less than
 * {@link Settings#compactBelowFillRate()} percent live (H2's own {@code AUTO_COMPACT_FILL_RATE} default is 90). Every
 * {@link Settings#syncEvery()} {@code CHECKPOINT SYNC} forces the file, and a dead chunk's space is reused only after
 * such a sync made its death durable (see {@link #releasePin()}).
 * <p>
 * The URLs add {@code RETENTION_TIME=10000} ({@link #URL_SETTINGS}): a dead chunk's space may be reused once the chunk
 * is 10 s old instead of H2's default 45 s (H2 counts from when the chunk was written, {@code FileStore.isSeasonedChunk}).
 * The chunk count, and with it the file's size, follows that time. H2's help for {@code SET RETENTION_TIME}: a lower
 * value "might be dangerous, unless the file system and hard disk flush the buffers earlier. To manually flush the
 * buffers, use CHECKPOINT SYNC". The retention alone does not make reuse safe, since an old chunk can die and be
 * overwritten within one sync period; the pin does (a 3 s retention halved both files in the import bench with the
 * same throughput, and is left for a longer trial).
 * <p>
 * {@link MVStore#compact} and {@link MVStore#commit} are H2's public MVStore API; reaching the MVStore of a JDBC
 * database ({@code JdbcConnection.getSession()}, {@code SessionLocal.getDatabase().getStore().getMvStore()}) is not.
 * H2 over TCP or SSL gets no upkeep here (the server process owns the file); a database that does not answer that way
 * (another H2 version) is only forced, and that is logged.
 */
public final class H2FileUpkeep implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(H2FileUpkeep.class);

    /**
     * The URL settings of every H2 file database this class keeps: commits written at once, 10 s retention, and the
     * database closed by its pool rather than by H2's shutdown hook. That hook ran beside the application's (Spring
     * stopping Quartz and the rest) in no set order and closed the database under them: every stop logged "Database
     * is already closed" errors and failed what was running (H2ShutdownOrderTest). The pool's close closes the
     * database once its last connection goes; a process killed or never closed loses nothing, its commits written.
     */
    public static final String URL_SETTINGS = ";WRITE_DELAY=0;RETENTION_TIME=10000;DB_CLOSE_ON_EXIT=FALSE";

    /**
     * @param compactEvery         how often live pages are moved out of old chunks
     * @param compactBytes         at most this many bytes of live pages each time (H2 holds its store lock meanwhile,
     *                             12 to 15 ms per MiB in the import bench). Smaller slices more often cost more: each
     *                             round also scans all chunks under that lock (256 KiB every 50 ms: 4 connections 710
     *                             against 834 msg/s, one pair of 100,000-message runs)
     * @param compactBelowFillRate re-write only while the chunks are less than this percent live
     * @param syncEvery            how often the file is forced to disk: at most what a power cut loses, and how long a
     *                             version stays pinned (see {@link #releasePin()}); well below the URL's retention time
     */
    public record Settings(Duration compactEvery, int compactBytes, int compactBelowFillRate, Duration syncEvery) {
        /**
         * 80: compaction stops once the old chunks are four-fifths live. 50 (freeing a byte then never costs more than
         * a byte re-written) was measured against it on 2026-11-30: the same file sizes and throughput within the
         * spread (whole-process CPU 0.95 and 1.01 of this in two series of two 100,000-message pairs), since the
         * per-round budget, not the threshold, bounds the work.
         */
        public static final Settings DEFAULT = new Settings(Duration.ofMillis(250), 1 << 20, 80, Duration.ofMillis(100));
    }

    /**
     * What the upkeep has done so far and the file as it last saw it, for an administrator's numbers (no names, no
     * content: nothing here can quote a record).
     *
     * @param syncs             times the file was forced to disk
     * @param slowestSyncMillis the slowest of those
     * @param lastSync          when the file was last forced; null before the first time
     * @param compactions       rounds that re-wrote live pages of old chunks
     * @param failures          rounds that failed (a failing disk, say); {@code lastFailure} names the last one's kind
     * @param lastFailure       the exception class of the last failed round, or null
     * @param fileBytes         the file's size, -1 when its store is not reachable
     * @param livePercent       how much of the file's chunks is live data (H2's {@code info.CHUNKS_FILL_RATE}), -1 when unknown
     * @param chunks            the file's chunks (H2 writes one per commit; freed ones are reused), -1 when unknown
     * @param writtenBytes      bytes H2 wrote to the file since it was opened ({@code info.FILE_WRITE_BYTES}): a rate of it
     *                          per commit or per imported document is what a schema or key change costs; -1 when unknown
     */
    public record Stats(long syncs, long slowestSyncMillis, java.time.Instant lastSync, long compactions, long failures, String lastFailure,
                        long fileBytes, int livePercent, long chunks, long writtenBytes) {
    }

    private final DataSource dataSource;
    private final String name;
    private final Settings settings;
    private final ScheduledExecutorService timer;
    private final AtomicLong syncs = new AtomicLong();
    private final AtomicLong slowestSyncNanos = new AtomicLong();
    private final AtomicLong compactions = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile java.time.Instant lastSync;
    private volatile String lastFailure;
    /** The file's figures as the last round read them (H2's populateInfo): size, live share, chunks, bytes written. */
    private volatile long fileBytes = -1;
    private volatile int livePercent = -1;
    private volatile long chunks = -1;
    private volatile long writtenBytes = -1;
    /** The version pinned at the last sync, and its store: see {@link #releasePin()}. */
    private MVStore.TxCounter pinned;
    private MVStore pinnedStore;
    private long nextSyncNanos;
    private long nextCompactNanos;
    private long writtenAtLastRound;
    private volatile boolean storeUnreachableLogged;

    private H2FileUpkeep(DataSource dataSource, String name, Settings settings) {
        this.dataSource = dataSource;
        this.name = name;
        this.settings = settings;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "h2-upkeep-" + name);
            t.setDaemon(true);
            return t;
        });
        this.nextSyncNanos = System.nanoTime() + settings.syncEvery().toNanos();
        this.nextCompactNanos = System.nanoTime() + settings.compactEvery().toNanos();
        long period = Math.max(1, Math.min(settings.compactEvery().toMillis(), settings.syncEvery().toMillis()));
        timer.scheduleWithFixedDelay(this::runQuietly, period, period, TimeUnit.MILLISECONDS);
    }

    /** Starts the upkeep of the H2 file database behind {@code dataSource}; stop it with {@link #close()} before the pool. */
    public static H2FileUpkeep start(DataSource dataSource, String name, Settings settings) {
        return new H2FileUpkeep(dataSource, name, settings);
    }

    /** True for an H2 database in a file of this process (not {@code mem:}, not a server over TCP or SSL). */
    public static boolean isH2File(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:h2:")) {
            return false;
        }
        String rest = jdbcUrl.substring("jdbc:h2:".length());
        return !rest.startsWith("mem:") && !rest.startsWith("tcp:") && !rest.startsWith("ssl:");
    }

    /** A connection pool for {@code config}; for an H2 file database with its upkeep, which stops when the pool closes. */
    public static HikariDataSource pool(HikariConfig config) {
        return isH2File(config.getJdbcUrl()) ? new KeptPool(config, databaseName(config.getJdbcUrl())) : new HikariDataSource(config);
    }

    /** The file name of the database in an H2 URL ("repository" for jdbc:h2:file:/x/db/repository;CIPHER=AES), for thread names and logs. */
    static String databaseName(String jdbcUrl) {
        String path = jdbcUrl.substring("jdbc:h2:".length()).replaceFirst("^file:", "");
        int settings = path.indexOf(';');
        path = settings < 0 ? path : path.substring(0, settings);
        return path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
    }

    /** The upkeep of a pool made by {@link #pool}, or null when it has none (not an H2 file database). */
    public static H2FileUpkeep of(DataSource pool) {
        return pool instanceof KeptPool kept ? kept.upkeep : null;
    }

    public Stats stats() {
        return new Stats(syncs.get(), TimeUnit.NANOSECONDS.toMillis(slowestSyncNanos.get()), lastSync, compactions.get(), failures.get(),
                lastFailure, fileBytes, livePercent, chunks, writtenBytes);
    }

    /** One round now (tests; the timer does the same): compact a slice, and force the file when it is due or {@code forceNow}. */
    synchronized void runOnce(boolean forceNow) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            MVStore store = mvStore(c);
            boolean open = store != null && !store.isClosed();
            long now = System.nanoTime();
            if (open && (forceNow || now - nextCompactNanos >= 0)) {
                compact(store, figures(store));
                nextCompactNanos = System.nanoTime() + settings.compactEvery().toNanos();
            }
            if (forceNow || now - nextSyncNanos >= 0) {
                long syncStart = System.nanoTime();
                // pinned before the sync: what dies from here on keeps its space until a later sync made its death durable
                MVStore.TxCounter pin = open ? store.registerVersionUsage() : null;
                boolean forced = false;
                try (Statement s = c.createStatement()) {
                    s.execute("CHECKPOINT SYNC");
                    forced = true;
                } finally {
                    if (!forced && pin != null) {
                        store.deregisterVersionUsage(pin); // nothing new is durable: the earlier pin stays
                    }
                }
                releasePin();
                pinned = pin;
                pinnedStore = store;
                long took = System.nanoTime() - syncStart;
                slowestSyncNanos.accumulateAndGet(took, Math::max);
                syncs.incrementAndGet();
                lastSync = java.time.Instant.now();
                nextSyncNanos = System.nanoTime() + settings.syncEvery().toNanos();
                if (took > TimeUnit.SECONDS.toNanos(2)) {
                    LOG.warn("H2 database {}: forcing the file to disk took {} ms; a power cut could lose the commits of that time",
                            name, TimeUnit.NANOSECONDS.toMillis(took));
                }
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    /**
     * Re-writes live pages of old, sparse chunks, in proportion to what the database wrote since the last round, as
     * H2's own housekeeping does while the store is busy: a quarter of the bytes written, at most
     * {@link Settings#compactBytes()}; the full slice when nothing was written (idle time is the cheap time). Only
     * while the chunks old enough to be re-written (past the retention time) are less than
     * {@link Settings#compactBelowFillRate()} percent live: younger chunks are mostly waiting to be freed, not sparse.
     * Re-written pages are written again (and encrypted again under {@code CIPHER=AES}), so the work follows the load.
     */
    private void compact(MVStore store, java.util.Map<String, String> info) {
        // H2 2.3.232's own figures (the fill rate read only from them, not computed again); an H2 without them falls back to all
        // chunks' fill rate and the full slice each round
        long writtenTotal = writtenBytes; // info.FILE_WRITE_BYTES, as figures() read it for this round
        long written = writtenTotal - writtenAtLastRound;
        writtenAtLastRound = writtenTotal;
        String oldChunksFill = info.get("info.CHUNKS_FILL_RATE_RW");
        int fill = oldChunksFill != null ? Integer.parseInt(oldChunksFill) : store.getFileStore().getChunksFillRate();
        if (fill >= settings.compactBelowFillRate()) {
            return;
        }
        int budget = written <= 0 ? settings.compactBytes() : (int) Math.min(settings.compactBytes(), written / 4);
        // MVStore.compact's own check is the fill rate of all chunks, young dead ones included: 101 leaves the choice here
        if (budget > 0 && store.compact(101, budget)) {
            store.commit(); // the re-written pages, written now rather than with the next transaction's commit
            compactions.incrementAndGet();
        }
    }

    /** H2's figures of the file, read once a compaction round: kept for {@link #stats()} and handed to {@link #compact}. */
    private java.util.Map<String, String> figures(MVStore store) {
        java.util.Map<String, String> info = new java.util.HashMap<>();
        store.getFileStore().populateInfo(info::put);
        fileBytes = Long.parseLong(info.getOrDefault("info.FILE_SIZE", "-1"));
        livePercent = Integer.parseInt(info.getOrDefault("info.CHUNKS_FILL_RATE", "-1"));
        chunks = Long.parseLong(info.getOrDefault("info.CHUNK_COUNT", "-1"));
        writtenBytes = Long.parseLong(info.getOrDefault("info.FILE_WRITE_BYTES", "-1"));
        return info;
    }

    private void runQuietly() {
        try {
            runOnce(false);
        } catch (SQLException | RuntimeException e) {
            if (closedUnderUs(e)) {
                // a database closed under the upkeep: H2's own JVM shutdown hook, on a URL without DB_CLOSE_ON_EXIT=FALSE
                LOG.debug("H2 database {}: closed; upkeep skipped", name);
            } else if (recordFailure(e) % 60 == 0) { // a failing disk is reported every 60 rounds, not ten times a second
                LOG.warn("H2 database {}: upkeep failed ({}); it is tried again", name, e.getClass().getSimpleName(), e);
            }
        }
    }

    /**
     * Lets H2 reuse the chunks that died before the last sync began. H2 frees a dead chunk's space once the chunk is
     * older than the retention time and no reader uses a version that needs it ({@code FileStore.dropUnusedChunks}):
     * the retention counts from when the chunk was written, not from when it died, so an old chunk that dies now can be
     * overwritten a few commits later, before the commit that killed it is on the disk. A power cut then leaves a
     * file whose last durable version points into overwritten space. Each sync therefore pins the version being built
     * ({@link MVStore#registerVersionUsage()}, as an open transaction does) and releases the previous pin once the file
     * is forced: a chunk's space is reused only after a sync that began after its death. A pin is not free: every commit
     * walks each map's chain of old roots back to the oldest version in use ({@code RootReference.removeUnusedOldVersions}),
     * so the pin's age, the sync period, must stay short (held for 1 s: 13% more CPU in the import bench; for 100 ms:
     * nothing measurable).
     */
    private synchronized void releasePin() {
        if (pinned != null) {
            try {
                pinnedStore.deregisterVersionUsage(pinned);
            } catch (RuntimeException e) {
                LOG.debug("H2 database {}: releasing the version pin failed; the store is closing", name, e);
            }
            pinned = null;
            pinnedStore = null;
        }
    }

    /** Counts a failed round; returns the count before it. */
    private long recordFailure(Exception e) {
        lastFailure = e.getClass().getSimpleName();
        return failures.getAndIncrement();
    }

    /** The database or its store was closed (process exit, a pool closing): nothing to keep, nothing failed. */
    static boolean closedUnderUs(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            int code = t instanceof SQLException sql ? sql.getErrorCode()
                    : t instanceof org.h2.message.DbException db ? db.getErrorCode() : 0;
            if (code == org.h2.api.ErrorCode.DATABASE_IS_CLOSED || code == org.h2.api.ErrorCode.DATABASE_CALLED_AT_SHUTDOWN
                    || t instanceof org.h2.mvstore.MVStoreException store && store.getErrorCode() == org.h2.mvstore.DataUtils.ERROR_CLOSED) {
                return true;
            }
        }
        return false;
    }

    private MVStore mvStore(Connection c) throws SQLException {
        if (c.isWrapperFor(JdbcConnection.class) && c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session
                && session.getDatabase().getStore() != null) {
            return session.getDatabase().getStore().getMvStore();
        }
        if (!storeUnreachableLogged) {
            storeUnreachableLogged = true;
            LOG.warn("H2 database {}: its store is not reachable in this process; the file is forced but not compacted and grows", name);
        }
        return null;
    }

    @Override
    public void close() {
        timer.shutdown();
        try {
            if (!timer.awaitTermination(10, TimeUnit.SECONDS)) {
                timer.shutdownNow();
            }
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
        releasePin();
    }

    /** A Hikari pool that stops its database's upkeep before it closes its connections. */
    private static final class KeptPool extends HikariDataSource {
        private final H2FileUpkeep upkeep;

        KeptPool(HikariConfig config, String name) {
            super(config);
            this.upkeep = start(this, name, Settings.DEFAULT);
        }

        @Override
        public void close() {
            upkeep.close();
            super.close();
        }
    }
}
