package com.medcase.store;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Grouped commits on both databases: shared commits, a failing unit rolled back alone, nothing returned before its commit. */
class GroupCommitTest {

    private static TestDatabase open(String kind, Path dir) throws SQLException {
        TestDatabase db = kind.equals("h2") ? TestDatabase.h2(dir) : TestDatabase.postgres();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE gc_item (id INT PRIMARY KEY, label VARCHAR(40) NOT NULL)");
        }
        return db;
    }

    private static int count(TestDatabase db, String where) {
        return new StoreSupport(db.dataSource()).queryOne("SELECT COUNT(*) FROM gc_item WHERE " + where, rs -> rs.getInt(1)).orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void concurrentUnitsShareCommitsAndAFailingUnitIsRolledBackAlone(String kind, @TempDir Path dir) throws Exception {
        try (TestDatabase db = open(kind, dir)) {
            GroupCommit commits = new GroupCommit(db.dataSource(), 64);
            int threads = 12;
            int perThread = 40;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    go.await();
                    List<String> outcomes = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        int id = thread * 1000 + i;
                        // every fifth unit inserts its row and then a duplicate of it: that unit fails, its first row must go too
                        boolean failing = i % 5 == 0;
                        try {
                            commits.run(c -> {
                                StoreSupport.update(c, "INSERT INTO gc_item (id, label) VALUES (?, ?)", id, "unit " + id);
                                if (failing) {
                                    StoreSupport.update(c, "INSERT INTO gc_item (id, label) VALUES (?, ?)", id, "again");
                                }
                                return null;
                            });
                            // returned: committed, so another connection sees it now
                            outcomes.add(count(db, "id = " + id) == 1 ? "committed" : "returned before its commit");
                        } catch (StoreException e) {
                            outcomes.add(failing && "23505".equals(((SQLException) e.getCause()).getSQLState()) ? "failed alone" : "wrong failure " + e);
                        }
                    }
                    return outcomes;
                }));
            }
            go.countDown();
            List<String> all = new ArrayList<>();
            for (Future<List<String>> f : results) {
                all.addAll(f.get(60, TimeUnit.SECONDS));
            }
            pool.shutdown();

            int units = threads * perThread;
            assertThat(all).filteredOn(o -> !o.equals("committed") && !o.equals("failed alone")).isEmpty();
            assertThat(all).filteredOn("failed alone"::equals).hasSize(units / 5);
            assertThat(count(db, "1 = 1")).isEqualTo(units - units / 5);
            assertThat(count(db, "label = 'again'")).isZero();
            long[] commitsAndUnits = commits.commitsAndUnits();
            assertThat(commitsAndUnits[1]).isEqualTo(units);
            assertThat(commitsAndUnits[0]).as("commits for %d units from %d threads", units, threads).isLessThan(units);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aUnitThatThrowsGetsItsOwnExceptionAndTheGroupGoesOn(String kind, @TempDir Path dir) throws Exception {
        try (TestDatabase db = open(kind, dir)) {
            GroupCommit commits = new GroupCommit(db.dataSource(), 8);
            assertThatThrownBy(() -> commits.run(c -> {
                StoreSupport.update(c, "INSERT INTO gc_item (id, label) VALUES (1, 'x')");
                throw new IllegalStateException("refused by the unit");
            })).isInstanceOf(IllegalStateException.class).hasMessage("refused by the unit");
            int inserted = commits.run(c -> StoreSupport.update(c, "INSERT INTO gc_item (id, label) VALUES (1, 'y')"));
            assertThat(inserted).isEqualTo(1);
            assertThat(count(db, "label = 'y'")).isEqualTo(1);
            assertThat(count(db, "label = 'x'")).isZero();
        }
    }
}
