package com.medcase.importing.config;

import com.medcase.importing.admin.ImportAdministration;
import com.medcase.importing.admin.ImportMonitor;
import com.medcase.importing.admin.Reprocessor;
import com.medcase.importing.fhir.AttachmentFetcher;
import com.medcase.importing.fhir.FhirDocumentParser;
import com.medcase.importing.fhir.FhirImportService;
import com.medcase.importing.fhir.FhirPollRouteBuilder;
import com.medcase.importing.filedrop.FileDropProcessor;
import com.medcase.importing.filedrop.FileDropRouteBuilder;
import com.medcase.importing.hl7.Hl7DocumentExtractor;
import com.medcase.importing.hl7.Hl7MessageProcessor;
import com.medcase.importing.hl7.MllpListener;
import com.medcase.importing.hl7.MllpRouteBuilder;
import org.apache.camel.CamelContext;
import com.medcase.importing.pipeline.ImportAudit;
import com.medcase.importing.pipeline.ImportMetrics;
import com.medcase.importing.pipeline.ImportPipeline;
import com.medcase.importing.pipeline.ImportedRecordListener;
import com.medcase.importing.pipeline.JdbcImportState;
import com.medcase.importing.pipeline.LoggingImportAudit;
import com.medcase.repository.RecordRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import javax.sql.DataSource;
import java.nio.charset.Charset;
import java.util.List;

/**
 * The import routes for a service that provides a {@link RecordRepository} and a {@link DataSource}
 * migrated with {@code classpath:db/migration/importing}. Each provider channel starts only when
 * {@code medcase.importing.<channel>.enabled=true}. The service may replace {@link ImportAudit}
 * (the default logs identifiers) and add an {@link ImportedRecordListener}.
 */
@AutoConfiguration(afterName = {"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration"})
@EnableConfigurationProperties(ImportingProperties.class)
@ConditionalOnBean({RecordRepository.class, DataSource.class})
public class ImportingAutoConfiguration {

    @Bean
    public ImportRouteConfiguration importRouteConfiguration() {
        return new ImportRouteConfiguration();
    }

    @Bean
    @ConditionalOnMissingBean
    public ImportAudit importAudit() {
        return new LoggingImportAudit();
    }

    @Bean
    @ConditionalOnMissingBean
    public JdbcImportState jdbcImportState(DataSource dataSource) {
        return new JdbcImportState(dataSource);
    }

    @Bean
    @ConditionalOnMissingBean
    public ImportMetrics importMetrics(ObjectProvider<MeterRegistry> registry, JdbcImportState state) {
        return new ImportMetrics(registry.getIfAvailable(SimpleMeterRegistry::new), state);
    }

    @Bean
    @ConditionalOnMissingBean
    public ImportPipeline importPipeline(RecordRepository repository, JdbcImportState state, ImportAudit audit, ImportMetrics metrics,
                                         ObjectProvider<ImportedRecordListener> listeners, ImportingProperties properties,
                                         ObjectProvider<com.medcase.importing.pipeline.ClaimantDirectory> claimants) {
        List<ImportedRecordListener> all = listeners.orderedStream().toList();
        ImportPipeline pipeline = new ImportPipeline(repository, state, audit, metrics, record -> all.forEach(l -> l.recordImported(record)),
                properties.claimLease());
        pipeline.useClaimantDirectory(claimants.getIfAvailable());
        // what a crashed node left: its records' follow-ups, and claims whose senders were acknowledged and never resend
        pipeline.startFollowUpRecovery(java.time.Duration.ofMinutes(1));
        return pipeline;
    }

    @Bean
    @ConditionalOnMissingBean
    public ImportMonitor importMonitor(ImportMetrics metrics, JdbcImportState state) {
        return new ImportMonitor(metrics, state);
    }

    @Bean
    @ConditionalOnMissingBean
    public ImportAdministration importAdministration(ImportPipeline pipeline, RecordRepository repository, List<Reprocessor> reprocessors) {
        return new ImportAdministration(pipeline, repository, reprocessors);
    }

