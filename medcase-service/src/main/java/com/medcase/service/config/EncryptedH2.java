package com.medcase.service.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * Moves an H2 database written before encryption at rest to H2's AES file encryption, in place, once: H2's own
 * {@code ChangeFileEncryption} tool rewrites the file under the key. An H2 file is recognised as plaintext by its header,
 * which H2 writes in clear text ({@code H:2,...}); an encrypted file starts with the {@code HEADER_CIPHER} marker instead.
 */
final class EncryptedH2 {

    private static final Logger log = LoggerFactory.getLogger(EncryptedH2.class);

    private EncryptedH2() {
    }

    static void encryptExisting(Path directory, String database, String filePassword) throws IOException {
        Path file = directory.resolve(database + ".mv.db");
        if (!Files.isRegularFile(file) || !isPlaintext(file)) {
            return;
        }
        try {
            org.h2.tools.ChangeFileEncryption.execute(directory.toString(), database, "AES", null, filePassword.toCharArray(), true);
            log.info("Encrypted the existing service database {} with its database key (H2 CIPHER=AES)", file);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot encrypt the existing database " + file + ": " + e.getMessage()
                    + "; back it up and retry, or set medcase.protection.encrypt-at-rest=false", e);
        }
    }

    /**
     * Key rotation of an H2 database, offline (the service stopped): rewrites the file from the old file password to
     * the new one with H2's {@code ChangeFileEncryption}. See the README's key rotation steps.
     */
    static void rotate(Path directory, String database, String oldFilePassword, String newFilePassword) {
        try {
            org.h2.tools.ChangeFileEncryption.execute(directory.toString(), database, "AES", oldFilePassword.toCharArray(),
                    newFilePassword.toCharArray(), true);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot re-encrypt " + directory.resolve(database + ".mv.db") + ": " + e.getMessage(), e);
        }
    }

    static boolean isPlaintext(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            String head = new String(in.readNBytes(16), StandardCharsets.ISO_8859_1);
            return head.startsWith("H:2") || head.startsWith("H:3");
        }
    }
}
