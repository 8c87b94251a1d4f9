package com.medcase.service.quickstart;

import com.medcase.importing.admin.ImportMonitor;
import com.medcase.importing.config.ImportingProperties;
import com.medcase.importing.demo.DemoFeedPublisher;
import com.medcase.importing.fhir.FhirImportService;
import com.medcase.importing.hl7.MllpListener;
import com.medcase.importing.pipeline.ImportMetrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Sends the synthetic provider feeds through the running channels (file drop, HL7 over MLLP, FHIR)
 * and follows the import monitor, printing the counts as they move until they settle.
 */
@Component
class DemoFeeds {

    /** Counts unchanged this long (after the last send) mean the asynchronous channels are done. */
    private static final Duration SETTLED = Duration.ofSeconds(4);
    private static final Duration AT_MOST = Duration.ofSeconds(90);

    private final ObjectProvider<ImportMonitor> monitor;
    private final ObjectProvider<ImportingProperties> importing;
    private final ObjectProvider<MllpListener> mllp;
    private final ObjectProvider<FhirImportService> fhir;

    DemoFeeds(ObjectProvider<ImportMonitor> monitor, ObjectProvider<ImportingProperties> importing,
              ObjectProvider<MllpListener> mllp, ObjectProvider<FhirImportService> fhir) {
        this.monitor = monitor;
        this.importing = importing;
        this.mllp = mllp;
        this.fhir = fhir;
    }

    /** Returns the final counts as one line, or why nothing was imported. */
    String publishAndFollow(Path feedDirectory, PrintStream out) {
        ImportMonitor importMonitor = monitor.getIfAvailable();
        if (importMonitor == null || !Files.isDirectory(feedDirectory)) {
            String why = "demo feeds not imported (" + (importMonitor == null ? "import routes not configured"
                    : "no " + feedDirectory.toAbsolutePath().normalize() + "; run from the project root") + ")";
            out.println("  " + why);
            return why;
        }
        ImportingProperties properties = importing.getIfAvailable();
        Path inbox = properties != null && properties.fileDrop().enabled() ? properties.fileDrop().requiredInbox() : null;
        MllpListener listener = mllp.getIfAvailable();
        FhirImportService fhirService = fhir.getIfAvailable();
        DemoFeedPublisher.FhirSink sink = fhirService == null ? null
                : (name, json) -> fhirService.importJson(json, "demo:" + name).size() + " document(s)";
        out.println("Importing the demo provider feeds from " + feedDirectory.toAbsolutePath().normalize());
        new DemoFeedPublisher(feedDirectory).publish(new DemoFeedPublisher.Targets(inbox,
                listener == null ? null : "127.0.0.1", listener == null ? null : listener.port(), sink), line -> out.println("  " + line));
        return follow(importMonitor, out);
    }

    private static String follow(ImportMonitor monitor, PrintStream out) {
        Instant deadline = Instant.now().plus(AT_MOST);
        String last = "";
        Instant changedAt = Instant.now();
        while (Instant.now().isBefore(deadline)) {
            String now = line(monitor.snapshot());
            if (!now.equals(last)) {
                out.println("  imports: " + now);
                last = now;
                changedAt = Instant.now();
            } else if (Duration.between(changedAt, Instant.now()).compareTo(SETTLED) >= 0) {
                break;
            }
            try {
                Thread.sleep(250); // a console display, not a test: poll the monitor a few times a second
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return last;
    }

    private static String line(ImportMonitor.Snapshot snapshot) {
        long received = 0, filed = 0, duplicates = 0, rejected = 0, dead = 0, review = 0;
        for (ImportMetrics.RouteSnapshot r : snapshot.routes()) {
            received += r.received();
            filed += r.filed();
            duplicates += r.duplicates();
            rejected += r.rejected();
            dead += r.deadLettered();
            review += r.queuedForReview();
        }
        return "received %d, filed %d, duplicates %d, rejected %d, dead-lettered %d, for review %d (open dead letters %d)"
                .formatted(received, filed, duplicates, rejected, dead, review, snapshot.openDeadLetters());
    }
}
