package com.medcase.importing.filedrop;

import com.medcase.importing.pipeline.ImportMetrics;
import com.medcase.importing.pipeline.ImportOutcome;
import com.medcase.importing.pipeline.ImportPipeline;
import com.medcase.importing.pipeline.IncomingDocument;
import com.medcase.importing.pipeline.Retry;
import com.medcase.model.MedCaseModel;
import com.medcase.store.StoreSupport;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Imports one drop: {@code <inbox>/<provider>/<batch>/} with its files, a manifest and, written last
 * by the provider, a {@code .ready} marker. The whole batch is validated before anything is filed;
 * an incomplete or mismatched drop is moved to quarantine with a {@code report.json} naming every
 * problem, and nothing of it is filed. A valid drop is filed document by document (a retry after a
 * crash re-files nothing: content hashes are de-duplicated) and moved to {@code processed/} with a
 * {@code receipt.json}.
 */
public final class FileDropProcessor implements Processor {

    public static final String READY_MARKER = ".ready";
    static final Set<String> CONTROL_FILES = Set.of("manifest.json", "manifest.csv", READY_MARKER, ".attempts", "receipt.json", "report.json");

    private final String route;
    private final ImportPipeline pipeline;
    private final Path quarantine;
    private final Path processed;
    private final int attempts;

    public FileDropProcessor(String route, ImportPipeline pipeline, Path quarantine, Path processed, int attempts) {
        this.route = route;
        this.pipeline = pipeline;
        this.quarantine = quarantine;
        this.processed = processed;
        this.attempts = attempts;
    }

    /** Polls a failing batch is retried on before it is quarantined with the error. */
    static final int MAX_BATCH_ATTEMPTS = 5;

    @Override
    public void process(Exchange exchange) {
        Path marker = Path.of(exchange.getIn().getHeader(Exchange.FILE_PATH, String.class));
        Path batch = marker.getParent();
        try {
            exchange.getMessage().setBody(importBatch(batch));
        } catch (RuntimeException e) {
            // Not bad input (that quarantines at once) but a failure to file: retried on the next polls,
            // then quarantined with the error so an administrator sees it, never retried forever.
            int attempt = recordAttempt(batch);
            if (attempt >= MAX_BATCH_ATTEMPTS) {
                quarantine(batch, List.of("filing failed " + attempt + " times: " + e.getMessage()));
                return;
            }
            throw e;
        }
    }

    private static int recordAttempt(Path batch) {
        Path counter = batch.resolve(".attempts");
        try {
            int n = Files.exists(counter) ? Integer.parseInt(Files.readString(counter).trim()) + 1 : 1;
            Files.writeString(counter, Integer.toString(n));
            return n;
        } catch (IOException | NumberFormatException e) {
            return MAX_BATCH_ATTEMPTS;
        }
    }

    /** What happened to a batch: FILED (with outcomes) or QUARANTINED (with problems). */
    public record BatchResult(String batch, String status, List<String> problems, List<ImportOutcome> outcomes) { }

