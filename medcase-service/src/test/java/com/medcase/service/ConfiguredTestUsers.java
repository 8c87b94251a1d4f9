package com.medcase.service;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The service's configured users ({@code medcase.security.users[i]}) as the integration tests declare them: one place
 * that knows the property names, so a test lists only who has which roles.
 */
public final class ConfiguredTestUsers {

    private ConfiguredTestUsers() {
    }

    /** Users {@code {name, role, role...}} at indexes 0, 1, 2... sharing one bcrypt hash. */
    public static void register(DynamicPropertyRegistry registry, String passwordHash, String[][] users) {
        for (int i = 0; i < users.length; i++) {
            String[] user = users[i];
            add(registry, i, user[0], passwordHash, java.util.Arrays.copyOfRange(user, 1, user.length));
        }
    }

    /** One user at {@code index}. */
    public static void add(DynamicPropertyRegistry registry, int index, String name, String passwordHash, String... roles) {
        String user = "medcase.security.users[" + index + "]";
        registry.add(user + ".name", () -> name);
        registry.add(user + ".password-hash", () -> passwordHash);
        for (int r = 0; r < roles.length; r++) {
            String role = roles[r];
            registry.add(user + ".roles[" + r + "]", () -> role);
        }
    }

    /** The claims a provider feed at {@code index} may send for ({@code allowed-claims}; unset means none). */
    public static void allowClaims(DynamicPropertyRegistry registry, int index, String... patterns) {
        for (int p = 0; p < patterns.length; p++) {
            String pattern = patterns[p];
            registry.add("medcase.security.users[" + index + "].allowed-claims[" + p + "]", () -> pattern);
        }
    }
}
