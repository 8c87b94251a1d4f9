package com.medcase.alfresco.embedded;

import com.medcase.store.H2FileUpkeep;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** JDBC access: a small HikariCP pool, Flyway migrations in their own folder and history table, short transactions. */
final class Db implements AutoCloseable {
    static final String HISTORY_TABLE = "ae_flyway_history";
    static final String DEFAULT_PG_SCHEMA = "alfresco_embedded";

    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    final boolean postgres;
    private final HikariDataSource ds;

    Db(EmbeddedAlfrescoSettings s) {
        String url = s.jdbcUrl();
        if (url == null || url.isBlank()) {
            Path db = s.home().resolve("db").resolve("repository").toAbsolutePath();
            // TRACE_LEVEL_FILE=0: H2's error trace file could quote values (no PHI on disk outside the data).
            // QUERY_CACHE_SIZE: H2 re-parses statements beyond its per-session cache (default 8); we use a few dozen.
            // H2FileUpkeep's settings: each commit in the file before the answer; space reused; the file forced every 100 ms.
            url = "jdbc:h2:file:" + db + H2FileUpkeep.URL_SETTINGS + ";QUERY_CACHE_SIZE=256;TRACE_LEVEL_FILE=0";
        }
        postgres = url.startsWith("jdbc:postgresql:");
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(url);
        if (s.jdbcUser() != null) {
            cfg.setUsername(s.jdbcUser());
        }
        if (s.jdbcPassword() != null) {
            cfg.setPassword(s.jdbcPassword());
        }
        cfg.setMaximumPoolSize(12);
        cfg.setMinimumIdle(2);
        cfg.setAutoCommit(false);
        cfg.setPoolName("alfresco-embedded");
        cfg.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        String schema = null;
        if (postgres) {
            Matcher m = Pattern.compile("[?&]currentSchema=([A-Za-z0-9_]+)").matcher(url);
            schema = m.find() ? m.group(1) : DEFAULT_PG_SCHEMA;
            cfg.setSchema(schema);
        }
        // Flyway migrates through the pool's own settings (an H2 URL with CIPHER needs its "<file> <user>" password as given).
        // an H2 file database (ours, or one an owner configured) gets its upkeep, stopped when the pool closes
        HikariDataSource pool = H2FileUpkeep.pool(cfg);
        var fw = Flyway.configure()
                .dataSource(pool)
                .locations("classpath:db/migration/alfresco-embedded")
                .table(HISTORY_TABLE)
                .baselineOnMigrate(false);
        if (schema != null) {
            fw = fw.schemas(schema).defaultSchema(schema).createSchemas(true);
        }
        try {
            fw.load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        ds = pool;
    }

    /** Attempts of {@link #txRetrying}: enough for a dozen creates of one name racing for the same "-N" suffix. */
    static final int RETRY_ATTEMPTS = 50;

    /**
     * A transaction retried when it loses a unique-index race (ACS runs every REST call in RetryingTransactionHelper,
     * which retries on the database's integrity violation): the retry reads the committed winner, so a create with
     * autoRename picks the next free name and one without answers 409 from its own name check.
     */
    <T> T txRetrying(Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return tx(work, attempt < RETRY_ATTEMPTS);
            } catch (LostRace race) {
                // the winner may not have committed yet when our insert met its index entry: from the second loss on, let it
                if (attempt > 1) {
                    try {
                        Thread.sleep(Math.min(attempt, 10));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw ApiException.conflict("Duplicate child name not allowed");
                    }
                }
            }
        }
    }

    /** Internal signal of {@link #txRetrying}: this attempt lost a unique-index race and was rolled back. */
    private static final class LostRace extends RuntimeException {
        LostRace() {
            super(null, null, false, false);
        }
    }

    <T> T tx(Work<T> work) {
        return tx(work, false);
    }

    private <T> T tx(Work<T> work, boolean signalLostRace) {
        try (Connection c = ds.getConnection()) {
            try {
                T out = work.run(c);
                c.commit();
                return out;
            } catch (RuntimeException | SQLException | Error e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the original failure matters
                }
                throw e;
            }
        } catch (SQLException e) {
            if (isUniqueViolation(e) && signalLostRace) {
                throw new LostRace();
            }
            if (isUniqueViolation(e)) {
                throw ApiException.conflict("Duplicate child name not allowed");
            }
            throw new IllegalStateException("Database failure (SQLState " + e.getSQLState() + ")", e);
        }
    }

    static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState()) || (e.getSQLState() != null && e.getSQLState().startsWith("23") && e.getErrorCode() == 23505);
    }

    /** The H2 file upkeep of this repository's database, or null when it is not an H2 file (PostgreSQL, say). */
    H2FileUpkeep upkeep() {
        return H2FileUpkeep.of(ds);
    }

    @Override
    public void close() {
        ds.close(); // stops the upkeep first
    }

}
