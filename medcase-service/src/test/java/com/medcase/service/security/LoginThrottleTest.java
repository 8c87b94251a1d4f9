package com.medcase.service.security;

import com.medcase.service.MovableClock;
import com.medcase.service.ServiceDatabases;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10: failed logins lock a user and, for password spraying over many names, the address; locks expire. One
 * throttle on the service's H2 database; {@link SharedLoginThrottleTest} has two nodes, and PostgreSQL.
 */
class LoginThrottleTest {

    final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
    HikariDataSource database;
    LoginThrottle throttle;

    @BeforeEach
    void openDatabase(@TempDir Path dir) throws Exception {
        database = ServiceDatabases.open("h2", dir);
        throttle = new LoginThrottle(new ProtectionProperties.Login(5, 20, Duration.ofMinutes(15), Duration.ofMinutes(15)), clock, database,
                SharedLoginThrottleTest.KEY);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void fiveFailuresLockTheUserForTheLockoutPeriod() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("Manon", "10.0.0.1");
        }
        assertThat(throttle.refusal("manon", "10.0.0.9")).isNull();
        throttle.failed("manon", "10.0.0.2");
        assertThat(throttle.refusal("MANON", "10.0.0.9")).isEqualTo("user");
        clock.advance(Duration.ofMinutes(16));
        assertThat(throttle.refusal("manon", "10.0.0.9")).isNull();
    }

    @Test
    void failuresOutsideTheWindowDoNotAddUp() {
        for (int i = 0; i < 8; i++) {
            throttle.failed("clara", "10.0.0.1");
            clock.advance(Duration.ofMinutes(4));
            if (i == 3) {
                throttle.succeeded("clara");
            }
        }
        assertThat(throttle.refusal("clara", "10.0.0.3")).isNull();
    }

    @Test
    void sprayingManyNamesFromOneAddressLocksTheAddressNotOthers() {
        for (int i = 0; i < 20; i++) {
            throttle.failed("user" + i, "10.0.0.66");
        }
        assertThat(throttle.refusal("somebody-new", "10.0.0.66")).isEqualTo("address");
        assertThat(throttle.refusal("somebody-new", "10.0.0.67")).isNull();
        throttle.succeeded("user1"); // a success does not clear the address
        assertThat(throttle.refusal("user1", "10.0.0.66")).isEqualTo("address");
    }
}
