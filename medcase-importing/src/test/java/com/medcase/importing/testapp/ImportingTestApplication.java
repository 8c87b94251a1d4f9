package com.medcase.importing.testapp;

import com.medcase.store.TestDatabase;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * A host for the import auto-configuration, standing in for the service: an H2 file database
 * (migrated with the importing scripts) under {@code medcase.test.db-dir} and the in-memory
 * repository with two demo cases.
 */
@SpringBootApplication
public class ImportingTestApplication {

    public static final String CLAIM = "CLM-2026-0001";
    public static final String OTHER_CLAIM = "CLM-2026-0002";

    @Bean(destroyMethod = "close")
    public TestDatabase testDatabase(@Value("${medcase.test.db-dir}") Path dir) {
        return TestDatabase.h2(dir, "classpath:db/migration/importing");
    }

    @Bean
    public DataSource dataSource(TestDatabase db) {
        return db.dataSource();
    }

    @Bean
    public InMemoryRecordRepository recordRepository() {
        InMemoryRecordRepository repo = new InMemoryRecordRepository();
        repo.seedCase(CLAIM, "CLT-1", "Testperson", "Alpha", LocalDate.of(1970, 1, 2));
        repo.seedCase(OTHER_CLAIM, "CLT-2", "Müller-Fake", "Zoë", LocalDate.of(1981, 3, 4));
        return repo;
    }
}
