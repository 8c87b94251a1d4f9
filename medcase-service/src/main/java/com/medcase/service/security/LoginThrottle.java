package com.medcase.service.security;

import com.medcase.store.StoreSupport;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts failed logins per user and per client address within a sliding window, and locks either for a while once
 * it has too many (guessing passwords then costs hours, not seconds). A success clears the user's count, not the
 * address's: one good password must not reset a spray over many accounts from the same address.
 * <p>
 * Failures and locks are rows of the service's database (V331), shared by every node and kept across restarts, so
 * neither a second node nor a restart gives an attacker a fresh count.
 */
public final class LoginThrottle {
    private static final int PURGE_EVERY = 512;

    private final int maxPerUser;
    private final int maxPerAddress;
    private final Duration window;
    private final Duration lockout;
    private final Clock clock;
    private final StoreSupport db;
    private final SecretKeySpec subjectKey;
    private final AtomicLong failuresSincePurge = new AtomicLong();

    /**
     * @param dataSource the service's database (migrated with {@code db/migration/service})
     * @param subjectKey the HMAC key of stored names and addresses (the service key "login-throttle"; every node needs
     *                   the same one, {@code MEDCASE_LOGIN_THROTTLE_KEY}, to count the same failures)
     */
    public LoginThrottle(ProtectionProperties.Login settings, Clock clock, DataSource dataSource, byte[] subjectKey) {
        if (subjectKey == null || subjectKey.length < 16) {
            throw new IllegalArgumentException("the login throttle needs a subject key of at least 16 bytes");
        }
        this.maxPerUser = settings.maxFailuresPerUser();
        this.maxPerAddress = settings.maxFailuresPerAddress();
        this.window = settings.window();
        this.lockout = settings.lockout();
        this.clock = clock;
        this.db = new StoreSupport(dataSource);
        this.subjectKey = new SecretKeySpec(subjectKey.clone(), "HmacSHA256");
    }

    /** Why a login is refused before its password is even checked, or null when it may be tried. */
    public String refusal(String user, String address) {
        String userSubject = subject("user", key(user));
        String addressSubject = address == null ? userSubject : subject("address", address);
        List<String> locked = db.query("SELECT subject FROM mc_login_lockout WHERE subject IN (?, ?) AND locked_until > ?",
                rs -> rs.getString(1), userSubject, addressSubject, clock.instant());
        if (locked.contains(userSubject)) {
            return "user";
        }
        return locked.isEmpty() ? null : "address";
    }

    public void failed(String user, String address) {
        Instant now = clock.instant();
        failed(subject("user", key(user)), maxPerUser, now);
        if (address != null) {
            failed(subject("address", address), maxPerAddress, now);
        }
        if (failuresSincePurge.incrementAndGet() % PURGE_EVERY == 0) {
            // a flood of random names leaves rows no later failure of the same name deletes
            db.inTransaction(c -> {
                StoreSupport.update(c, "DELETE FROM mc_login_failure WHERE failed_at < ?", now.minus(window));
                StoreSupport.update(c, "DELETE FROM mc_login_lockout WHERE locked_until < ?", now);
                return null;
            });
        }
    }

    public void succeeded(String user) {
        // no row for a user who did not fail: a statement that changes nothing commits nothing to disk
        db.update("DELETE FROM mc_login_failure WHERE subject = ?", subject("user", key(user)));
    }

    private void failed(String subject, int max, Instant now) {
        db.inTransaction(c -> {
            StoreSupport.update(c, "DELETE FROM mc_login_failure WHERE subject = ? AND failed_at < ?", subject, now.minus(window));
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
    }

    /**
     * The stored form of a user name or address: an HMAC under a service key. A name field sometimes holds a mistyped
     * password, and an unkeyed digest of a short one (or of an address) is reversed by trying them all.
     */
    String subject(String kind, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(subjectKey);
            return HexFormat.of().formatHex(mac.doFinal((kind + ":" + value).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String key(String user) {
        return user == null ? "" : user.toLowerCase(Locale.ROOT);
    }
}
