package com.medcase.alfresco.embedded;

import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Forces an H2 file database to the disk every second and lets H2 reuse the space of chunks it no longer needs after
 * 5 s instead of its default 45 s. Used for the embedded repository's database and for the service's own.
 * <p>
 * Why: with {@code WRITE_DELAY=0} H2 writes every commit into the file before the commit returns, so a killed process
 * loses nothing it acknowledged, but it never forces the file to the disk. It also keeps every chunk it wrote for
 * RETENTION_TIME, on the assumption that the OS has written the newer chunks out by then (H2's
 * {@code FileStore.setRetentionTime}). At a few thousand commits a second, 45 s of chunks made the file grow by
 * gigabytes per import burst. Forced every second, the file's newer chunks are on the disk long before 5 s, a power
 * cut loses at most that second, and the space comes back sooner.
 */
public final class H2FileSync implements AutoCloseable {
    /** How often the file is forced to the disk. */
    public static final long SYNC_MILLIS = 1000;
    /** How long H2 keeps chunks it no longer needs: several sync periods. */
    public static final int RETENTION_MILLIS = 5000;
    /** Completed forced writes, over all databases of this process (tests and diagnostics). */
    static final AtomicLong SYNCS = new AtomicLong();

    /** Null when the database refused the settings (see {@link #start}). */
    private final ScheduledExecutorService scheduler;

    private H2FileSync(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /** Starts forcing {@code dataSource}'s H2 file; the connection's user must be an H2 admin (CHECKPOINT SYNC needs it). */
    public static H2FileSync start(DataSource dataSource, String name) {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("SET RETENTION_TIME " + RETENTION_MILLIS);
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            // not an H2 admin (a database created by another user): H2's own defaults stay, and the operator is told
            LoggerFactory.getLogger(H2FileSync.class).warn("The {} database is not forced to disk periodically: {} (its user must be an H2 admin)",
                    name, e.getMessage());
            return new H2FileSync(null);
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name + "-file-sync");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                st.execute("CHECKPOINT SYNC");
                if (!c.getAutoCommit()) {
                    c.commit();
                }
                SYNCS.incrementAndGet();
            } catch (SQLException | RuntimeException e) {
                LoggerFactory.getLogger(H2FileSync.class).warn("Forcing the {} database to disk failed: {}", name, e.toString());
            }
        }, SYNC_MILLIS, SYNC_MILLIS, TimeUnit.MILLISECONDS);
        return new H2FileSync(scheduler);
    }

    /** Stops forcing (before the pool closes; H2 forces the file itself when it closes). */
    @Override
    public void close() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
