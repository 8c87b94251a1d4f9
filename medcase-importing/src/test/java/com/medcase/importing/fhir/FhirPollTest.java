package com.medcase.importing.fhir;

import com.medcase.importing.pipeline.ImportOutcome;
import com.medcase.importing.testapp.InMemoryRecordRepository;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.InstantType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Polling a real HAPI FHIR server on loopback; import state (dead letters, watermark) in an H2 file. */
class FhirPollTest {

    static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    @TempDir
    Path dir;
    LoopbackFhirServer server;
    InMemoryRecordRepository repository;

    @BeforeEach
    void startServer() throws Exception {
        server = new LoopbackFhirServer(Files.createDirectories(dir.resolve("tomcat")));
        repository = ImportFixture.repositoryWithCase();
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    /** Seven importable documents (one by URL on the server) and one without content, one second apart. */
    private void publishEight() {
        for (int i = 1; i <= 8; i++) {
            DocumentReference dr = switch (i) {
                case 3 -> FhirSamples.byUrl("dr-3", server.file("scan-3.pdf", FhirSamples.pdf("poll-3")), "application/pdf");
                case 4 -> {
                    DocumentReference bad = FhirSamples.base("dr-4");
                    bad.addContent().setAttachment(new Attachment().setContentType("application/pdf"));
                    yield bad;
                }
                default -> FhirSamples.inline("dr-" + i, FhirSamples.pdf("poll-" + i));
            };
            server.documents.add(dr, Date.from(T0.plusSeconds(i)));
        }
    }

    @Test
    void documentsAreImportedOnceAcrossPagesAndTheWatermarkSurvivesARestart() {
        publishEight();
        Path db = dir.resolve("db");
        String watermark;
        try (ImportFixture f = new ImportFixture(db, repository)) {
            FhirPollRouteBuilder poller = new FhirPollRouteBuilder(f.service, f.state, server.base() + "/", Duration.ofMinutes(1));

            FhirPollRouteBuilder.PollResult first = poller.pollOnce();

            assertThat(first.pages()).isEqualTo(2);
            assertThat(first.outcomes()).hasSize(7).extracting(ImportOutcome::kind).containsOnly(ImportOutcome.Kind.FILED);
            assertThat(first.deadLetterIds()).singleElement().satisfies(id -> assertThat(f.state.deadLetter(id).orElseThrow().error())
                    .contains("DocumentReference dr-4: content[0].attachment has neither data nor url"));
            assertThat(new InstantType(first.watermark()).getValue().toInstant()).isEqualTo(T0.plusSeconds(8));
            assertThat(f.state.watermark(server.base())).contains(first.watermark());
            assertThat(repository.recordCount()).isEqualTo(7);
            assertThat(repository.listRecords(repository.findCaseByNumber(FhirSamples.CLAIM).orElseThrow().id()))
                    .anySatisfy(r -> assertThat(repository.content(r.id())).isEqualTo(FhirSamples.pdf("poll-3")));
            watermark = first.watermark();
        }

        // a restarted service: new pool on the same H2 file
        try (ImportFixture f = new ImportFixture(db, repository)) {
            FhirPollRouteBuilder poller = new FhirPollRouteBuilder(f.service, f.state, server.base(), null);
            assertThat(f.state.watermark(server.base())).contains(watermark);

            FhirPollRouteBuilder.PollResult second = poller.pollOnce();

            assertThat(second.outcomes()).isEmpty();
            assertThat(second.deadLetterIds()).isEmpty();
            assertThat(second.watermark()).isEqualTo(watermark);
            assertThat(server.documents.lastUpdatedAsked).last().asString().startsWith("gt2026-11-01T10:00:08");
            assertThat(repository.recordCount()).isEqualTo(7);

            server.documents.add(FhirSamples.inline("dr-9", FhirSamples.pdf("poll-9")), Date.from(T0.plusSeconds(60)));
            FhirPollRouteBuilder.PollResult third = poller.pollOnce();

            assertThat(third.outcomes()).singleElement().extracting(ImportOutcome::kind).isEqualTo(ImportOutcome.Kind.FILED);
            assertThat(new InstantType(f.state.watermark(server.base()).orElseThrow()).getValue().toInstant()).isEqualTo(T0.plusSeconds(60));
            assertThat(repository.recordCount()).isEqualTo(8);
            assertThat(f.state.deadLetters("NEW", 10)).hasSize(1);
        }
    }

    @Test
    void aRepositoryOutageStopsThePollWithoutMovingTheWatermarkOrDeadLetteringAndTheNextPollCatchesUp() {
        publishEight();
        try (ImportFixture f = new ImportFixture(dir.resolve("db"), repository)) {
            FhirPollRouteBuilder poller = new FhirPollRouteBuilder(f.service, f.state, server.base(), Duration.ofMinutes(1));
            repository.transientFailures.set(1_000);

            assertThatThrownBy(poller::pollOnce).isInstanceOf(FhirPollRouteBuilder.FhirPollException.class)
                    .hasMessageContaining("DocumentReference/dr-1").hasMessageContaining("will be asked for again");
            assertThat(f.state.watermark(server.base())).isEmpty();
            assertThat(f.state.deadLetters("NEW", 10)).isEmpty();

            repository.transientFailures.set(0);
            assertThat(poller.pollOnce().outcomes()).hasSize(7);
            assertThat(repository.recordCount()).isEqualTo(7);
        }
    }

    @Test
    void anAttachmentServerThatIsDownStopsThePollJustBeforeThatDocumentAndTheNextPollResumesThere() {
        publishEight();
        server.unavailable.add("scan-3.pdf");
        try (ImportFixture f = new ImportFixture(dir.resolve("db"), repository)) {
            FhirPollRouteBuilder poller = new FhirPollRouteBuilder(f.service, f.state, server.base(), Duration.ofMinutes(1));

            assertThatThrownBy(poller::pollOnce).isInstanceOf(FhirPollRouteBuilder.FhirPollException.class)
                    .hasMessageContaining("DocumentReference dr-3: content[0].attachment.url").hasMessageContaining("answered HTTP 503");
            assertThat(new InstantType(f.state.watermark(server.base()).orElseThrow()).getValue().toInstant()).isEqualTo(T0.plusSeconds(2));
            assertThat(repository.recordCount()).isEqualTo(2);
            assertThat(f.state.deadLetters("NEW", 10)).isEmpty();

            server.unavailable.clear();
            FhirPollRouteBuilder.PollResult resumed = poller.pollOnce();

            assertThat(resumed.outcomes()).hasSize(5).extracting(ImportOutcome::kind).containsOnly(ImportOutcome.Kind.FILED);
            assertThat(resumed.deadLetterIds()).hasSize(1);
            assertThat(repository.recordCount()).isEqualTo(7);
        }
    }

    @Test
    void theCamelRoutePollsOnItsTimerAndIsAbsentWithoutABaseUrl() throws Exception {
        publishEight();
        try (ImportFixture f = new ImportFixture(dir.resolve("db"), repository); DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new FhirPollRouteBuilder(f.service, f.state, "  ", Duration.ofMillis(100)));
            assertThat(camel.getRoutes()).isEmpty();

            camel.addRoutes(new FhirPollRouteBuilder(f.service, f.state, server.base(), Duration.ofMillis(100)));
            NotifyBuilder twoPolls = new NotifyBuilder(camel).fromRoute(FhirPollRouteBuilder.ROUTE_ID).whenCompleted(2).create();
            camel.start();

            assertThat(twoPolls.matches(30, TimeUnit.SECONDS)).isTrue();
            assertThat(camel.getRoute(FhirPollRouteBuilder.ROUTE_ID)).isNotNull();
            assertThat(repository.recordCount()).isEqualTo(7);
            assertThat(f.state.deadLetters("NEW", 10)).hasSize(1);
        }
    }
}
