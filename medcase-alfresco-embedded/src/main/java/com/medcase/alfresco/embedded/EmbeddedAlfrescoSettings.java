package com.medcase.alfresco.embedded;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Settings of the embedded Alfresco stand-in.
 *
 * @param home          content files live under {@code home/contentstore}; the default H2 database under {@code home/db}
 * @param jdbcUrl       null/blank: H2 file at {@code home/db/repository}; a {@code jdbc:postgresql:} URL selects PostgreSQL
 *                      (schema from its {@code currentSchema} parameter, else {@code alfresco_embedded})
 * @param jdbcUser      database user (may be null for H2)
 * @param jdbcPassword  database password (may be null)
 * @param port          0 = ephemeral; always bound to 127.0.0.1 only
 * @param adminUser     the service account; an administrator (member of GROUP_ALFRESCO_ADMINISTRATORS)
 * @param adminPassword set (PBKDF2-hashed) at every start; never logged
 * @param contentEncryption null: content files as sent; else every new content file is encrypted (AES-256-GCM)
 */
public record EmbeddedAlfrescoSettings(Path home, String jdbcUrl, String jdbcUser, String jdbcPassword, int port,
                                       String adminUser, char[] adminPassword, ContentEncryption contentEncryption) {

    /** Without content encryption. */
    public EmbeddedAlfrescoSettings(Path home, String jdbcUrl, String jdbcUser, String jdbcPassword, int port,
                                    String adminUser, char[] adminPassword) {
        this(home, jdbcUrl, jdbcUser, jdbcPassword, port, adminUser, adminPassword, null);
    }

    /** The same settings with content files encrypted. */
    public EmbeddedAlfrescoSettings withContentEncryption(ContentEncryption encryption) {
        return new EmbeddedAlfrescoSettings(home, jdbcUrl, jdbcUser, jdbcPassword, port, adminUser, adminPassword, encryption);
    }

    @Override
    public String toString() {
        // never print the password
        return "EmbeddedAlfrescoSettings[home=" + home + ", jdbcUrl=" + (jdbcUrl == null || jdbcUrl.isBlank() ? "(h2 default)" : jdbcUrl)
                + ", port=" + port + ", adminUser=" + adminUser + ", contentEncryption=" + contentEncryption + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EmbeddedAlfrescoSettings s && java.util.Objects.equals(home, s.home) && java.util.Objects.equals(jdbcUrl, s.jdbcUrl)
                && java.util.Objects.equals(jdbcUser, s.jdbcUser) && java.util.Objects.equals(jdbcPassword, s.jdbcPassword)
                && port == s.port && java.util.Objects.equals(adminUser, s.adminUser) && Arrays.equals(adminPassword, s.adminPassword)
                && contentEncryption == s.contentEncryption;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(home, jdbcUrl, jdbcUser, port, adminUser);
    }
}
