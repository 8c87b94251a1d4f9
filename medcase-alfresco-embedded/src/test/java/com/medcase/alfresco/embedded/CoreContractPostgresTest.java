package com.medcase.alfresco.embedded;

import org.junit.jupiter.api.AfterAll;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

/** The core contract on PostgreSQL (127.0.0.1:5432, database test, user postgres), in a schema of its own. */
class CoreContractPostgresTest extends CoreContract {
    static final String SCHEMA = "ae_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @Override
    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + SCHEMA;
    }

    @Override
    String jdbcUser() {
        return "postgres";
    }

    @AfterAll
    void dropSchema() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", null);
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }
}
