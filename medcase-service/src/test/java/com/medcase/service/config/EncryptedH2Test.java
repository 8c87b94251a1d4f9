package com.medcase.service.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 10: an H2 database written before encryption at rest is converted in place once, keeps its data, and
 * its file key can be rotated (H2's ChangeFileEncryption); the old key no longer opens it afterwards.
 */
class EncryptedH2Test {

    @TempDir
    Path dir;

    @Test
    void anExistingPlaintextDatabaseIsEncryptedOnceAndItsKeyRotates() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("medcase").toAbsolutePath();
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (v VARCHAR(100))");
            s.execute("INSERT INTO t VALUES ('Synthetic claimant Zanzibar Quill')");
        }
        Path file = dir.resolve("medcase.mv.db");
        assertThat(EncryptedH2.isPlaintext(file)).isTrue();
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).contains("Zanzibar Quill");

        EncryptedH2.encryptExisting(dir, "medcase", "first-file-password");
        assertThat(EncryptedH2.isPlaintext(file)).isFalse();
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).doesNotContain("Zanzibar Quill");
        EncryptedH2.encryptExisting(dir, "medcase", "first-file-password"); // idempotent: already encrypted
        assertThat(read(url + ";CIPHER=AES", "first-file-password ")).isEqualTo("Synthetic claimant Zanzibar Quill");

        EncryptedH2.rotate(dir, "medcase", "first-file-password", "second-file-password");
        assertThat(read(url + ";CIPHER=AES", "second-file-password ")).isEqualTo("Synthetic claimant Zanzibar Quill");
        assertThatThrownBy(() -> read(url + ";CIPHER=AES", "first-file-password ")).isInstanceOf(SQLException.class);
    }

    private static String read(String url, String password) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "sa", password); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT v FROM t")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
