package com.medcase.importing.fhir;

import com.medcase.importing.pipeline.ImportMetrics;
import com.medcase.importing.pipeline.ImportPipeline;
import com.medcase.importing.pipeline.JdbcImportState;
import com.medcase.importing.testapp.InMemoryRecordRepository;
import com.medcase.importing.testapp.RecordingImportAudit;
import com.medcase.store.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/** The FHIR channel on the real pipeline: H2 state in a directory, the in-memory repository port with Jane Doe's case CLM-100. */
final class ImportFixture implements AutoCloseable {

    final TestDatabase db;
    final JdbcImportState state;
    final InMemoryRecordRepository repository;
    final ImportMetrics metrics = new ImportMetrics(new SimpleMeterRegistry());
    final RecordingImportAudit audit = new RecordingImportAudit();
    final List<String> deadLetterAudits = audit.deadLettered;
    final ImportPipeline pipeline;
    final FhirImportService service;

    ImportFixture(Path dbDir, InMemoryRecordRepository repository) {
        this.db = TestDatabase.h2(dbDir, "classpath:db/migration/importing");
        this.state = new JdbcImportState(db.dataSource());
        this.repository = repository;
        this.pipeline = new ImportPipeline(repository, state, audit, metrics, record -> { });
        this.service = new FhirImportService(pipeline, new FhirDocumentParser(LoopbackHttp.loopbackFetcher(Duration.ofSeconds(5), 1 << 20)), 2, 1);
    }

    static InMemoryRecordRepository repositoryWithCase() {
        InMemoryRecordRepository repo = new InMemoryRecordRepository();
        repo.seedCase(FhirSamples.CLAIM, "CLT-100", "Doe", "Jane", LocalDate.of(1980, 4, 2));
        return repo;
    }

    long count(ImportMetrics.Outcome outcome) {
        ImportMetrics.RouteSnapshot s = metrics.snapshot("fhir");
        return switch (outcome) {
            case RECEIVED -> s.received();
            case FILED -> s.filed();
            case DUPLICATE -> s.duplicates();
            case REJECTED -> s.rejected();
            case DEAD_LETTERED -> s.deadLettered();
            case QUEUED_FOR_REVIEW -> s.queuedForReview();
        };
    }

    @Override
    public void close() {
        db.close();
    }
}
