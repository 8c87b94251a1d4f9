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

    @Bean
    ClaimantRegistration claimantRegistration(JdbcClaimantRegistry registry, RecordRepository repository, AuditLedger ledger, Clock clock) {
        return new ClaimantRegistration(registry, repository, ledger, clock);
    }
}
