package com.medcase.bench;

import com.medcase.audit.AuditEntry;
import com.medcase.audit.AuditEvent;
import com.medcase.store.MedCaseDatabase;
import com.medcase.store.audit.JdbcAuditLedger;
import com.zaxxer.hikari.HikariDataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Audit ledger appends per second, each its own committed transaction, on the embedded H2 file
 * database and on the local PostgreSQL (127.0.0.1:5432, database test, schema medcase_bench).
 */
@State(Scope.Benchmark)
public class LedgerBenchmark {

    @Param({"h2", "postgresql"})
    public String database;

    HikariDataSource dataSource;
    JdbcAuditLedger ledger;
    AuditEvent event;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        if (database.equals("h2")) {
            dataSource = MedCaseDatabase.h2File(Files.createTempDirectory("medcase-bench"), "bench");
            MedCaseDatabase.migrate(dataSource, null);
        } else {
            try (var c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS medcase_bench CASCADE");
                s.execute("CREATE SCHEMA medcase_bench");
            }
            dataSource = MedCaseDatabase.pooled("jdbc:postgresql://127.0.0.1:5432/test?currentSchema=medcase_bench", "postgres", "", 4);
            MedCaseDatabase.migrate(dataSource, "medcase_bench");
        }
        ledger = new JdbcAuditLedger(dataSource, Clock.systemUTC());
        event = new AuditEvent("m.jones", null, "consent.decide", "R-1", "PERMIT", "A-1", Map.of("purpose", "LITIGATION"));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (!ledger.verify().intact()) {
            throw new IllegalStateException("ledger broken after benchmark");
        }
        if (database.equals("postgresql")) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA medcase_bench CASCADE");
            }
        }
        dataSource.close();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public AuditEntry append() {
        return ledger.append(event);
    }
}
