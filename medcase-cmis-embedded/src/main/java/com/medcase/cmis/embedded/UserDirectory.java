package com.medcase.cmis.embedded;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Users of the embedded repository, from a properties file written by whoever starts the server:
 * {@code user.<name>=pbkdf2$<iterations>$<salt b64>$<hash b64>} and {@code groups.<name>=G1,G2}.
 * Passwords are never stored in clear; comparison is constant-time.
 */
public final class UserDirectory {

    private static final int DEFAULT_ITERATIONS = 120_000;
    private final Map<String, String> hashes;
    private final Map<String, Set<String>> groups;

    UserDirectory(Map<String, String> hashes, Map<String, Set<String>> groups) {
        this.hashes = Map.copyOf(hashes);
        this.groups = Map.copyOf(groups);
    }

    public static UserDirectory load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, String> hashes = new HashMap<>();
        Map<String, Set<String>> groups = new HashMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("user.")) {
                hashes.put(key.substring(5), p.getProperty(key));
            } else if (key.startsWith("groups.")) {
                groups.put(key.substring(7), Set.of(p.getProperty(key).split("\\s*,\\s*")));
            }
        }
        if (hashes.isEmpty()) {
            throw new IllegalArgumentException("Users file " + file + " defines no user; add user.<name>=pbkdf2$... lines");
        }
        return new UserDirectory(hashes, groups);
    }

    public boolean authenticate(String user, char[] password) {
        String stored = hashes.get(user);
        // Hash even for unknown users so that timing does not reveal which user names exist.
        String encoded = stored != null ? stored : "pbkdf2$" + DEFAULT_ITERATIONS + "$AAAAAAAAAAAAAAAAAAAAAA==$AAAA";
        String[] parts = encoded.split("\\$");
        if (parts.length != 4 || !parts[0].equals("pbkdf2")) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        byte[] actual = pbkdf2(password, salt, Integer.parseInt(parts[1]), Math.max(expected.length, 1));
        return MessageDigest.isEqual(actual, expected) && stored != null;
    }

    public Set<String> groupsOf(String user) {
        return groups.getOrDefault(user, Set.of());
    }

    public Set<String> users() {
        return hashes.keySet();
    }

    /** Encodes a password for the users file. */
    public static String hash(char[] password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        byte[] hash = pbkdf2(password, salt, DEFAULT_ITERATIONS, 32);
        return "pbkdf2$" + DEFAULT_ITERATIONS + "$" + Base64.getEncoder().encodeToString(salt) + "$" + Base64.getEncoder().encodeToString(hash);
    }

    private static byte[] pbkdf2(char[] password, byte[] salt, int iterations, int length) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, length * 8);
            try {
                return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            } finally {
                spec.clearPassword();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is required by every Java platform", e);
        }
    }

}
