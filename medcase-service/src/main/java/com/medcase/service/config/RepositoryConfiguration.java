package com.medcase.service.config;

import com.medcase.alfresco.embedded.EmbeddedAlfresco;
import com.medcase.alfresco.embedded.EmbeddedAlfrescoSettings;
import com.medcase.audit.AuditLedger;
import com.medcase.consent.ConsentEngine;
import com.medcase.enforcement.GovernedRecordRepository;
import com.medcase.enforcement.RecordAccessEnforcer;
import com.medcase.repository.AuthorityDirectory;
import com.medcase.repository.RecordRepository;
import com.medcase.repository.RepositoryHolds;
import com.medcase.repository.alfresco.AlfrescoAuthorityDirectory;
import com.medcase.repository.alfresco.AlfrescoHolds;
import com.medcase.repository.alfresco.AlfrescoHttp;
import com.medcase.repository.alfresco.AlfrescoRecordRepository;
import com.medcase.repository.alfresco.AlfrescoSettings;
import com.medcase.store.consent.JdbcAuthorizationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

/**
 * The content repository, always through the production binding (Alfresco public REST API v1): ACS
 * when {@code medcase.repository.acs-url} is set, else the embedded default repository started
 * in-process on 127.0.0.1 with a service password generated at every start (never written down).
 */
