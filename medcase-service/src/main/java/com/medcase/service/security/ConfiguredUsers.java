package com.medcase.service.security;

import com.medcase.service.config.MedCaseProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Users of the embedded default, from {@code medcase.security.users}. When no ADMIN is configured, two accounts
 * get random passwords at first start, {@code admin} (operations) and {@code records} (the records team's lead):
 * printed once to the console, only their bcrypt hashes are kept (under {@code <home>/security/<name>.bcrypt}) so
 * later starts reuse them.
 */
public final class ConfiguredUsers {

    public static final String GENERATED_ADMIN = "admin";
    public static final String GENERATED_RECORDS_LEAD = "records";
    private static final Logger log = LoggerFactory.getLogger(ConfiguredUsers.class);

    private final List<UserDetails> users;
    private final java.util.Map<String, List<String>> claims = new java.util.HashMap<>();
    private final java.util.Map<String, String> generatedPasswords;

    public ConfiguredUsers(MedCaseProperties properties, PasswordEncoder encoder) {
        List<UserDetails> list = new ArrayList<>();
        boolean adminConfigured = false;
        for (MedCaseProperties.Security.User user : properties.security().users()) {
            Set<MedCaseRole> roles = user.roles().stream().map(MedCaseRole::parse).collect(java.util.stream.Collectors.toSet());
            adminConfigured |= roles.contains(MedCaseRole.ADMIN);
            if (!user.passwordHash().startsWith("$2")) {
                throw new IllegalArgumentException("medcase.security.users: the password of '" + user.name()
                        + "' is not a bcrypt hash; configure password-hash as a bcrypt hash ($2a$/$2b$/$2y$...), never a clear password");
            }
            list.add(details(user.name(), user.passwordHash(), roles));
            claims.put(user.name(), user.allowedClaims() == null ? List.of() : List.copyOf(user.allowedClaims()));
        }
        java.util.Map<String, String> generated = new java.util.LinkedHashMap<>();
        if (!adminConfigured) {
            // Two accounts, not one: operations (ADMIN) never reads a record (issue 10), so the records team's lead
            // gets an account of its own for the console's daily jobs.
            list.add(details(GENERATED_ADMIN, generatedHash(properties, GENERATED_ADMIN, encoder, generated), Set.of(MedCaseRole.ADMIN)));
            list.add(details(GENERATED_RECORDS_LEAD, generatedHash(properties, GENERATED_RECORDS_LEAD, encoder, generated),
                    Set.of(MedCaseRole.RECORDS_MANAGER, MedCaseRole.LEGAL_HOLD_ADMINISTRATOR)));
        }
        this.users = List.copyOf(list);
        this.generatedPasswords = java.util.Map.copyOf(generated);
        if (!generated.isEmpty()) {
            // The one and only time these passwords are shown; only their hashes are stored.
            StringBuilder lines = new StringBuilder();
            generated.forEach((name, password) -> lines.append("   user: %-8s password: %s%n".formatted(name, password)));
            System.out.println("""

                    ==================================================================
                     MedCase generated its first accounts (shown once only):
                    %s   admin runs the service (imports, audit, jobs) and reads no record;
                       records is the records team's lead (records manager, legal holds).
                     Their bcrypt hashes are kept in %s; delete a file to generate another.
                    ==================================================================
                    """.formatted(lines, properties.home().resolve("security")));
        } else if (!adminConfigured) {
            log.info("Using the generated accounts '{}' and '{}' whose passwords were printed at first start", GENERATED_ADMIN,
                    GENERATED_RECORDS_LEAD);
        }
    }

    private static String generatedHash(MedCaseProperties properties, String name, PasswordEncoder encoder,
                                        java.util.Map<String, String> generated) {
        Path hashFile = properties.home().resolve("security").resolve(name + ".bcrypt");
        if (Files.isRegularFile(hashFile)) {
            return read(hashFile);
        }
        String password = randomPassword();
        String hash = encoder.encode(password);
        write(hashFile, hash);
        generated.put(name, password);
        return hash;
    }

    public List<UserDetails> users() {
        return users;
    }

    /** The claims a configured account may send documents for (empty: none, and for accounts not configured here). */
    public List<String> allowedClaims(String user) {
        return claims.getOrDefault(user, List.of());
    }

    /** The passwords generated by this start, by account (the quickstart prints where to look with them). */
    public java.util.Map<String, String> generatedPasswords() {
        return generatedPasswords;
    }

    static UserDetails details(String name, String hash, Set<MedCaseRole> roles) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (MedCaseRole role : roles) {
            authorities.add(new SimpleGrantedAuthority(role.authority()));
            role.alfrescoGroup().ifPresent(group -> authorities.add(new SimpleGrantedAuthority(group)));
        }
        return User.withUsername(name).password(hash).authorities(authorities).build();
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the administrator password hash " + file, e);
        }
    }

    private static void write(Path file, String hash) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, hash, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store the administrator password hash in " + file
                    + "; check that medcase.home is writable", e);
        }
    }
}
