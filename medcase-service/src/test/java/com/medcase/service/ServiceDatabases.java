package com.medcase.service;

import com.medcase.store.MedCaseDatabase;
import com.zaxxer.hikari.HikariDataSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The service's database as the service migrates it (core, importing and service migrations), for store-level tests
 * that run on both kinds: an H2 file in {@code dir}, or a fresh schema of the local PostgreSQL (127.0.0.1:5432, trust,
 * database {@code test}; {@code ./medcase test} starts it). The PostgreSQL schema is left to the test database.
 */
public final class ServiceDatabases {
    static final String PG_URL = System.getProperty("medcase.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");

    private ServiceDatabases() {
    }

    /** @param kind "h2" or "postgres" */
    public static HikariDataSource open(String kind, Path dir) throws SQLException {
        String schema = null;
        HikariDataSource ds;
        if (kind.equals("h2")) {
            ds = MedCaseDatabase.h2File(dir, "service-test");
        } else {
            schema = "service_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            try (Connection c = DriverManager.getConnection(PG_URL, "postgres", ""); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            }
            ds = MedCaseDatabase.pooled(PG_URL + "?currentSchema=" + schema, "postgres", "", 4);
        }
        MedCaseDatabase.migrate(ds, schema, "classpath:db/migration/importing", "classpath:db/migration/service");
        return ds;
    }
}