@Configuration(proxyBeanMethods = false)
class RepositoryConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RepositoryConfiguration.class);
    static final String EMBEDDED_SERVICE_ACCOUNT = "medcase-service";

    /** Holder so that the embedded repository stops with the context, and is absent against ACS. */
    record EmbeddedRepositoryServer(EmbeddedAlfresco server, char[] servicePassword) implements AutoCloseable {
        @Override
        public void close() {
            if (server != null) {
                server.close();
            }
        }
    }

    @Bean(destroyMethod = "close")
    EmbeddedRepositoryServer embeddedRepositoryServer(MedCaseProperties properties,
                                                      com.medcase.service.security.ProtectionProperties protection,
                                                      com.medcase.service.security.ServiceKeys keys) throws java.io.IOException {
        MedCaseProperties.Repository repository = properties.repository();
        if (!repository.embedded()) {
            return new EmbeddedRepositoryServer(null, null);
        }
        char[] password = randomPassword();
        java.nio.file.Path home = com.medcase.service.security.ServiceKeys.DataDirectories.createPrivate(properties.home().resolve("repository"));
        String jdbcUrl = repository.embeddedJdbcUrl();
        String jdbcPassword = repository.embeddedJdbcPassword();
        if (protection.encryptAtRest() && jdbcUrl.isBlank()) {
            // The repository's own H2 (names, properties, ACLs) encrypted like the service's: same H2 URL as the
            // embedded repository's default (Db), plus CIPHER=AES with a file password from its own key.
            java.nio.file.Path dbDir = com.medcase.service.security.ServiceKeys.DataDirectories.createPrivate(home.resolve("db"));
            String filePassword = java.util.HexFormat.of().formatHex(keys.key("repository-database").bytes());
            EncryptedH2.encryptExisting(dbDir, "repository", filePassword);
            jdbcUrl = "jdbc:h2:file:" + dbDir.resolve("repository").toAbsolutePath()
                    + com.medcase.store.H2FileUpkeep.URL_SETTINGS + ";QUERY_CACHE_SIZE=256;TRACE_LEVEL_FILE=0;CIPHER=AES";
            jdbcPassword = filePassword + " " + (jdbcPassword == null ? "" : jdbcPassword);
        }
        EmbeddedAlfrescoSettings settings = new EmbeddedAlfrescoSettings(home,
                jdbcUrl, repository.embeddedJdbcUsername(), jdbcPassword, 0,
                EMBEDDED_SERVICE_ACCOUNT, password);
        java.util.List<byte[]> earlier = java.util.List.of();
        if (protection.encryptAtRest()) {
            // Content files encrypted per file, key outside the data directory (issue 10).
            earlier = keys.earlierKeys("content");
            settings = settings.withContentEncryption(com.medcase.alfresco.embedded.ContentEncryption.of(keys.key("content").bytes(), earlier));
        }
        EmbeddedAlfresco server = EmbeddedAlfresco.start(settings);
        log.info("Embedded repository (Alfresco REST API v1 subset) listening at {}", server.baseUrl());
        if (!earlier.isEmpty()) {
            rotateContentKey(server);
        }
        return new EmbeddedRepositoryServer(server, password);
    }

    /** The embedded repository's database (names, properties, ACLs), for the administrators' storage page; absent against ACS. */
    @Bean
    com.medcase.service.storage.DatabaseFileSource repositoryDatabaseFile(EmbeddedRepositoryServer embedded) {
        return com.medcase.service.storage.DatabaseFileSource.of("embedded repository database",
                () -> embedded.server() == null ? java.util.Optional.empty() : embedded.server().databaseUpkeep());
    }

    /** Key rotation in the background: readers use either key meanwhile; afterwards the earlier key files can be removed. */
    private static void rotateContentKey(EmbeddedAlfresco server) {
        Thread rotation = new Thread(() -> {
            try {
                long n = server.reencryptContent();
                log.info("Content key rotation: {} content files re-encrypted under the current key; the earlier content keys "
                        + "(content.earlier*.key) may now be removed", n);
            } catch (java.io.IOException | RuntimeException e) {
                log.error("Content key rotation stopped: {}; it resumes at the next start", e.getMessage());
            }
        }, "medcase-content-key-rotation");
        rotation.setDaemon(true);
        rotation.start();
    }

    @Bean
    AlfrescoHttp alfrescoHttp(MedCaseProperties properties, EmbeddedRepositoryServer embedded) {
        MedCaseProperties.Repository repository = properties.repository();
        AlfrescoSettings settings = embedded.server() != null
                ? new AlfrescoSettings(embedded.server().baseUrl(), EMBEDDED_SERVICE_ACCOUNT, embedded.servicePassword(),
                        repository.rootPath(), repository.timeout(), repository.parallelism())
                : new AlfrescoSettings(repository.alfrescoBaseUrl(), require(repository.username(), "medcase.repository.username"),
                        require(repository.password(), "medcase.repository.password").toCharArray(), repository.rootPath(),
                        repository.timeout(), repository.parallelism());
        return new AlfrescoHttp(settings);
    }

    @Bean
    AuthorityDirectory authorityDirectory(AlfrescoHttp http) {
        return new AlfrescoAuthorityDirectory(http);
    }

    @Bean
    RepositoryHolds repositoryHolds(AlfrescoHttp http) {
        return new AlfrescoHolds(http);
    }

    /** The binding itself; callers get the governed one below, which files every record with its ACL. */
    @Bean
    @Qualifier("binding")
    AlfrescoRecordRepository alfrescoRecordRepository(AlfrescoHttp http, AuthorityDirectory authorities, Clock clock) {
        return new AlfrescoRecordRepository(http, (AlfrescoAuthorityDirectory) authorities, clock);
    }

    @Bean(destroyMethod = "close")
    RecordAccessEnforcer recordAccessEnforcer(AlfrescoRecordRepository binding, AuthorityDirectory authorities, RepositoryHolds holds,
                                              ConsentEngine engine, JdbcAuthorizationStore authorizations, AuditLedger ledger,
                                              Clock clock, MedCaseProperties properties) {
        return new RecordAccessEnforcer(binding, authorities, holds, engine, authorizations::consentsOf, ledger, clock,
                properties.repository().parallelism());
    }

    @Bean
    @Primary
    @ConditionalOnMissingBean(name = "recordRepository")
    RecordRepository recordRepository(AlfrescoRecordRepository binding, RecordAccessEnforcer enforcer,
                                      org.springframework.beans.factory.ObjectProvider<GovernedRecordRepository.FilingListener> listeners) {
        return new GovernedRecordRepository(binding, enforcer, () -> listeners.orderedStream().toList());
    }

    private static String require(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(key + " must be set when medcase.repository.acs-url is (the service account MedCase acts as in ACS)");
        }
        return value;
    }

    private static char[] randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
    }
}
