package com.medcase.store;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * At JVM exit the application closes its H2 databases, not H2. With H2's default {@code DB_CLOSE_ON_EXIT=TRUE}, H2's
 * own shutdown hook closed the database while Spring's hook was still stopping Quartz and the other users of the
 * pool: every service stop logged "Database is already closed" errors (Quartz's misfire handler, cluster manager and
 * a trigger firing, seen in each test JVM's log), and whatever ran at that moment failed half-way. Shutdown hooks
 * run concurrently in no set order (Runtime.addShutdownHook), so only not closing the database in H2's hook gives the
 * order. A killed process is unaffected: {@code WRITE_DELAY=0} wrote every commit before it returned.
 */
class H2ShutdownOrderTest {

    @Test
    void aShutdownHookOfTheApplicationStillUsesItsDatabaseWhileTheJvmExits(@TempDir Path dir) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), ApplicationClosingAtExit.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child JVM exits").isTrue();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(output).as(output).contains("after exit began: 2 rows").doesNotContain("after exit began: failed");
        assertThat(child.exitValue()).isZero();

        // what the hook wrote after exit began is in the file: the pool's close closed the database in order
        try (HikariDataSource again = MedCaseDatabase.h2File(dir, "shutdown"); Connection c = again.getConnection();
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(2);
        }
    }

    /** An application whose own shutdown hook (as Spring's, stopping Quartz) uses the database a moment after exit began. */
    public static final class ApplicationClosingAtExit {
        public static void main(String[] args) throws Exception {
            HikariDataSource pool = MedCaseDatabase.h2File(Path.of(args[0]), "shutdown");
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
                s.execute("INSERT INTO t VALUES (1)");
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    Thread.sleep(300); // H2's hook, when it closes the database, runs meanwhile
                    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                        s.execute("INSERT INTO t VALUES (2)");
                        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
                            rs.next();
                            System.out.println("after exit began: " + rs.getInt(1) + " rows");
                        }
                    }
                } catch (Exception e) {
                    System.out.println("after exit began: failed " + e);
                } finally {
                    pool.close();
                }
            }));
        }
    }
}
