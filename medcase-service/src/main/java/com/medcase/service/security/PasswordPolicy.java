package com.medcase.service.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The policy for configured users' passwords (NIST SP 800-63B 5.1.1.2: a minimum length and a check against known
 * breached passwords, no composition rules). Configured users are stored as bcrypt hashes, so the password itself is
 * checked when it is presented: a login with a password that breaks the policy is refused, however correct.
 */
public final class PasswordPolicy {

    private final int minLength;
    private final Set<String> breached;

    public PasswordPolicy(ProtectionProperties.PasswordPolicy settings) {
        this.minLength = settings.minLength();
        this.breached = settings.breachList().isBlank() ? Set.of() : load(Path.of(settings.breachList()));
    }

    /** Why the password breaks the policy, or null when it complies. Never includes the password. */
    public String violation(CharSequence password) {
        if (password == null || password.length() < minLength) {
            return "shorter than " + minLength + " characters";
        }
        if (breached.contains(password.toString())) {
            return "on the breached-password list";
        }
        return null;
    }

    private static Set<String> load(Path file) {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            Set<String> set = new HashSet<>();
            lines.map(String::strip).filter(l -> !l.isEmpty()).forEach(set::add);
            return Set.copyOf(set);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the breached-password list " + file
                    + " (medcase.protection.password-policy.breach-list): " + e.getMessage(), e);
        }
    }
}
