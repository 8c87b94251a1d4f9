package com.medcase.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A store called while another store's transaction is open on the same thread (the retention planner reads
 * the schedules in force while the facts it plans are locked) joins that transaction instead of taking a
 * second connection from the pool. Taking a second one deadlocked the service under concurrent imports: every
 * pooled connection was held by a filer waiting for the row locks of the one filer that was itself waiting
 * for a free connection (seen with 12 MLLP connections into one case, pool of 8).
 */
class NestedTransactionTest {

    @TempDir
    Path dir;

    /** A pool of one connection that gives up quickly: a second connection on the same thread can never come. */
    private HikariDataSource onePooledConnection() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:file:" + dir.resolve("nested").toAbsolutePath() + ";LOCK_TIMEOUT=2000");
        config.setMaximumPoolSize(1);
        config.setConnectionTimeout(250);
        return new HikariDataSource(config);
    }

    @Test
    void aStoreCalledInsideAnotherStoresTransactionJoinsIt() {
        try (HikariDataSource dataSource = onePooledConnection()) {
            StoreSupport facts = new StoreSupport(dataSource);
            StoreSupport schedules = new StoreSupport(dataSource);
            facts.update("CREATE TABLE fact (id VARCHAR(10) PRIMARY KEY, planned BOOLEAN)");
            facts.update("INSERT INTO fact VALUES ('r1', FALSE)");

            List<String> seen = facts.inTransaction(c -> {
                StoreSupport.query(c, "SELECT id FROM fact FOR UPDATE", rs -> rs.getString(1));
                StoreSupport.update(c, "UPDATE fact SET planned = TRUE WHERE id = 'r1'");
                // another store, through its own StoreSupport: the same thread, the same data source
                return schedules.query("SELECT id FROM fact WHERE planned", rs -> rs.getString(1));
            });

            assertEquals(List.of("r1"), seen, "the nested read sees the enclosing transaction's own uncommitted change");
        }
    }

    @Test
    void aFailureInsideTheNestedCallRollsTheWholeTransactionBack() {
        try (HikariDataSource dataSource = onePooledConnection()) {
            StoreSupport outer = new StoreSupport(dataSource);
            StoreSupport inner = new StoreSupport(dataSource);
            outer.update("CREATE TABLE fact (id VARCHAR(10) PRIMARY KEY)");

            assertThrows(StoreException.class, () -> outer.inTransaction(c -> {
                StoreSupport.update(c, "INSERT INTO fact VALUES ('r1')");
                return inner.update("INSERT INTO fact VALUES ('r1')"); // duplicate key
            }));

            assertEquals(List.of(), outer.query("SELECT id FROM fact", rs -> rs.getString(1)));
        }
    }

    /** The audit ledger's entries: written whatever the caller's transaction then does (a refusal audited, then thrown). */
    @Test
    void aTransactionOfItsOwnStaysWrittenWhenTheCallersRollsBack() {
        try (HikariDataSource dataSource = onePooledConnection()) {
            dataSource.setMaximumPoolSize(2);
            StoreSupport caller = new StoreSupport(dataSource);
            StoreSupport ledger = new StoreSupport(dataSource);
            caller.update("CREATE TABLE fact (id VARCHAR(10) PRIMARY KEY)");
            caller.update("CREATE TABLE entry (id VARCHAR(10) PRIMARY KEY)");

            assertThrows(IllegalStateException.class, () -> caller.inTransaction(c -> {
                StoreSupport.update(c, "INSERT INTO fact VALUES ('r1')");
                ledger.inOwnTransaction(own -> StoreSupport.update(own, "INSERT INTO entry VALUES ('denied')"));
                // and a joined call after it is in the caller's transaction again
                caller.update("INSERT INTO fact VALUES ('r2')");
                throw new IllegalStateException("refused");
            }));

            assertEquals(List.of("denied"), caller.query("SELECT id FROM entry", rs -> rs.getString(1)));
            assertEquals(List.of(), caller.query("SELECT id FROM fact", rs -> rs.getString(1)));
        }
    }

    @Test
    void transactionsOnOtherThreadsStayTheirOwn() throws Exception {
        try (HikariDataSource dataSource = onePooledConnection()) {
            dataSource.setMaximumPoolSize(2);
            StoreSupport store = new StoreSupport(dataSource);
            store.update("CREATE TABLE fact (id VARCHAR(10) PRIMARY KEY)");
            List<String> seenElsewhere = store.inTransaction(c -> {
                StoreSupport.update(c, "INSERT INTO fact VALUES ('r1')");
                var other = java.util.concurrent.Executors.newSingleThreadExecutor();
                try {
                    return other.submit(() -> store.query("SELECT id FROM fact", rs -> rs.getString(1))).get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    other.shutdownNow();
                }
            });
            assertEquals(List.of(), seenElsewhere, "another thread does not see the uncommitted insert");
            assertEquals(List.of("r1"), store.query("SELECT id FROM fact", rs -> rs.getString(1)));
        }
    }
}
