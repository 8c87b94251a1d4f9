package com.medcase.service.config;

import com.medcase.audit.AuditLedger;
import com.medcase.consent.AuthorizationValidator;
import com.medcase.consent.ConsentEngine;
import com.medcase.hold.HoldRepository;
import com.medcase.hold.LegalHolds;
import com.medcase.store.MedCaseDatabase;
import com.medcase.store.audit.JdbcAuditLedger;
import com.medcase.store.consent.JdbcAuthorizationStore;
import com.medcase.store.hold.JdbcHoldRepository;
import com.medcase.store.retention.JdbcDispositionQueue;
import com.medcase.store.retention.JdbcRetentionScheduleStore;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** The service's own JDBC state (H2 file by default, PostgreSQL when configured) and the engine services on it. */
@Configuration(proxyBeanMethods = false)
class PersistenceConfiguration {

    @Bean(destroyMethod = "close")
    HikariDataSource medcaseDataSource(MedCaseProperties properties, com.medcase.service.security.ProtectionProperties protection,
                                       com.medcase.service.security.ServiceKeys keys) throws java.io.IOException {
        MedCaseProperties.Database db = properties.database();
        HikariDataSource dataSource;
        if (db.embedded()) {
            com.medcase.service.security.ServiceKeys.DataDirectories.createPrivate(properties.home());
            Path dataDirectory = com.medcase.service.security.ServiceKeys.DataDirectories.createPrivate(properties.home().resolve("data"));
            // Encrypted at rest (issue 10): H2's AES file encryption, the file password from the key directory or
            // MEDCASE_DATABASE_KEY; H2 takes it as the first word of the password ("<file password> <user password>").
            String cipher = "";
            String password = "";
            if (protection.encryptAtRest()) {
                String filePassword = java.util.HexFormat.of().formatHex(keys.key("database").bytes());
                EncryptedH2.encryptExisting(dataDirectory, "medcase", filePassword);
                cipher = ";CIPHER=AES";
                password = filePassword + " ";
            }
            // H2FileUpkeep.URL_SETTINGS: WRITE_DELAY=0, since H2 otherwise flushes commits up to 500 ms late and a killed
            // process loses records it already acknowledged (CrashRestartIT caught exactly that); the pool brings the
            // upkeep that reuses the file's space and forces it to disk every 100 ms.
            dataSource = MedCaseDatabase.pooled(MedCaseDatabase.h2FileUrl(dataDirectory, "medcase")
                    // No H2 trace file: it quotes SQL with its values (PHI) in clear text beside the encrypted database.
                    + ";TRACE_LEVEL_FILE=0" + cipher,
                    "sa", password, db.maxPoolSize());
        } else {
            dataSource = MedCaseDatabase.pooled(db.url(), db.username(), db.password(), db.maxPoolSize());
        }
        migrate(dataSource, db);
        return dataSource;
    }

    private static void migrate(DataSource dataSource, MedCaseProperties.Database db) {
        var flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations(db.migrationLocations().toArray(String[]::new));
        if (!db.schema().isBlank()) {
            flyway.schemas(db.schema()).defaultSchema(db.schema());
        }
        flyway.load().migrate();
    }

    /** The service's own database, for the administrators' storage page when it is an H2 file kept here. */
    @Bean
    com.medcase.service.storage.DatabaseFileSource serviceDatabaseFile(HikariDataSource medcaseDataSource) {
        return com.medcase.service.storage.DatabaseFileSource.of("service database",
                () -> java.util.Optional.ofNullable(com.medcase.store.H2FileUpkeep.of(medcaseDataSource)));
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    com.medcase.service.security.ServiceKeys serviceKeys(MedCaseProperties properties,
                                                          com.medcase.service.security.ProtectionProperties protection) {
        return new com.medcase.service.security.ServiceKeys(protection.keyDirectory(properties.home()), System.getenv());
    }

    /**
     * The keyed ledger (HMAC key outside the database), anchored to an append-only file outside the data directory
     * (issue 10). Entries written before the key existed are sealed once, when the key is generated.
     */
    @Bean(destroyMethod = "close")
    AuditLedger auditLedger(DataSource dataSource, Clock clock, com.medcase.service.security.ServiceKeys keys,
                            com.medcase.service.security.ProtectionProperties protection) {
        com.medcase.service.security.ServiceKeys.Key key = keys.key("ledger");
        JdbcAuditLedger ledger = new JdbcAuditLedger(dataSource, clock, com.medcase.audit.LedgerKey.of(key.bytes()));
        if (key.generatedNow()) {
            var log = org.slf4j.LoggerFactory.getLogger(PersistenceConfiguration.class);
            try {
                long sealed = ledger.sealUnkeyed();
                if (sealed > 0) {
                    log.info("Sealed {} audit entries written before the ledger key existed", sealed);
                }
            } catch (IllegalStateException brokenChain) {
                // Never seal a chain that does not verify: verification keeps reporting it.
                log.error("{}", brokenChain.getMessage());
            }
        }
        // Ledger key rotation: with the previous key kept as ledger.earlier*.key, the ledger is verified under it and
        // resealed under the current one (README, "Security and privacy").
        for (byte[] earlier : keys.earlierKeys("ledger")) {
            com.medcase.audit.LedgerKey previous = com.medcase.audit.LedgerKey.of(earlier);
            if (!ledger.verify().intact() && new JdbcAuditLedger(dataSource, clock, previous).verify().intact()) {
                long resealed = ledger.rotateKeyFrom(previous);
                org.slf4j.LoggerFactory.getLogger(PersistenceConfiguration.class)
                        .info("Ledger key rotated: {} entries resealed under the current key; the earlier ledger key may now be removed", resealed);
            }
        }
        Path anchorFile = protection.ledger().anchorFile().isBlank() ? keys.directory().resolve("ledger-anchors.log")
                : Path.of(protection.ledger().anchorFile());
        String anchorUrl = protection.ledger().anchorUrl();
        return new com.medcase.service.audit.AnchoredAuditLedger(ledger, new com.medcase.store.audit.LedgerAnchors(anchorFile, clock),
                anchorUrl.isBlank() ? null : java.net.URI.create(anchorUrl));
    }

    @Bean
    JdbcAuthorizationStore authorizationStore(DataSource dataSource) {
        return new JdbcAuthorizationStore(dataSource);
    }

    @Bean
    JdbcHoldRepository holdRepository(DataSource dataSource) {
        return new JdbcHoldRepository(dataSource);
    }

    @Bean
    LegalHolds legalHolds(HoldRepository holds, AuditLedger ledger, Clock clock) {
        return new LegalHolds(holds, ledger, clock);
    }

    @Bean
    JdbcRetentionScheduleStore retentionScheduleStore(DataSource dataSource) {
        return new JdbcRetentionScheduleStore(dataSource);
    }

    @Bean
    JdbcDispositionQueue jdbcDispositionQueue(DataSource dataSource) {
        return new JdbcDispositionQueue(dataSource);
    }

    @Bean
    ConsentEngine consentEngine(com.medcase.service.consent.ConsentPolicyProperties consent) {
        // Role table and label policy from medcase.consent.* (issue 12), the engine's defaults where unset.
        return new ConsentEngine(consent.roleTable(), consent.labelPolicy());
    }

    @Bean
    AuthorizationValidator authorizationValidator() {
        return new AuthorizationValidator();
    }
}
