package com.medcase.service.audit;

import com.medcase.audit.AuditEvent;
import com.medcase.audit.LedgerKey;
import com.medcase.store.audit.JdbcAuditLedger;
import com.medcase.store.audit.LedgerAnchors;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10: the ledger's head goes outside the database, to the append-only file and, when configured, to an external
 * endpoint; only a head that moved is anchored again, and verification checks the anchors.
 */
class AnchoredAuditLedgerTest {

    @TempDir
    Path dir;

    @Test
    void theHeadIsAnchoredToTheFileAndTheEndpointOnlyWhenItMoved() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext("/anchors", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        endpoint.start();
        try (HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl("jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
            ds.setUsername("sa");
            Flyway.configure().dataSource(ds).locations("classpath:db/migration/core").load().migrate();
            JdbcAuditLedger jdbc = new JdbcAuditLedger(ds, Clock.systemUTC(), LedgerKey.of(new byte[32]));
            Path file = dir.resolve("keys/ledger-anchors.log");
            AnchoredAuditLedger ledger = new AnchoredAuditLedger(jdbc, new LedgerAnchors(file, Clock.systemUTC()),
                    URI.create("http://127.0.0.1:" + endpoint.getAddress().getPort() + "/anchors"));
            ledger.append(AuditEvent.of("m.jones", "hold.create", "HOLD-1", "DONE", null));
            ledger.append(AuditEvent.of("m.jones", "hold.create", "HOLD-2", "DONE", null));
            ledger.anchor();
            ledger.anchor(); // the head did not move: nothing new
            ledger.append(AuditEvent.of("m.jones", "hold.release", "HOLD-1", "DONE", null));
            ledger.close(); // shutdown anchors the last head

            List<String> lines = Files.readAllLines(file);
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).contains(" 2 ");
            assertThat(lines.get(1)).contains(" 3 ");
            assertThat(received).hasSize(2);
            assertThat(received.get(1)).contains("\"sequence\":3").contains(jdbc.head().lastHash());
            assertThat(ledger.verify().intact()).isTrue();
        } finally {
            endpoint.stop(0);
        }
    }
}
