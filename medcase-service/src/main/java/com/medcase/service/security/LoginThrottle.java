package com.medcase.service.security;

import com.medcase.store.StoreSupport;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per user and per client address within a sliding window, and locks either for a while once
 * it has too many (guessing passwords then costs hours, not seconds). A success clears the user's count, not the
 * address's: one good password must not reset a spray over many accounts from the same address.
 * <p>
 * With a {@link DataSource} (the service's own database: what the service runs with) the failures and locks are
 * rows shared by every node and kept across restarts, so neither a second node nor a restart gives an attacker a
 * fresh count. Without one (unit tests) they are kept in memory.
 */
public final class LoginThrottle {

    private final int maxPerUser;
    private final int maxPerAddress;
    private final Duration window;
    private final Duration lockout;
    private final Clock clock;
    private final Map<String, Counter> users = new ConcurrentHashMap<>();
    private final Map<String, Counter> addresses = new ConcurrentHashMap<>();

    /** Null: failures and locks in memory, this node only. */
    private final Shared shared;
    private final javax.crypto.spec.SecretKeySpec subjectKey;

    public LoginThrottle(ProtectionProperties.Login settings, Clock clock) {
        this(settings, clock, null, null);
    }

    /**
     * @param dataSource the service's database (migrated with {@code db/migration/service}); null keeps state in memory
     * @param subjectKey the HMAC key of stored names and addresses (the service key "login-throttle"; every node needs
     *                   the same one, {@code MEDCASE_LOGIN_THROTTLE_KEY}, to count the same failures)
     */
    public LoginThrottle(ProtectionProperties.Login settings, Clock clock, DataSource dataSource, byte[] subjectKey) {
        this.maxPerUser = settings.maxFailuresPerUser();
        this.maxPerAddress = settings.maxFailuresPerAddress();
        this.window = settings.window();
        this.lockout = settings.lockout();
        this.clock = clock;
        if (dataSource != null && (subjectKey == null || subjectKey.length < 16)) {
            throw new IllegalArgumentException("a shared login throttle needs a subject key of at least 16 bytes");
        }
        this.shared = dataSource == null ? null : new Shared(new StoreSupport(dataSource));
        this.subjectKey = subjectKey == null ? null : new javax.crypto.spec.SecretKeySpec(subjectKey.clone(), "HmacSHA256");
    }

    /** Why a login is refused before its password is even checked, or null when it may be tried. */
    public String refusal(String user, String address) {
        if (shared != null) {
            return shared.refusal(subject("user", key(user)), address == null ? null : subject("address", address), clock.instant());
        }
        Instant now = clock.instant();
        if (counter(users, key(user)).lockedAt(now)) {
            return "user";
        }
        if (address != null && counter(addresses, address).lockedAt(now)) {
            return "address";
        }
        return null;
    }

    public void failed(String user, String address) {
        Instant now = clock.instant();
        if (shared != null) {
            shared.failed(subject("user", key(user)), maxPerUser, now);
            if (address != null) {
                shared.failed(subject("address", address), maxPerAddress, now);
            }
            return;
        }
        counter(users, key(user)).fail(now, maxPerUser);
        if (address != null) {
            counter(addresses, address).fail(now, maxPerAddress);
        }
    }

    public void succeeded(String user) {
        if (shared != null) {
            shared.succeeded(subject("user", key(user)));
            return;
        }
        users.remove(key(user));
    }

    /**
     * The stored form of a user name or address: an HMAC under a service key. A name field sometimes holds a mistyped
     * password, and an unkeyed digest of a short one (or of an address) is reversed by trying them all.
     */
    String subject(String kind, String value) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(subjectKey);
            return java.util.HexFormat.of().formatHex(mac.doFinal((kind + ":" + value).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Failures and locks as rows of the service's database (V331), shared by every node. */
    private final class Shared {
        private final StoreSupport db;
        private final java.util.concurrent.atomic.AtomicLong failuresSincePurge = new java.util.concurrent.atomic.AtomicLong();

        Shared(StoreSupport db) {
            this.db = db;
        }

        String refusal(String user, String address, Instant now) {
            List<String> locked = db.query("SELECT subject FROM mc_login_lockout WHERE subject IN (?, ?) AND locked_until > ?",
                    rs -> rs.getString(1), user, address == null ? user : address, now);
            if (locked.contains(user)) {
                return "user";
            }
            return locked.isEmpty() ? null : "address";
        }

        void failed(String subject, int max, Instant now) {
            Instant windowStart = now.minus(window);
            db.inTransaction(c -> {
                StoreSupport.update(c, "DELETE FROM mc_login_failure WHERE subject = ? AND failed_at < ?", subject, windowStart);
                StoreSupport.update(c, "INSERT INTO mc_login_failure (subject, failed_at) VALUES (?, ?)", subject, now);
                long inWindow = StoreSupport.query(c, "SELECT COUNT(*) FROM mc_login_failure WHERE subject = ?", rs -> rs.getLong(1), subject).get(0);
                if (inWindow >= max) {
                    Instant until = now.plus(lockout);
                    if (StoreSupport.update(c, "UPDATE mc_login_lockout SET locked_until = ? WHERE subject = ?", until, subject) == 0) {
                        StoreSupport.update(c, "INSERT INTO mc_login_lockout (subject, locked_until) VALUES (?, ?)", subject, until);
                    }
                    StoreSupport.update(c, "DELETE FROM mc_login_failure WHERE subject = ?", subject);
                }
                return null;
            });
            if (failuresSincePurge.incrementAndGet() % PURGE_EVERY == 0) {
                // a flood of random names leaves rows no later failure of the same name deletes
                db.inTransaction(c -> {
                    StoreSupport.update(c, "DELETE FROM mc_login_failure WHERE failed_at < ?", windowStart);
                    StoreSupport.update(c, "DELETE FROM mc_login_lockout WHERE locked_until < ?", now);
                    return null;
                });
            }
        }

        void succeeded(String user) {
            // no row for a user who did not fail: a statement that changes nothing commits nothing to disk
            db.update("DELETE FROM mc_login_failure WHERE subject = ?", user);
        }
    }

    private static final int PURGE_EVERY = 512;

    private static String key(String user) {
        return user == null ? "" : user.toLowerCase(Locale.ROOT);
    }

    private Counter counter(Map<String, Counter> map, String key) {
        if (map.size() > 100_000) {
            // Bounded memory under a flood of random names: forget idle counters.
            Instant now = clock.instant();
            map.values().removeIf(c -> c.idle(now));
        }
        return map.computeIfAbsent(key, k -> new Counter());
    }

    private final class Counter {
        private final Deque<Instant> failures = new ArrayDeque<>();
        private Instant lockedUntil = Instant.MIN;

        synchronized boolean lockedAt(Instant now) {
            return now.isBefore(lockedUntil);
        }

        synchronized void fail(Instant now, int max) {
            while (!failures.isEmpty() && failures.peekFirst().isBefore(now.minus(window))) {
                failures.removeFirst();
            }
            failures.addLast(now);
            if (failures.size() >= max) {
                lockedUntil = now.plus(lockout);
                failures.clear();
            }
        }

        synchronized boolean idle(Instant now) {
            return failures.isEmpty() && !lockedAt(now);
        }
    }
}
