package com.medcase.store;

import com.zaxxer.hikari.HikariDataSource;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A migrated database for one test class: an H2 file under a temp directory (the embedded default),
 * or a private schema in the PostgreSQL on 127.0.0.1:5432 (dropped on close), so that concurrent
 * builds never see each other's rows.
 */
public final class TestDatabase implements AutoCloseable {

    public static final String PG_URL = System.getProperty("medcase.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String PG_USER = System.getProperty("medcase.test.postgres.user", "postgres");

    private final HikariDataSource dataSource;
    private final String schema;

    private TestDatabase(HikariDataSource dataSource, String schema) {
        this.dataSource = dataSource;
        this.schema = schema;
    }

    public static TestDatabase h2(Path directory, String... extraMigrations) {
        HikariDataSource ds = MedCaseDatabase.h2File(directory, "medcase-test");
        MedCaseDatabase.migrate(ds, null, extraMigrations);
        return new TestDatabase(ds, null);
    }

    public static TestDatabase postgres(String... extraMigrations) {
        String schema = "medcase_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, ""); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new AssertionError("PostgreSQL not reachable at " + PG_URL + " as " + PG_USER + " (" + e.getMessage() + "). "
                    + "These tests check the production database path. Start it with: "
                    + "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start  (or run ./medcase test, which does)", e);
        }
        HikariDataSource ds = MedCaseDatabase.pooled(PG_URL + "?currentSchema=" + schema, PG_USER, "", 10);
        MedCaseDatabase.migrate(ds, schema, extraMigrations);
        return new TestDatabase(ds, schema);
    }

    /** A second, independent pool on the same database: a second service node. */
    public HikariDataSource secondNode() {
        return MedCaseDatabase.pooled(dataSource.getJdbcUrl(), dataSource.getUsername(), dataSource.getPassword(), 10);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, ""); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            } catch (SQLException e) {
                throw new IllegalStateException("Could not drop test schema " + schema, e);
            }
        }
    }
}
