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
import java.nio.file.LinkOption;
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
public final class FileDropProcessor implements Processor, AutoCloseable {

    public static final String READY_MARKER = ".ready";
    static final String PROGRESS = "progress.json";
    static final Set<String> CONTROL_FILES = Set.of("manifest.json", "manifest.csv", READY_MARKER, ".attempts", "receipt.json", "report.json",
            PROGRESS);
    /**
     * Names the repository refuses: ACS's cm:filename constraint ({@code contentModel.xml}, constraint
     * {@code cm:filename}: no {@code " * \ > < ? / : |}, no trailing dot or space). Checked before the first
     * document is filed, so that a name can no longer fail a batch half way.
     */
    static final java.util.regex.Pattern ACS_FORBIDDEN_NAME = java.util.regex.Pattern.compile("(.*[\"\\*\\\\><?/:|]+.*)|(.*[.]+$)|(.*[ ]+$)");

    private final String route;
    private final ImportPipeline pipeline;
    private final Path quarantine;
    private final Path processed;
    private final org.apache.camel.processor.errorhandler.RedeliveryPolicy retries;
    /** Documents of a batch filed at the same time. */
    static final int PARALLEL_FILINGS = 4;
    private final java.util.concurrent.ExecutorService filers = java.util.concurrent.Executors.newFixedThreadPool(PARALLEL_FILINGS, r -> {
        Thread t = new Thread(r, "file-drop-filer");
        t.setDaemon(true);
        return t;
    });

    public FileDropProcessor(String route, ImportPipeline pipeline, Path quarantine, Path processed, int attempts) {
        this(route, pipeline, quarantine, processed, Retry.policy(Math.max(1, attempts), 200, 2, 60_000));
    }

    /** @param retries the channels' one retry policy ({@code medcase.importing.retries}), per document */
    public FileDropProcessor(String route, ImportPipeline pipeline, Path quarantine, Path processed,
                             org.apache.camel.processor.errorhandler.RedeliveryPolicy retries) {
        this.route = route;
        this.pipeline = pipeline;
        this.quarantine = quarantine;
        this.processed = processed;
        this.retries = retries;
    }

