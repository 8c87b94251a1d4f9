package com.medcase.service.retention;

import com.medcase.retention.RetentionRules;
import com.medcase.store.retention.JdbcRetentionFactsStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/** The retention facts store and the rules bound from {@code medcase.retention.*}. */
@Configuration(proxyBeanMethods = false)
class RetentionConfiguration {

    @Bean
    JdbcRetentionFactsStore retentionFactsStore(DataSource dataSource) {
        return new JdbcRetentionFactsStore(dataSource);
    }

    @Bean
    com.medcase.store.retention.JdbcErasureRequests erasureRequests(DataSource dataSource) {
        return new com.medcase.store.retention.JdbcErasureRequests(dataSource);
    }

    @Bean
    RetentionRules retentionRules(RetentionProperties properties) {
        return properties.rules();
    }
}
