package com.medcase.service.security;

import com.medcase.service.MovableClock;
import com.medcase.service.ServiceDatabases;

import com.medcase.store.StoreSupport;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login throttle in the service's database: failures counted on two nodes add up to one lock that both enforce,
 * a restarted node still enforces it, and what was typed as a user name is never stored. With the throttle in
 * memory (before), the two nodes below each allowed the full five attempts and a restart forgot the lock.
 */
class SharedLoginThrottleTest {

    static final ProtectionProperties.Login SETTINGS = new ProtectionProperties.Login(5, 20, Duration.ofMinutes(15), Duration.ofMinutes(15));

    static final byte[] KEY = "a test key of thirty-two bytes!!".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void failuresOnTwoNodesAddUpToOneLockThatBothAndARestartedNodeEnforce(String kind, @TempDir Path dir) throws Exception {
        try (HikariDataSource db = ServiceDatabases.open(kind, dir)) {
            LoginThrottle nodeA = new LoginThrottle(SETTINGS, clock, db, KEY);
            LoginThrottle nodeB = new LoginThrottle(SETTINGS, clock, db, KEY);
            for (int i = 0; i < 3; i++) {
                nodeA.failed("Manon", "10.0.0.1");
            }
            nodeB.failed("manon", "10.0.0.2");
            assertThat(nodeA.refusal("manon", "10.0.0.9")).isNull();
            nodeB.failed("MANON", "10.0.0.2");
            assertThat(nodeA.refusal("manon", "10.0.0.9")).isEqualTo("user");
            assertThat(nodeB.refusal("manon", "10.0.0.9")).isEqualTo("user");
            assertThat(new LoginThrottle(SETTINGS, clock, db, KEY).refusal("manon", "10.0.0.9")).as("after a restart").isEqualTo("user");

            clock.advance(Duration.ofMinutes(16));
            assertThat(nodeA.refusal("manon", "10.0.0.9")).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aSuccessClearsTheUsersCountNotTheAddressesAndSprayingLocksTheAddressEverywhere(String kind, @TempDir Path dir) throws Exception {
        try (HikariDataSource db = ServiceDatabases.open(kind, dir)) {
            LoginThrottle nodeA = new LoginThrottle(SETTINGS, clock, db, KEY);
            LoginThrottle nodeB = new LoginThrottle(SETTINGS, clock, db, KEY);
            for (int i = 0; i < 4; i++) {
                nodeA.failed("clara", "10.0.0.5");
            }
            nodeB.succeeded("clara");
            nodeA.failed("clara", "10.0.0.5");
            assertThat(nodeB.refusal("clara", "10.0.0.6")).isNull();
            for (int i = 0; i < 15; i++) {
                (i % 2 == 0 ? nodeA : nodeB).failed("sprayed-" + i, "10.0.0.5");
            }
            assertThat(nodeA.refusal("someone-else", "10.0.0.5")).isEqualTo("address");
            assertThat(nodeB.refusal("someone-else", "10.0.0.7")).isNull();

            // nothing typed as a name is kept as typed (it may be a password typed into the wrong field)
            String typed = "Correct-Horse-Battery-Staple-9";
            nodeA.failed(typed, "10.0.0.8");
            StoreSupport rows = new StoreSupport(db);
            assertThat(rows.query("SELECT subject FROM mc_login_failure", rs -> rs.getString(1))).noneMatch(s -> s.contains("Horse"))
                    .contains(nodeA.subject("user", typed.toLowerCase(java.util.Locale.ROOT)));
        }
    }
}
