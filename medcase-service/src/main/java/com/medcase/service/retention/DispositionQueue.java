package com.medcase.service.retention;

import com.medcase.audit.AuditLedger;
import com.medcase.hold.HoldRepository;
import com.medcase.model.MedCaseModel;
import com.medcase.repository.DestructionReceipt;
import com.medcase.repository.RecordRepository;
import com.medcase.retention.DestructionCertificate;
import com.medcase.retention.DispositionAction;
import com.medcase.retention.DispositionItem;
import com.medcase.retention.DispositionWorkflow;
import com.medcase.service.security.Caller;
import com.medcase.store.retention.JdbcDispositionQueue;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The disposition queue for the API and the console: items re-evaluated against holds whenever
 * they are looked at, approvals, and execution with a destruction certificate.
 */
@Service
public class DispositionQueue {

    private final JdbcDispositionQueue queue;
    private final DispositionWorkflow workflow;
    private final RecordRepository repository;
    private final Clock clock;

    private final java.nio.file.Path transferDirectory;
    private final HoldRepository holds;
    private final java.util.function.Function<DispositionItem, LocalDate> legalMinimum;
    /** Execution runs and their progress, in the database: any node shows any run. */
    private final ExecutionRuns runs;
    private final java.util.concurrent.ExecutorService executions = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "disposition-execution");
        t.setDaemon(true);
        return t;
    });

    DispositionQueue(JdbcDispositionQueue queue, HoldRepository holds, RecordRepository repository, AuditLedger ledger, Clock clock,
                     RetentionPlanner planner, RetentionProperties properties, com.medcase.service.config.MedCaseProperties medcase,
                     ExecutionRuns runs) {
        this.queue = queue;
        this.runs = runs;
        this.transferDirectory = properties.transferDirectory().isBlank() ? medcase.home().resolve("transfer")
                : java.nio.file.Path.of(properties.transferDirectory());
        // The legal minimum is re-checked at approval and execution against the rules configured now and the
        // record's current facts; the date recorded at planning only stands in when the facts are gone.
        this.holds = holds;
        this.legalMinimum = item -> {
            java.time.LocalDate now = planner.legalMinimumUntil(item.recordId());
            return now != null ? now : item.legalMinimumUntil();
        };
        this.workflow = new DispositionWorkflow(holds::activeHoldsOf, legalMinimum, ledger, clock);
        this.repository = repository;
        this.clock = clock;
    }

    /** Items due by {@code day} (today when null), each re-evaluated against holds and saved. */
    public List<DispositionItem> due(LocalDate day, int limit) {
        LocalDate asOf = day != null ? day : LocalDate.now(clock);
        return queue.dueBy(asOf, Math.min(limit, 1000)).stream().map(item -> refreshed(item, asOf)).toList();
    }

    /**
     * A due-list row: the item (re-evaluated against holds today), the record's name (null once destroyed), and the
     * case number and category it is filtered by.
     */
    public record Row(DispositionItem item, String name, String caseNumber, String category) {
    }

    public record Rows(List<Row> rows, long total) {
    }

    /**
     * The due list filtered (status, case number, category, due by) and paged by the database; each item on
     * the page is re-evaluated against holds as of today, as {@link #due} does.
     */
    public Rows list(DispositionItem.Status status, String caseNumber, String category, LocalDate dueBy, int page, int size) {
        String caseId = null;
        if (caseNumber != null && !caseNumber.isBlank()) {
            java.util.Optional<com.medcase.repository.CaseFolder> folder = repository.findCaseByNumber(caseNumber.strip());
            if (folder.isEmpty()) {
                return new Rows(List.of(), 0);
            }
            caseId = folder.get().id();
        }
        int clamped = Math.max(1, Math.min(size, 200));
        JdbcDispositionQueue.Found found = queue.find(new JdbcDispositionQueue.Filter(status, caseId,
                category == null || category.isBlank() ? null : category, dueBy), Math.max(0, page) * clamped, clamped);
        LocalDate today = LocalDate.now(clock);
        Map<String, String> caseNumbers = new java.util.HashMap<>();
        List<Row> rows = found.items().stream().map(l -> new Row(refreshed(l.item(), today), nameOf(l.item().recordId()),
                l.caseId() == null ? null : caseNumbers.computeIfAbsent(l.caseId(), this::caseNumberOf), l.category())).toList();
        return new Rows(rows, found.total());
    }

    /** Record names by id for a page of results (ids of records gone or unknown are left out). */
    public Map<String, String> names(java.util.Collection<String> recordIds) {
        Map<String, String> names = new java.util.HashMap<>();
        for (String id : recordIds) {
            String name = nameOf(id);
            if (name != null) {
                names.put(id, name);
            }
        }
        return names;
    }

    private String nameOf(String recordId) {
        try {
            return repository.getRecord(recordId).name();
        } catch (RuntimeException gone) {
            return null;
        }
    }

    private String caseNumberOf(String caseId) {
        try {
            return repository.getCase(caseId).caseNumber();
        } catch (RuntimeException gone) {
            return null;
        }
    }

    /** What a bulk approval did to one item. */
    public enum ApprovalOutcome {
        /** Enough approvals: may be executed. */
        APPROVED,
        /** A sensitive record approved once: a second, different records manager must approve it too. */
        NEEDS_SECOND_APPROVER,
        /** The caller already approved it; only somebody else can give the second approval. */
        ALREADY_APPROVED_BY_YOU,
        /** Under at least one active legal hold. */
        HELD,
        /** The legal minimum retention has not run out. */
        BELOW_LEGAL_MINIMUM,
        /** Not due (scheduled, already approved, completed). */
        NOT_DUE,
        /** Not in the disposition queue. */
        NOT_IN_QUEUE,
        /** Refused by the workflow for another reason (see the detail). */
        REFUSED
    }

    public record Approved(String recordId, ApprovalOutcome outcome, String detail) {
    }

    /**
     * Approves each item on its own, so one refusal does not stop the others; the workflow decides and
     * audits every approval (two different approvers for sensitive records). The outcome says per item
     * what happened and, when refused, why.
     */
    public List<Approved> approveAll(java.util.Collection<String> recordIds, Caller caller) {
        List<Approved> outcomes = new java.util.ArrayList<>();
        LocalDate today = LocalDate.now(clock);
        for (String recordId : new java.util.LinkedHashSet<>(recordIds)) {
            java.util.Optional<DispositionItem> found = queue.find(recordId);
            if (found.isEmpty()) {
                outcomes.add(new Approved(recordId, ApprovalOutcome.NOT_IN_QUEUE, null));
                continue;
            }
            DispositionItem item = refreshed(found.get(), today);
            java.util.Set<String> heldBy = holds.activeHoldsOf(recordId);
            LocalDate until = legalMinimum.apply(item);
            if (!heldBy.isEmpty()) {
                outcomes.add(new Approved(recordId, ApprovalOutcome.HELD, String.join(", ", new java.util.TreeSet<>(heldBy))));
            } else if (until != null && today.isBefore(until)) {
                outcomes.add(new Approved(recordId, ApprovalOutcome.BELOW_LEGAL_MINIMUM, until.equals(LocalDate.MAX) ? null : until.toString()));
            } else if (item.status() != DispositionItem.Status.DUE) {
                outcomes.add(new Approved(recordId, ApprovalOutcome.NOT_DUE, item.status().name()));
            } else if (item.approvals().stream().anyMatch(a -> a.approver().equals(caller.id()))) {
                outcomes.add(new Approved(recordId, ApprovalOutcome.ALREADY_APPROVED_BY_YOU, null));
            } else {
                try {
                    DispositionItem approved = workflow.approve(item, caller.asPrincipal());
                    queue.save(approved);
                    outcomes.add(new Approved(recordId, approved.status() == DispositionItem.Status.APPROVED
                            ? ApprovalOutcome.APPROVED : ApprovalOutcome.NEEDS_SECOND_APPROVER, null));
                } catch (com.medcase.retention.DispositionException e) {
                    outcomes.add(new Approved(recordId, ApprovalOutcome.REFUSED, e.getMessage()));
                }
            }
        }
        return outcomes;
    }

    /**
     * Progress of one execution run, as the database holds it ({@link ExecutionRuns}): how many of how many, the
     * failures with why, the certificates issued, and whether its node stopped before the end.
     */
    public record ExecutionRun(String id, String startedBy, List<String> recordIds, int done, boolean finished, boolean interrupted,
                               java.time.Instant lastProgressAt, List<Map<String, String>> failures, List<Map<String, String>> certificates) {
        public ExecutionRun {
            recordIds = List.copyOf(recordIds);
            failures = List.copyOf(failures);
            certificates = List.copyOf(certificates);
        }

        public int total() {
            return recordIds.size();
        }

        public int percent() {
            return total() == 0 ? 100 : done * 100 / total();
        }

        /** When the run last moved, for people: UTC to the second. */
        public String lastProgressText() {
            return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(java.time.ZoneOffset.UTC).format(lastProgressAt);
        }

        /** A snapshot for the API. */
        public View view() {
            return new View(id, startedBy, total(), done, finished, interrupted, lastProgressAt, failures, certificates);
        }
    }

    public record View(String id, String startedBy, int total, int done, boolean finished, boolean interrupted,
                       java.time.Instant lastProgressAt, List<Map<String, String>> failures, List<Map<String, String>> certificates) {
    }

    /**
     * Executes the approved items in the background, one after the other (each destroys in the repository
     * before the next starts); {@link #run} reports the progress from the database, on any node. Every item goes
     * through {@link #execute}, so holds, approvals and the legal minimum are checked again for each.
     */
    public ExecutionRun startExecution(java.util.Collection<String> recordIds, Caller caller) {
        String runId = "RUN-" + java.util.UUID.randomUUID();
        List<String> items = List.copyOf(new java.util.LinkedHashSet<>(recordIds));
        runs.start(runId, caller.id(), items);
        executions.execute(() -> {
            for (int i = 0; i < items.size(); i++) {
                String recordId = items.get(i);
                try {
                    runs.executed(runId, i, execute(recordId, caller).certificateId());
                } catch (RuntimeException e) {
                    runs.failed(runId, i, String.valueOf(e.getMessage()));
                }
            }
            runs.finished(runId);
        });
        return run(runId);
    }

    public ExecutionRun run(String runId) {
        return runs.find(runId).orElseThrow(() -> new NoSuchElementException("No disposition execution run " + runId));
    }

    @jakarta.annotation.PreDestroy
    void stopExecutions() {
        executions.shutdown();
    }

    public record Certificates(List<DestructionCertificate> certificates, long total) {
    }

    /** Certificates newest first, one page at a time (they outlive the records: the list only grows). */
    public Certificates certificatesPage(int page, int size) {
        int clamped = Math.max(1, Math.min(size, 200));
        return new Certificates(queue.certificates(Math.max(0, page) * clamped, clamped), queue.certificateCount());
    }

    public List<DestructionCertificate> certificates(int limit) {
        return queue.certificates(Math.min(limit, 1000));
    }

    public DestructionCertificate certificate(String certificateId) {
        return queue.certificate(certificateId)
                .orElseThrow(() -> new NoSuchElementException("No destruction certificate " + certificateId));
    }

    public Map<DispositionItem.Status, Long> counts() {
        return queue.countsByStatus();
    }

    public DispositionItem approve(String recordId, Caller caller) {
        DispositionItem approved = workflow.approve(find(recordId), caller.asPrincipal());
        queue.save(approved);
        return approved;
    }

    /**
     * The workflow checks holds and approvals and prepares the certificate (with the hash of the content
     * about to go); the repository then destroys (version history, node, trashcan entry, or the content
     * and its versions only); only then is the certificate, completed with what was purged, stored and
     * the item closed. A refusal by the repository (a hold placed meanwhile) leaves the item open.
     */
    public DestructionCertificate execute(String recordId, Caller caller) {
        DispositionItem item = find(recordId);
        DestructionCertificate certificate = workflow.execute(item, caller.asPrincipal(), sha256Of(recordId));
        DestructionReceipt receipt = switch (item.action()) {
            case DESTROY_ENTIRELY -> repository.destroy(recordId);
            case DESTROY_CONTENT_KEEP_METADATA -> repository.destroyContent(recordId);
            case TRANSFER -> transferThenDestroy(recordId, certificate.certificateId());
            default -> null;
        };
        DestructionCertificate completed = receipt == null ? certificate : certificate.withPurged(
                item.action() == com.medcase.retention.DispositionAction.TRANSFER
                        ? withTransfer(purged(receipt), certificate.certificateId()) : purged(receipt));
        queue.complete(item, completed);
        return completed;
    }

    /**
     * TRANSFER: the record's content and metadata are delivered to the transfer directory (one folder per
     * certificate, written and synced before anything is removed), then the record is destroyed entirely.
     */
    private DestructionReceipt transferThenDestroy(String recordId, String certificateId) {
        java.nio.file.Path target = transferDirectory.resolve(certificateId);
        try {
            java.nio.file.Files.createDirectories(target);
            com.medcase.repository.StoredRecord record = repository.getRecord(recordId);
            try (InputStream in = repository.readContent(recordId)) {
                java.nio.file.Files.copy(in, target.resolve("content"));
            }
            Map<String, Object> metadata = new java.util.LinkedHashMap<>();
            metadata.put("recordId", record.id());
            metadata.put("name", record.name());
            metadata.put("mimeType", record.mimeType());
            metadata.put("caseFolderId", record.caseFolderId());
            metadata.put("properties", record.properties());
            java.nio.file.Files.writeString(target.resolve("metadata.json"), com.medcase.store.StoreSupport.toJson(metadata));
            for (String file : List.of("content", "metadata.json")) {
                try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(target.resolve(file), java.nio.file.StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not transfer record " + recordId + " to " + target + "; nothing was destroyed", e);
        }
        return repository.destroy(recordId);
    }

    private static List<String> withTransfer(List<String> purged, String certificateId) {
        List<String> all = new java.util.ArrayList<>();
        all.add("transferred:" + certificateId + "/");
        all.addAll(purged);
        return all;
    }

    static List<String> purged(DestructionReceipt receipt) {
        List<String> purged = new java.util.ArrayList<>();
        receipt.versionsDeleted().forEach(v -> purged.add("version:" + v));
        purged.add(receipt.nodeDeleted() ? "node" : "content");
        if (receipt.purgedFromTrashcan()) {
            purged.add("trashcan");
        }
        return purged;
    }

    private DispositionItem find(String recordId) {
        DispositionItem item = queue.find(recordId)
                .orElseThrow(() -> new NoSuchElementException("Record " + recordId + " is not in the disposition queue"));
        return refreshed(item, LocalDate.now(clock));
    }

    private DispositionItem refreshed(DispositionItem item, LocalDate asOf) {
        DispositionItem refreshed = workflow.refresh(item, asOf);
        if (!refreshed.equals(item)) {
            queue.save(refreshed);
        }
        return refreshed;
    }

    private String sha256Of(String recordId) {
        try (java.io.InputStream in = repository.readContent(recordId)) {
            return com.medcase.hash.Sha256.hex(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the content of record " + recordId + " to certify its destruction", e);
        }
    }
}