    @Override
    public void close() {
        filers.shutdown();
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
                quarantine(batch, List.of("filing failed " + attempt + " times (" + e.getClass().getSimpleName()
                        + "); the documents listed under 'filed' are in their cases, dropping the batch again files only the rest"));
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
        List<String> problems = new ArrayList<>();
        if (!insideItself(batch)) {
            // a symlinked batch (or provider) folder could point anywhere the service can read
            return quarantine(batch, List.of("the batch folder is or goes through a symbolic link; drop real folders and files only"));
        }
        ManifestParser.Parsed manifest = ManifestParser.parse(batch);
        problems.addAll(manifest.problems());
        Map<ManifestEntry, byte[]> contents = validate(batch, manifest.entries(), problems);
        if (!problems.isEmpty()) {
            return quarantine(batch, problems);
        }

        // documents a failed earlier attempt already filed are not filed again (and are named in every report)
        Map<String, Map<String, Object>> progress = readProgress(batch);
        Instant receivedAt = Instant.now();
        List<ManifestEntry> order = new ArrayList<>(contents.keySet());
        List<java.util.concurrent.Future<ImportOutcome>> pendingOutcomes = new ArrayList<>();
        // a batch's documents are filed several at a time (the repository, not the CPU, is what they wait for);
        // the outcomes stay in manifest order
        for (ManifestEntry m : order) {
            Map<String, Object> done = progress.get(m.file());
            if (done != null) {
                pendingOutcomes.add(java.util.concurrent.CompletableFuture.completedFuture(new ImportOutcome(
                        ImportOutcome.Kind.valueOf((String) done.get("outcome")), (String) done.get("id"), (String) done.get("case"),
                        "filed by an earlier attempt")));
                continue;
            }
            IncomingDocument doc = new IncomingDocument(route, batchName + "/" + m.file(), receivedAt, m.claimNumber(), m.familyName(),
                    m.givenName(), m.dateOfBirth(), m.category(), m.sensitivityLabels(), m.serviceFrom(),
                    m.serviceTo() != null ? m.serviceTo() : m.serviceFrom(), m.providerName(), m.providerNpi(), m.file(),
                    mimeType(m.file()), contents.get(m));
            pendingOutcomes.add(filers.submit(() -> {
                pipeline.metrics().count(route, ImportMetrics.Outcome.RECEIVED);
                return Retry.transientFailures(retries, () -> pipeline.importDocument(doc));
            }));
        }
        List<ImportOutcome> outcomes = new ArrayList<>();
        RuntimeException failure = null;
        for (int i = 0; i < order.size(); i++) {
            try {
                ImportOutcome outcome = pendingOutcomes.get(i).get();
                outcomes.add(outcome);
                progress.putIfAbsent(order.get(i).file(), receiptLine(order.get(i).file(), outcome));
            } catch (java.util.concurrent.ExecutionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                failure = failure == null ? cause : failure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure == null ? new IllegalStateException("interrupted while filing " + batchName) : failure;
            }
        }
        if (failure != null) {
            // every other filing has finished: what was filed is written down, so the retry files only the rest
            writeJson(batch.resolve(PROGRESS), Map.of("batch", batchName, "status", "PARTIALLY_FILED", "filed", List.copyOf(progress.values())));
            throw failure;
        }
        Path target = moveTo(batch, processed.resolve(provider));
        List<Map<String, Object>> receipt = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            receipt.add(receiptLine(order.get(i).file(), outcomes.get(i)));
        }
        writeJson(target.resolve("receipt.json"), Map.of("batch", batchName, "status", "IMPORTED", "documents", receipt));
        return new BatchResult(batchName, "IMPORTED", List.of(), outcomes);
    }

    private static Map<String, Object> receiptLine(String file, ImportOutcome o) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("file", file);
        r.put("outcome", o.kind().name());
        r.put("id", o.recordId());
        r.put("case", o.caseNumber());
        return r;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> readProgress(Path batch) {
        Map<String, Map<String, Object>> progress = new LinkedHashMap<>();
        Path file = batch.resolve(PROGRESS);
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Map<String, Object> json = StoreSupport.fromJson(Files.readString(file, StandardCharsets.UTF_8), Map.class);
                for (Object line : (List<Object>) json.getOrDefault("filed", List.of())) {
                    Map<String, Object> l = (Map<String, Object>) line;
                    progress.put((String) l.get("file"), l);
                }
            } catch (IOException | RuntimeException e) {
                // an unreadable progress file: the per-case content claims still keep a retry from filing twice
                return new LinkedHashMap<>();
            }
        }
        return progress;
    }

    /** Whether the batch folder's real path is its path: no symbolic link on the way (provider folder included). */
    private static boolean insideItself(Path batch) {
        try {
            Path absolute = batch.toAbsolutePath().normalize();
            return !Files.isSymbolicLink(absolute) && absolute.toRealPath().equals(absolute.getParent().toRealPath().resolve(absolute.getFileName()))
                    && !Files.isSymbolicLink(absolute.getParent());
        } catch (IOException e) {
            return false;
        }
    }

    private BatchResult quarantine(Path batch, List<String> problems) {
        String provider = batch.getParent().getFileName().toString();
        String batchName = provider + "/" + batch.getFileName();
        List<Map<String, Object>> filed = List.copyOf(readProgress(batch).values());
        pipeline.metrics().count(route, ImportMetrics.Outcome.REJECTED);
        Path target = moveTo(batch, quarantine.resolve(provider));
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("batch", batchName);
        report.put("status", filed.isEmpty() ? "QUARANTINED" : "PARTIALLY_FILED");
        report.put("problems", problems);
        report.put("filed", filed);
        report.put("action", filed.isEmpty() ? "fix the listed problems and drop the batch again with a new .ready marker"
                : "the documents under 'filed' are in their cases; fix the problems and drop the batch again: only the rest is filed");
        writeJson(target.resolve("report.json"), report);
        String id = pipeline.state().deadLetter(route, "file-drop " + batchName, "quarantined: " + String.join("; ", problems),
                "text/plain", ("quarantined to " + target).getBytes(StandardCharsets.UTF_8));
        pipeline.metrics().count(route, ImportMetrics.Outcome.DEAD_LETTERED);
        pipeline.audit().deadLettered(route, "file-drop " + batchName, id, "quarantined: " + problems.size() + " problem(s)");
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
            if (!listed.add(m.file())) {
                problems.add(where + ": listed twice");
            }
            if (m.file().contains("/") || m.file().contains("\\") || m.file().startsWith(".") || CONTROL_FILES.contains(m.file())) {
                problems.add(where + ": file names must be plain names inside the batch folder");
                continue;
            }
            if (ACS_FORBIDDEN_NAME.matcher(m.file()).matches() || m.file().length() > 255 || m.file().chars().anyMatch(ch -> ch < 0x20)) {
                problems.add(where + ": the repository does not accept this name (no \" * \\ > < ? / : | or control characters, "
                        + "no trailing dot or space, at most 255 characters); rename the file and its manifest line");
                continue;
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
            Path file = batch.resolve(m.file()).normalize();
            if (!file.getParent().equals(batch.normalize())) {
                problems.add(where + ": file names must be plain names inside the batch folder");
                continue;
            }
            if (Files.isSymbolicLink(file)) {
                problems.add(where + ": is a symbolic link; drop the file itself");
                continue;
            }
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                problems.add(where + ": file is missing from the drop");
                continue;
            }
            try {
                byte[] bytes = readNoFollow(file);
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

    /** Reads a file without following a symbolic link (one swapped in after the check is refused by the open). */
    static byte[] readNoFollow(Path file) throws IOException {
        try (var channel = Files.newByteChannel(file, Set.of(java.nio.file.StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
             var in = java.nio.channels.Channels.newInputStream(channel)) {
            return in.readAllBytes();
        }
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
