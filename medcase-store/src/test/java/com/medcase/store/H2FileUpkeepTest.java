package com.medcase.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An H2 file database with {@code WRITE_DELAY=0} has no background writer (H2 2.3.232 {@code FileStore.setAutoCommitDelay}
 * stops it and starts none when the delay is 0), so nothing re-writes the last live pages of old chunks and the file
 * grows by about a chunk per commit. {@link H2FileUpkeep} does that work and forces the file.
 */
class H2FileUpkeepTest {

    /** The production settings except a short retention and fast ticks, so that the test takes seconds, not minutes. */
    private static final String FAST_URL_SETTINGS = ";WRITE_DELAY=0;RETENTION_TIME=200";
    private static final H2FileUpkeep.Settings FAST = new H2FileUpkeep.Settings(Duration.ofMillis(20), 1 << 20, 80, Duration.ofMillis(100));

    @Test
    void theFileOfABusyDatabaseStaysBoundedWithItsUpkeepAndGrowsWithout(@TempDir Path dir) throws Exception {
        long without = churn(dir.resolve("without"), false);
        long with = churn(dir.resolve("with"), true);

        // Measured here: 269 MB in 7,229 chunks 3% live without, 81 MB with (the 40,000 rows are about 5 MB); at 10,000
        // commits a second the compaction's slices do not quite keep up, at the import's 2,000 they do.
        assertThat(without).as("file without upkeep").isGreaterThan(100L << 20);
        assertThat(with).as("file with upkeep").isLessThan(without / 2);
    }

