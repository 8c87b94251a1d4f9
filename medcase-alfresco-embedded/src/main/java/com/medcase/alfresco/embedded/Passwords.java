package com.medcase.alfresco.embedded;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/** PBKDF2-HMAC-SHA256 password hashes: "pbkdf2-sha256$iterations$salt$hash" (base64). */
final class Passwords {
    /** OWASP-range cost; tests may lower it with the system property medcase.alfresco.pbkdf2.iterations. */
    static final int DEFAULT_ITERATIONS = 120_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() { }

    static String hash(char[] password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        int iterations = Integer.getInteger("medcase.alfresco.pbkdf2.iterations", DEFAULT_ITERATIONS);
        byte[] h = pbkdf2(password, salt, iterations);
        Base64.Encoder b = Base64.getEncoder().withoutPadding();
        return "pbkdf2-sha256$" + iterations + "$" + b.encodeToString(salt) + "$" + b.encodeToString(h);
    }

    static boolean verify(char[] password, String stored) {
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !parts[0].equals("pbkdf2-sha256")) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        byte[] actual = pbkdf2(password, salt, Integer.parseInt(parts[1]));
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] pbkdf2(char[] password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
            try {
                return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            } finally {
                spec.clearPassword();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fast keyed digest used only to remember an already PBKDF2-verified credential in memory. */
    static byte[] fingerprint(byte[] key, String stored, char[] password) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(key);
            md.update(stored.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            md.update(new String(password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return md.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