    @Bean
    @ConditionalOnProperty(name = "medcase.importing.mllp.enabled", havingValue = "true")
    public Hl7MessageProcessor hl7MessageProcessor(ImportPipeline pipeline, ImportingProperties properties) {
        return new Hl7MessageProcessor(MllpRouteBuilder.ROUTE_ID, pipeline, new Hl7DocumentExtractor(),
                Charset.forName(properties.mllp().defaultCharset()), properties.retries().policy());
    }

    @Bean
    @ConditionalOnProperty(name = "medcase.importing.mllp.enabled", havingValue = "true")
    public MllpRouteBuilder mllpRouteBuilder(Hl7MessageProcessor processor) {
        return new MllpRouteBuilder(processor);
    }

    @Bean
    @ConditionalOnProperty(name = "medcase.importing.mllp.enabled", havingValue = "true")
    public MllpListener mllpListener(ObjectProvider<CamelContext> camel, ImportingProperties properties) {
        // the Camel context is looked up at the first message: resolving it while beans are being
        // created would start it before camel-spring-boot has collected the route builders
        ImportingProperties.Mllp mllp = properties.mllp();
        return new MllpListener(mllp.host(), mllp.port(), mllp.limits(), MllpTls.context(mllp.tls()),
                mllp.tls().enabled() && "need".equalsIgnoreCase(mllp.tls().clientAuth()),
                MllpRouteBuilder.viaRoute(() -> camel.getObject().createProducerTemplate(), Charset.forName(mllp.defaultCharset())));
    }

    @Bean
    @ConditionalOnProperty(name = "medcase.importing.file-drop.enabled", havingValue = "true")
    public FileDropProcessor fileDropProcessor(ImportPipeline pipeline, ImportingProperties properties) throws java.io.IOException {
        ImportingProperties.FileDrop drop = properties.fileDrop();
        java.nio.file.Files.createDirectories(drop.requiredInbox());
        java.nio.file.Files.createDirectories(drop.quarantineDir());
        java.nio.file.Files.createDirectories(drop.processedDir());
        return new FileDropProcessor(FileDropRouteBuilder.ROUTE_ID, pipeline, drop.quarantineDir(), drop.processedDir(),
                properties.retries().policy());
    }

    @Bean
    @ConditionalOnProperty(name = "medcase.importing.file-drop.enabled", havingValue = "true")
    public FileDropRouteBuilder fileDropRouteBuilder(FileDropProcessor processor) {
        return new FileDropRouteBuilder(processor);
    }

    @Bean
    @ConditionalOnProperty(name = "medcase.importing.fhir.enabled", havingValue = "true")
    public FhirImportService fhirImportService(ImportPipeline pipeline, ImportingProperties properties) {
        return new FhirImportService(pipeline, new FhirDocumentParser(new AttachmentFetcher(
                new com.medcase.importing.net.OutboundFetchGuard(fetchSettings(properties)))), properties.retries().policy());
    }

    /** Only when a provider's FHIR base URL is configured; without it the FHIR channel takes POSTs only. */
    @Bean
    @ConditionalOnProperty(name = {"medcase.importing.fhir.enabled", "medcase.importing.fhir.base-url"})
    public FhirPollRouteBuilder fhirPollRouteBuilder(FhirImportService service, JdbcImportState state, ImportingProperties properties) {
        return new FhirPollRouteBuilder(service, state, properties.fhir().baseUrl(), java.time.Duration.ofMillis(properties.fhir().pollInterval()),
                fetchSettings(properties));
    }

    static com.medcase.importing.net.OutboundFetchGuard.Settings fetchSettings(ImportingProperties properties) {
        ImportingProperties.Fetch f = properties.fhir().fetch();
        return new com.medcase.importing.net.OutboundFetchGuard.Settings(f.allowedHosts(), f.connectTimeout(), f.headerTimeout(),
                f.totalTimeout(), f.maxBytes(), f.allowPrivateAddresses());
    }
}
