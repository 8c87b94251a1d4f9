package com.medcase.service.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per user and per client address within a sliding window, and locks either for a while once
 * it has too many (guessing passwords then costs hours, not seconds). A success clears the user's count, not the
 * address's: one good password must not reset a spray over many accounts from the same address. In memory: a
 * restart clears it, which is acceptable for a throttle (the lockout is minutes); several service nodes each keep
 * their own.
 */
public final class LoginThrottle {

    private final int maxPerUser;
    private final int maxPerAddress;
    private final Duration window;
    private final Duration lockout;
    private final Clock clock;
    private final Map<String, Counter> users = new ConcurrentHashMap<>();
    private final Map<String, Counter> addresses = new ConcurrentHashMap<>();

    public LoginThrottle(ProtectionProperties.Login settings, Clock clock) {
        this.maxPerUser = settings.maxFailuresPerUser();
        this.maxPerAddress = settings.maxFailuresPerAddress();
        this.window = settings.window();
        this.lockout = settings.lockout();
        this.clock = clock;
    }

    /** Why a login is refused before its password is even checked, or null when it may be tried. */
    public String refusal(String user, String address) {
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
        counter(users, key(user)).fail(now, maxPerUser);
        if (address != null) {
            counter(addresses, address).fail(now, maxPerAddress);
        }
    }

    public void succeeded(String user) {
        users.remove(key(user));
    }

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
