package com.medcase.importing.demo;

import com.medcase.importing.fhir.FhirImportService;
import com.medcase.importing.filedrop.FileDropRouteBuilder;
import com.medcase.importing.hl7.MllpListener;
import com.medcase.importing.pipeline.JdbcImportState;
import com.medcase.importing.testapp.ImportingTestApplication;
import com.medcase.importing.testapp.InMemoryRecordRepository;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo feeds in src/demo/feeds go through the real channels and match the demo cases. */
@SpringBootTest(classes = ImportingTestApplication.class)
@DirtiesContext
class DemoFeedPublisherTest {

    static final Path FEEDS = Path.of("../src/demo/feeds");

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("medcase.test.db-dir", () -> root.resolve("db").toString());
        r.add("medcase.importing.mllp.enabled", () -> "true");
        r.add("medcase.importing.mllp.port", () -> "0");
        r.add("medcase.importing.file-drop.enabled", () -> "true");
        r.add("medcase.importing.file-drop.inbox", () -> root.resolve("inbox").toString());
        r.add("medcase.importing.file-drop.poll-millis", () -> "100");
        r.add("medcase.importing.fhir.enabled", () -> "true");
    }

    @Autowired CamelContext camel;
    @Autowired MllpListener listener;
    @Autowired InMemoryRecordRepository repository;
    @Autowired JdbcImportState state;
    @Autowired FhirImportService fhir;

    @Test
    void demoFeedsAreFiledIntoTheDemoCasesAndTheMalformedOneIsDeadLettered() throws Exception {
        assertThat(Files.readString(FEEDS.resolveSibling("cases.json"))).contains("WC-2026-0001").contains("PI-2026-0002").contains("DI-2026-0003");
        var wc = repository.seedCase("WC-2026-0001", "CLM-DEMO-001", "Demoperson", "Alex", LocalDate.of(1985, 1, 1));
        var pi = repository.seedCase("PI-2026-0002", "CLM-DEMO-002", "Demoperson", "Pat", LocalDate.of(1980, 1, 1));
        var di = repository.seedCase("DI-2026-0003", "CLM-DEMO-003", "Demoperson", "Sam", LocalDate.of(1975, 5, 5));
        List<String> fhirPosted = new ArrayList<>();
        List<String> progress = new ArrayList<>();
        NotifyBuilder dropped = new NotifyBuilder(camel).fromRoute(FileDropRouteBuilder.ROUTE_ID).whenDone(1).create();

        DemoFeedPublisher.Summary summary = new DemoFeedPublisher(FEEDS).publish(new DemoFeedPublisher.Targets(root.resolve("inbox"),
                "127.0.0.1", listener.port(), (name, json) -> {
                    fhirPosted.add(name);
                    return fhir.importJson(json, "demo " + name).toString();
                }), progress::add);

        assertThat(dropped.matches(20, TimeUnit.SECONDS)).isTrue();
        assertThat(summary.batches()).isEqualTo(1);
        assertThat(summary.hl7Messages()).isEqualTo(3);
        assertThat(progress).anyMatch(l -> l.startsWith("HL7: 01-mdm-t02-discharge.hl7 -> AA"))
                .anyMatch(l -> l.startsWith("HL7: 02-oru-r01-labs.hl7 -> AA"))
                .anyMatch(l -> l.startsWith("HL7: 03-malformed.hl7 -> AR"));
        assertThat(fhirPosted).containsExactly("01-document-reference.json", "02-document-bundle.json");
        assertThat(repository.listRecords(wc.id())).as("3 dropped PDFs and the FHIR DocumentReference").hasSize(4);
        assertThat(repository.listRecords(pi.id())).as("the MDM discharge summary").hasSize(1);
        assertThat(repository.listRecords(di.id())).as("the dropped invoice, the ORU report and the FHIR Bundle's document").hasSize(3);
        assertThat(state.deadLetters("NEW", 10)).anyMatch(d -> d.source().contains("DEMO-BAD-0001"));
    }
}