    public BatchResult importBatch(Path batch) {
        String provider = batch.getParent().getFileName().toString();
        String batchName = provider + "/" + batch.getFileName();
        ManifestParser.Parsed manifest = ManifestParser.parse(batch);
        List<String> problems = new ArrayList<>(manifest.problems());
        Map<ManifestEntry, byte[]> contents = validate(batch, manifest.entries(), problems);
        if (!problems.isEmpty()) {
            return quarantine(batch, problems);
        }

        List<ImportOutcome> outcomes = new ArrayList<>();
        Instant receivedAt = Instant.now();
        for (Map.Entry<ManifestEntry, byte[]> e : contents.entrySet()) {
            ManifestEntry m = e.getKey();
            pipeline.metrics().count(route, ImportMetrics.Outcome.RECEIVED);
            IncomingDocument doc = new IncomingDocument(route, batchName + "/" + m.file(), receivedAt, m.claimNumber(), m.familyName(),
                    m.givenName(), m.dateOfBirth(), m.category(), m.sensitivityLabels(), m.serviceFrom(),
                    m.serviceTo() != null ? m.serviceTo() : m.serviceFrom(), m.providerName(), m.providerNpi(), m.file(),
                    mimeType(m.file()), e.getValue());
            outcomes.add(Retry.transientFailures(attempts, 200, () -> pipeline.importDocument(doc)));
        }
        Path target = moveTo(batch, processed.resolve(provider));
        List<Map<String, Object>> receipt = new ArrayList<>();
        outcomes.forEach(o -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("outcome", o.kind().name());
            r.put("id", o.recordId());
            r.put("case", o.caseNumber());
            receipt.add(r);
        });
        writeJson(target.resolve("receipt.json"), Map.of("batch", batchName, "status", "IMPORTED", "documents", receipt));
        return new BatchResult(batchName, "IMPORTED", List.of(), outcomes);
    }

    private BatchResult quarantine(Path batch, List<String> problems) {
        String provider = batch.getParent().getFileName().toString();
        String batchName = provider + "/" + batch.getFileName();
        pipeline.metrics().count(route, ImportMetrics.Outcome.REJECTED);
        Path target = moveTo(batch, quarantine.resolve(provider));
        writeJson(target.resolve("report.json"), Map.of("batch", batchName, "status", "QUARANTINED", "problems", problems,
                "action", "fix the listed problems and drop the batch again with a new .ready marker"));
        String id = pipeline.state().deadLetter(route, "file-drop " + batchName, "quarantined: " + String.join("; ", problems),
                "text/plain", ("quarantined to " + target).getBytes(StandardCharsets.UTF_8));
        pipeline.metrics().count(route, ImportMetrics.Outcome.DEAD_LETTERED);
        pipeline.audit().deadLettered(route, "file-drop " + batchName, id, problems.size() + " problem(s)");
        return new BatchResult(batchName, "QUARANTINED", List.copyOf(problems), List.of());
    }

    private Map<ManifestEntry, byte[]> validate(Path batch, List<ManifestEntry> entries, List<String> problems) {
        Map<ManifestEntry, byte[]> contents = new LinkedHashMap<>();
        Set<String> listed = new HashSet<>();
        for (ManifestEntry m : entries) {
            String where = "document " + m.line() + (m.file() == null ? "" : " (" + m.file() + ")");
            if (m.file() == null) {
                problems.add(where + ": no file name");
                continue;
            }
            if (m.file().contains("/") || m.file().contains("\\") || m.file().startsWith(".")) {
                problems.add(where + ": file names must be plain names inside the batch folder");
                continue;
            }
            if (!listed.add(m.file())) {
                problems.add(where + ": listed twice");
            }
            if (m.category() == null || !MedCaseModel.RECORD_CATEGORIES.contains(m.category())) {
                problems.add(where + ": category '" + m.category() + "' is not one of " + MedCaseModel.RECORD_CATEGORIES);
            }
            if (!MedCaseModel.SENSITIVITY_LABELS.containsAll(m.sensitivityLabels())) {
                problems.add(where + ": sensitivity " + m.sensitivityLabels() + " must be among " + MedCaseModel.SENSITIVITY_LABELS);
            }
            boolean claimant = m.familyName() != null && m.givenName() != null && m.dateOfBirth() != null;
            if (m.claimNumber() == null && !claimant) {
                problems.add(where + ": needs a claim number, or the claimant's family name, given name and date of birth");
            }
            if (m.providerNpi() != null && !Npi.isValid(m.providerNpi())) {
                problems.add(where + ": provider NPI " + m.providerNpi() + " fails the NPI check digit (Luhn with prefix 80840)");
            }
            if (m.serviceFrom() != null && m.serviceTo() != null && m.serviceTo().isBefore(m.serviceFrom())) {
                problems.add(where + ": service_to is before service_from");
            }
            Path file = batch.resolve(m.file());
            if (!Files.isRegularFile(file)) {
                problems.add(where + ": file is missing from the drop");
                continue;
            }
            try {
                byte[] bytes = Files.readAllBytes(file);
                if (bytes.length == 0) {
                    problems.add(where + ": file is empty");
                } else if (m.sha256() != null && !m.sha256().equalsIgnoreCase(ImportPipeline.sha256(bytes))) {
                    problems.add(where + ": SHA-256 does not match the manifest (file changed or truncated in transit)");
                } else {
                    contents.put(m, bytes);
                }
            } catch (IOException e) {
                problems.add(where + ": cannot be read (" + e.getMessage() + ")");
            }
        }
        try (Stream<Path> files = Files.list(batch)) {
            files.map(p -> p.getFileName().toString()).filter(n -> !CONTROL_FILES.contains(n) && !listed.contains(n)).sorted()
                    .forEach(n -> problems.add("file " + n + " is in the drop but not in the manifest"));
        } catch (IOException e) {
            problems.add("the drop folder cannot be listed: " + e.getMessage());
        }
        return contents;
    }

    private static Path moveTo(Path batch, Path parent) {
        try {
            Files.createDirectories(parent);
            Path target = parent.resolve(batch.getFileName().toString());
            if (Files.exists(target)) {
                target = parent.resolve(batch.getFileName() + "-" + System.currentTimeMillis());
            }
            return Files.move(batch, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot move drop " + batch + " to " + parent, e);
        }
    }

    private static void writeJson(Path file, Object value) {
        try {
            Files.writeString(file, StoreSupport.toJson(value), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String mimeType(String file) {
        String f = file.toLowerCase(java.util.Locale.ROOT);
        if (f.endsWith(".pdf")) {
            return "application/pdf";
        }
        if (f.endsWith(".txt")) {
            return "text/plain";
        }
        if (f.endsWith(".jpg") || f.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (f.endsWith(".png")) {
            return "image/png";
        }
        if (f.endsWith(".tif") || f.endsWith(".tiff")) {
            return "image/tiff";
        }
        if (f.endsWith(".xml")) {
            return "application/xml";
        }
        return "application/octet-stream";
    }
}