    @Test
    void theUpkeepForcesTheFileAndLeavesTheDataAsItWas(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + FAST_URL_SETTINGS;
        try (HikariDataSource ds = pool(url); H2FileUpkeep upkeep = H2FileUpkeep.start(ds, "test", FAST)) {
            createAndFill(ds);
            for (int i = 0; i < 2_000; i++) {
                update(ds, i % 500, "value " + i);
            }
            upkeep.runOnce(true);
            H2FileUpkeep.Stats stats = upkeep.stats();
            assertThat(stats.syncs()).isGreaterThanOrEqualTo(1);
            assertThat(stats.failures()).isZero();
        }
        try (HikariDataSource again = pool(url); Connection c = again.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*), SUM(CASE WHEN v LIKE 'value %' THEN 1 ELSE 0 END) FROM t")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(500);
            assertThat(rs.getInt(2)).isEqualTo(500);
        }
    }

    /**
     * H2 frees a dead chunk's space once the chunk is older than the retention time, counted from when it was written
     * (H2 2.3.232 {@code FileStore.isSeasonedChunk}), so an old chunk that dies now can be overwritten before the commit
     * that killed it is forced; a power cut then leaves the file's last durable version pointing into overwritten
     * space. With {@code RETENTION_TIME=0} H2 would free such chunks a few commits after their death: here they must
     * keep their space until a sync that began after their death.
     */
    @Test
    void aChunkThatDiesAfterTheLastForceKeepsItsSpaceUntilTheNextForce(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + ";WRITE_DELAY=0;RETENTION_TIME=0";
        H2FileUpkeep.Settings manual = new H2FileUpkeep.Settings(Duration.ofHours(1), 1 << 20, 80, Duration.ofHours(1));
        try (HikariDataSource ds = pool(url); H2FileUpkeep upkeep = H2FileUpkeep.start(ds, "test", manual);
             Connection c = ds.getConnection()) {
            createAndFill(ds);
            org.h2.mvstore.MVStore store = ((org.h2.engine.SessionLocal) c.unwrap(org.h2.jdbc.JdbcConnection.class).getSession())
                    .getDatabase().getStore().getMvStore();
            upkeep.runOnce(true);
            java.util.Set<String> forced = liveChunkKeys(store); // chunks already dead then may go: their deaths were forced

            // every row re-written, then more commits than H2 keeps versions of: the chunks forced above all die now
            for (int i = 0; i < 500; i++) {
                update(ds, i, "after the force " + i);
            }
            for (int i = 0; i < 20; i++) {
                update(ds, i, "later " + i);
            }
            assertThat(chunkKeys(store)).as("dead since the last force, not yet reusable").containsAll(forced);

            upkeep.runOnce(true); // their deaths are on the disk now
            for (int i = 0; i < 20; i++) {
                update(ds, i, "after the second force " + i);
            }
            assertThat(chunkKeys(store)).as("freed once a later force made their deaths durable").doesNotContainAnyElementsOf(forced);
        }
    }

    /** The chunks with a live page (H2's layout entry "livePages:0" marks a dead one). */
    private static java.util.Set<String> liveChunkKeys(org.h2.mvstore.MVStore store) {
        java.util.Set<String> keys = chunkKeys(store);
        keys.removeIf(key -> store.getLayoutMap().get(key).contains(",livePages:0,"));
        return keys;
    }

    private static java.util.Set<String> chunkKeys(org.h2.mvstore.MVStore store) {
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (String key : store.getLayoutMap().keySet()) {
            if (key.startsWith("chunk.")) {
                keys.add(key);
            }
        }
        return keys;
    }

    @Test
    void aDatabaseClosedUnderTheUpkeepIsNotCountedAsAFailure(@TempDir Path dir) throws Exception {
        // At JVM exit H2's own shutdown hook closes the database while the service's pool and its upkeep still run:
        // the upkeep meets exactly this exception then, and must neither warn nor count a failure.
        String url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + FAST_URL_SETTINGS;
        Connection c = java.sql.DriverManager.getConnection(url, "sa", "");
        org.h2.engine.SessionLocal session = (org.h2.engine.SessionLocal) c.unwrap(org.h2.jdbc.JdbcConnection.class).getSession();
        try (Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
        Throwable closed = org.assertj.core.api.Assertions.catchThrowable(session::getDatabase);
        assertThat(closed).isNotNull();
        assertThat(H2FileUpkeep.closedUnderUs(closed)).isTrue();
        Throwable atShutdown = org.assertj.core.api.Assertions.catchThrowable(c::rollback); // the pool's close meets this one
        assertThat(atShutdown).isInstanceOf(SQLException.class);
        assertThat(H2FileUpkeep.closedUnderUs(atShutdown)).isTrue();
        c.close(); // a closed session's close does nothing
        assertThat(H2FileUpkeep.closedUnderUs(new SQLException("disk full", "HY000", 50000))).isFalse();
    }

    @Test
    void theServicesH2PoolsComeWithTheirUpkeepAndPostgresOrMemoryPoolsWithout(@TempDir Path dir) throws Exception {
        try (HikariDataSource ds = MedCaseDatabase.h2File(dir, "medcase")) {
            H2FileUpkeep upkeep = H2FileUpkeep.of(ds);
            assertThat(upkeep).isNotNull();
            upkeep.runOnce(true);
            H2FileUpkeep.Stats stats = upkeep.stats();
            assertThat(stats.syncs()).isPositive();
            // the administrator's figures of the file: read from H2 by the same round
            assertThat(stats.lastSync()).isNotNull();
            assertThat(stats.fileBytes()).isEqualTo(java.nio.file.Files.size(dir.resolve("medcase.mv.db")));
            assertThat(stats.livePercent()).isBetween(0, 100);
            assertThat(stats.chunks()).isPositive();
            assertThat(stats.failures()).isZero();
            assertThat(stats.lastFailure()).isNull();
            // bytes written: a commit of one row adds at least that row's chunk
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE written (id INT PRIMARY KEY, v VARCHAR)");
                s.execute("INSERT INTO written VALUES (1, 'one')");
            }
            upkeep.runOnce(true);
            assertThat(upkeep.stats().writtenBytes()).isGreaterThan(Math.max(0, stats.writtenBytes()));
        }
        assertThat(H2FileUpkeep.isH2File("jdbc:h2:mem:x")).isFalse();
        assertThat(H2FileUpkeep.isH2File("jdbc:h2:tcp://localhost/~/x")).isFalse();
        assertThat(H2FileUpkeep.isH2File("jdbc:postgresql://127.0.0.1:5432/test")).isFalse();
        assertThat(H2FileUpkeep.isH2File("jdbc:h2:/srv/medcase/data/medcase;CIPHER=AES")).isTrue();
        assertThat(H2FileUpkeep.databaseName("jdbc:h2:file:/srv/medcase/repository/db/repository;WRITE_DELAY=0;CIPHER=AES"))
                .isEqualTo("repository");
    }

    /**
     * Many small commits, each inserting a row under a random key with an index on its time (the shape of import
     * claims and repository nodes): each commit rewrites one random leaf of the growing key index, so most chunks keep
     * a live page for a long time. Returns the file's size while the database is open (H2 compacts the file when the
     * last connection closes, which a running service never does).
     */
    private static long churn(Path dir, boolean upkeep) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + FAST_URL_SETTINGS;
        try (HikariDataSource ds = pool(url); H2FileUpkeep kept = upkeep ? H2FileUpkeep.start(ds, "test", FAST) : null;
             Connection c = ds.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE claim (claim_key VARCHAR(80) PRIMARY KEY, claimed_at TIMESTAMP, route VARCHAR(40))");
                s.execute("CREATE INDEX claim_at ON claim (claimed_at)");
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO claim VALUES (?, CURRENT_TIMESTAMP, 'hl7-mllp')")) {
                for (int i = 0; i < 40_000; i++) {
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.executeUpdate(); // autocommit: one commit per row
                }
            }
            return Files.size(dir.resolve("db.mv.db"));
        }
    }

    private static HikariDataSource pool(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }

    private static void createAndFill(HikariDataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(200))");
            s.execute("CREATE INDEX t_v ON t (v)");
            for (int i = 0; i < 500; i++) {
                s.execute("INSERT INTO t VALUES (" + i + ", 'initial " + i + "')");
            }
        }
    }

    private static void update(HikariDataSource ds, int id, String value) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("UPDATE t SET v = ? WHERE id = ?")) {
            ps.setString(1, value);
            ps.setInt(2, id);
            ps.executeUpdate();
        }
    }
}
