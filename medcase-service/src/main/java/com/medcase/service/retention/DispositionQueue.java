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
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HexFormat;
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

    DispositionQueue(JdbcDispositionQueue queue, HoldRepository holds, RecordRepository repository, AuditLedger ledger, Clock clock,
                     RetentionPlanner planner, RetentionProperties properties, com.medcase.service.config.MedCaseProperties medcase) {
        this.queue = queue;
        this.transferDirectory = properties.transferDirectory().isBlank() ? medcase.home().resolve("transfer")
                : java.nio.file.Path.of(properties.transferDirectory());
        // The legal minimum is re-checked at approval and execution against the rules configured now and the
        // record's current facts; the date recorded at planning only stands in when the facts are gone.
        this.workflow = new DispositionWorkflow(holds::activeHoldsOf, item -> {
            java.time.LocalDate now = planner.legalMinimumUntil(item.recordId());
            return now != null ? now : item.legalMinimumUntil();
        }, ledger, clock);
        this.repository = repository;
        this.clock = clock;
    }

    /** Items due by {@code day} (today when null), each re-evaluated against holds and saved. */
    public List<DispositionItem> due(LocalDate day, int limit) {
        LocalDate asOf = day != null ? day : LocalDate.now(clock);
        return queue.dueBy(asOf, Math.min(limit, 1000)).stream().map(item -> refreshed(item, asOf)).toList();
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
        try (DigestInputStream in = new DigestInputStream(repository.readContent(recordId), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the content of record " + recordId + " to certify its destruction", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
