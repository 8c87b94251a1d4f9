package com.medcase.service.config;

import com.medcase.audit.AuditLedger;
import com.medcase.consent.ConsentEngine;
import com.medcase.consent.ReadersProjection;
import com.medcase.enforcement.RecordAccessEnforcer;
import com.medcase.hold.HoldRepository;
import com.medcase.repository.RecordRepository;
import com.medcase.repository.cmis.CmisRecordRepository;
import com.medcase.repository.cmis.CmisSettings;
import com.medcase.repository.cmis.RepositoryFlavor;
import com.medcase.repository.embedded.EmbeddedCmisServerProcess;
import com.medcase.repository.journal.JournalingRecordRepository;
import com.medcase.store.consent.JdbcAuthorizationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.io.IOException;
import java.time.Clock;
import java.util.List;

/**
 * The content repository: ACS over CMIS when {@code medcase.repository.cmis-url} is set, else the
 * embedded CMIS server started as a child process on loopback with a per-start service password.
 */
@Configuration(proxyBeanMethods = false)
class RepositoryConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RepositoryConfiguration.class);
    private static final String ROOT_PATH = "/MedCase";

    /** Holder so that the child process is stopped with the context, and is absent against ACS. */
    record EmbeddedRepositoryServer(EmbeddedCmisServerProcess process) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            if (process != null) {
                process.close();
            }
        }
    }

    @Bean(destroyMethod = "close")
    EmbeddedRepositoryServer embeddedRepositoryServer(MedCaseProperties properties) throws IOException {
        MedCaseProperties.Repository repository = properties.repository();
        if (!repository.embedded()) {
            return new EmbeddedRepositoryServer(null);
        }
        EmbeddedCmisServerProcess process = EmbeddedCmisServerProcess.start(repository.embeddedServerJar(), List.of(),
                repository.embeddedStartTimeout());
        log.info("Embedded CMIS repository started at {}", process.browserUrl());
        return new EmbeddedRepositoryServer(process);
    }

    /**
     * Against ACS the repository is durable itself. The embedded server is in memory, so there every
     * change also goes to a JDBC journal (plus content files under {@code <home>/content}) that is
     * replayed here at start-up: a restart or a crash of the child process loses nothing.
     */
    @Bean
    @ConditionalOnMissingBean(RecordRepository.class)
    RecordRepository recordRepository(MedCaseProperties properties, EmbeddedRepositoryServer embedded, DataSource dataSource) {
        MedCaseProperties.Repository repository = properties.repository();
        if (embedded.process() == null) {
            return new CmisRecordRepository(new CmisSettings(repository.cmisUrl(), "-default-", repository.username(),
                    repository.password(), RepositoryFlavor.ALFRESCO, ROOT_PATH, null));
        }
        var journaled = new JournalingRecordRepository(new CmisRecordRepository(embedded.process().serviceSettings(ROOT_PATH)),
                dataSource, properties.home().resolve("content"));
        JournalingRecordRepository.RebuildReport rebuilt = journaled.rebuild();
        log.info("Embedded repository rebuilt from the journal: {} claimants, {} cases, {} records, {} ACLs",
                rebuilt.claimants(), rebuilt.cases(), rebuilt.records(), rebuilt.acls());
        return journaled;
    }

    @Bean
    RecordAccessEnforcer recordAccessEnforcer(RecordRepository repository, ConsentEngine engine,
                                              JdbcAuthorizationStore authorizations, HoldRepository holds,
                                              AuditLedger ledger, Clock clock) {
        return new RecordAccessEnforcer(repository, new ReadersProjection(engine), authorizations::consentsOf,
                holds::activeHoldsOf, ledger, clock);
    }
}
