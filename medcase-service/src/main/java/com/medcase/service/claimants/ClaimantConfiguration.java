package com.medcase.service.claimants;

import com.medcase.audit.AuditLedger;
import com.medcase.repository.RecordRepository;
import com.medcase.store.claimant.JdbcClaimantRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class ClaimantConfiguration {

    @Bean
    JdbcClaimantRegistry claimantRegistry(DataSource dataSource) {
        return new JdbcClaimantRegistry(dataSource);
    }

    /** The import routes match a sender's patient identifier (HL7 PID-3, FHIR Patient.identifier) through the registry. */
    @Bean
    com.medcase.importing.pipeline.ClaimantDirectory claimantDirectory(JdbcClaimantRegistry registry) {
        return (system, value) -> registry.findByIdentifier(system, value).map(c ->
                new com.medcase.importing.pipeline.ClaimantDirectory.RegisteredClaimant(c.id(), c.familyName(), c.givenName(), c.dateOfBirth()));
    }

    @Bean
    ClaimantRegistration claimantRegistration(JdbcClaimantRegistry registry, RecordRepository repository, AuditLedger ledger, Clock clock) {
        return new ClaimantRegistration(registry, repository, ledger, clock);
    }
}
