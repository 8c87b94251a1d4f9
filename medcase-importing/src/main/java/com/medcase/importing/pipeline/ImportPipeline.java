package com.medcase.importing.pipeline;

import com.medcase.model.MedCaseModel;
import com.medcase.repository.CaseFolder;
import com.medcase.repository.NewRecord;
import com.medcase.repository.RecordRepository;
import com.medcase.repository.StoredRecord;
import com.medcase.store.StoreSupport;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;


/**
 * The steps every channel shares: match, de-duplicate, file with provenance, audit, count.
 * Matching never guesses: a claim number that names a case wins; otherwise exactly one open case of a
 * claimant with the same family name, given name and date of birth; otherwise the review queue.
 */
public final class ImportPipeline implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ImportPipeline.class);

    /** How long a FILING claim protects a delivery before another may take it over (Camel's orphan-lock timeout). */
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(5);

    private final RecordRepository repository;
    private final JdbcImportState state;
    private final ImportAudit audit;
    private final ImportMetrics metrics;
    private final Duration lease;
    private final ImportFollowUp followUp;
    private volatile java.util.concurrent.ScheduledExecutorService recovery;
    private volatile ClaimantDirectory claimants = ClaimantDirectory.NONE;

    /** @param afterFiling what the service does with a new record (its search entry), after the sender's acknowledgement */
    public ImportPipeline(RecordRepository repository, JdbcImportState state, ImportAudit audit, ImportMetrics metrics,
                          ImportedRecordListener afterFiling) {
        this(repository, state, audit, metrics, afterFiling, DEFAULT_LEASE);
    }

    public ImportPipeline(RecordRepository repository, JdbcImportState state, ImportAudit audit, ImportMetrics metrics,
                          ImportedRecordListener afterFiling, Duration lease) {
        this.repository = repository;
        this.state = state;
        this.audit = audit;
        this.metrics = metrics;
        this.lease = lease;
        this.followUp = new ImportFollowUp(afterFiling, state, ImportFollowUp.defaultWorkers());
    }

    /** Lets a patient identifier that the claimant registry knows name the claimant (set by the service). */
    public void useClaimantDirectory(ClaimantDirectory directory) {
        this.claimants = directory == null ? ClaimantDirectory.NONE : directory;
    }

    public ImportMetrics metrics() {
        return metrics;
    }

    public JdbcImportState state() {
        return state;
    }

    public ImportAudit audit() {
        return audit;
    }

    /** Another delivery of the same document into the same case is being filed now: try again later. */
    public static final class ClaimInFlightException extends com.medcase.repository.RepositoryException {
        public ClaimInFlightException(String route, String messageId) {
            super("the same document for the same case is being filed by another delivery (route " + route + ", message " + messageId
                    + "); resend later");
        }
    }

    public ImportOutcome importDocument(IncomingDocument doc) {
        return importDocument(doc, SenderScope.unrestricted(doc.route()));
    }

    /**
     * Imports one document from a sender limited to some claims: the case it matches must be one of them, or the
     * document waits for review (a person decides; nothing is filed into a case the sender was not engaged on).
     */
    public ImportOutcome importDocument(IncomingDocument doc, SenderScope scope) {
        Instant start = Instant.now();
        metrics.inFlight(doc.route(), +1);
        try {
            String sha256 = sha256(doc.content());
            Optional<CaseFolder> target = match(doc).filter(c -> scope.permits(c.caseNumber()));
            if (target.isEmpty()) {
                String reason = doc.claimNumber() != null || doc.claimantFamilyName() != null
                        ? "no single open case matches the claim number or the claimant's name and date of birth"
                        : "the document names neither a claim number nor a claimant";
                String reviewId = state.queueForReview(doc.route(), doc.messageId(), sha256, doc.receivedAt(), reason, describe(doc, sha256),
                        doc.content());
                audit.queuedForReview(doc.route(), doc.messageId(), reviewId, reason);
                metrics.count(doc.route(), ImportMetrics.Outcome.QUEUED_FOR_REVIEW);
                return ImportOutcome.review(reviewId, reason);
            }
            return file(target.get(), doc, sha256);
        } finally {
            metrics.inFlight(doc.route(), -1);
            metrics.latency(doc.route(), Duration.between(start, Instant.now()));
        }
    }

    /** Files a reviewed document into the case a person chose. */
    public ImportOutcome fileInto(CaseFolder target, IncomingDocument doc) {
        return file(target, doc, sha256(doc.content()));
    }

    private ImportOutcome file(CaseFolder target, IncomingDocument doc, String sha256) {
        JdbcImportState.Claim claim = state.claim(target.id(), sha256, doc.route(), doc.messageId(), lease);
        if (claim instanceof JdbcImportState.AlreadyFiled filed) {
            audit.duplicate(doc.route(), doc.messageId(), filed.recordId());
            metrics.count(doc.route(), ImportMetrics.Outcome.DUPLICATE);
            return ImportOutcome.duplicate(filed.recordId());
        }
        if (claim instanceof JdbcImportState.InFlight) {
            throw new ClaimInFlightException(doc.route(), doc.messageId());
        }
        JdbcImportState.Claimed mine = (JdbcImportState.Claimed) claim;
        Optional<StoredRecord> before = mine.tookOver() ? Optional.empty() : filedBeforeUpgrade(target, sha256);
        if (before.isPresent()) {
            state.completeSoon(mine, before.get().id());
            state.followedUp(List.of(mine.key())); // filed and followed up before the upgrade
            audit.duplicate(doc.route(), doc.messageId(), before.get().id());
            metrics.count(doc.route(), ImportMetrics.Outcome.DUPLICATE);
            return ImportOutcome.duplicate(before.get().id());
        }
        try {
            Optional<LeftByCrash> left = mine.tookOver() ? leftByCrash(target, sha256) : Optional.empty();
            StoredRecord record;
            if (left.isEmpty()) {
                record = repository.fileRecord(target.id(), toRecord(doc, sha256));
            } else if (left.get().complete()) {
                record = left.get().record();
            } else {
                // created, its content never written: write the bytes as sent (the empty version stays in its history)
                record = repository.newVersion(left.get().record().id(), doc.content(),
                        com.medcase.repository.ContentTypeSniffer.contentType(doc.content(), doc.mimeType()),
                        "content of an import that a crash interrupted between creating this record and writing its content");
            }
            // a crashed delivery's record found on takeover was never audited, and perhaps not followed up: do both now
            state.completeSoon(mine, record.id());
            followUp.submit(mine.key(), record);
            audit.filed(doc.route(), doc.messageId(), record.id(), target.caseNumber());
            metrics.count(doc.route(), ImportMetrics.Outcome.FILED);
            return ImportOutcome.filed(record.id(), target.caseNumber());
        } catch (RuntimeException e) {
            state.release(mine);
            throw e;
        }
    }

    // ---- follow-ups after a crash -----------------------------------------------------------------------------

    /** How old a queued follow-up must be before the recovery does it (a live node does its own within milliseconds). */
    public static final Duration FOLLOW_UP_GRACE = Duration.ofMinutes(1);

    /** Runs {@link #recoverFollowUps} now and then every {@code every} (the service starts it; tests call it directly). */
    public void startFollowUpRecovery(Duration every) {
        synchronized (followUp) {
            if (recovery != null) {
                return;
            }
            recovery = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "medcase-import-recovery");
                t.setDaemon(true);
                return t;
            });
        }
        recovery.scheduleWithFixedDelay(() -> {
            try {
                int done = recoverFollowUps(FOLLOW_UP_GRACE);
                if (done > 0) {
                    LOG.info("Recovered the follow-up of {} imported record(s) left by a stopped or crashed node", done);
                }
            } catch (RuntimeException e) {
                LOG.warn("Import follow-up recovery failed; it runs again in {}: {}", every, e.getClass().getSimpleName(), MessageWithheld.of(e));
            }
        }, 0, every.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /**
     * Does the follow-ups that a stopped or crashed node left (queued more than {@code grace} ago): a FILED claim's
     * record is given to the listener again; a claim still FILING after its lease, whose sender may never resend
     * (it was acknowledged before the crash, or gave up), is resolved from the repository as a resend's takeover
     * would be: completed, audited and followed up when its record is there, released when it is not (a resend then
     * files it). Returns how many records were followed up.
     */
    public int recoverFollowUps(Duration grace) {
        int total = 0;
        Instant before = Instant.now().minus(grace);
        for (int round = 0; round < 1_000; round++) {
            List<JdbcImportState.AwaitingFollowUp> rows = state.awaitingFollowUp(before, ImportFollowUp.BATCH);
            Map<String, StoredRecord> ready = new java.util.LinkedHashMap<>();
            List<String> nothingToDo = new java.util.ArrayList<>();
            int inFlight = 0;
            for (JdbcImportState.AwaitingFollowUp row : rows) {
                if (followUp.isMine(row.claimKey())) {
                    inFlight++; // queued on this node behind others
                } else if (row.status() == null) {
                    nothingToDo.add(row.claimKey()); // released: nothing was filed under it
                } else if ("FILED".equals(row.status())) {
                    try {
                        ready.put(row.claimKey(), repository.getRecord(row.recordId()));
                    } catch (com.medcase.repository.NodeNotFoundException gone) {
                        nothingToDo.add(row.claimKey()); // destroyed since
                    }
                } else if (!resolveAbandoned(row, ready)) {
                    inFlight++;
                }
            }
            state.followedUp(nothingToDo);
            followUp.runNow(ready);
            total += ready.size();
            if (rows.size() < ImportFollowUp.BATCH || ready.isEmpty() && nothingToDo.isEmpty() && inFlight == rows.size()) {
                break;
            }
        }
        return total;
    }

    /**
     * A claim still FILING: taken over when its lease has passed, then completed, audited and put in {@code ready} when
     * its record is complete in the repository, or given back when there is none (or its case is gone). False when it is
     * left as it is: within its lease, its content never written (only a resend has the bytes, and that sender was never
     * acknowledged), or not resolvable now (its renewed lease brings it back later; the other claims are not held up).
     */
    private boolean resolveAbandoned(JdbcImportState.AwaitingFollowUp row, Map<String, StoredRecord> ready) {
        Optional<JdbcImportState.Claimed> abandoned = state.takeOverAbandoned(row.claimKey(), lease);
        if (abandoned.isEmpty()) {
            return false;
        }
        try {
            CaseFolder target = repository.getCase(row.caseId());
            Optional<LeftByCrash> left = leftByCrash(target, row.sha256());
            if (left.isEmpty()) {
                state.release(abandoned.get());
                return true;
            }
            if (!left.get().complete()) {
                return false;
            }
            StoredRecord found = left.get().record();
            state.completeSoon(abandoned.get(), found.id());
            audit.filed(row.route(), row.messageId(), found.id(), target.caseNumber());
            ready.put(row.claimKey(), found);
            return true;
        } catch (com.medcase.repository.NodeNotFoundException caseGone) {
            state.release(abandoned.get()); // nothing can be filed into a case that is gone; a resend is matched again
            return true;
        } catch (RuntimeException e) {
            LOG.warn("Import claim {} could not be resolved now: {}", row.claimKey(), e.getClass().getSimpleName(), MessageWithheld.of(e));
            return false;
        }
    }

    /** Finishes the queued follow-ups (what is left is done at the next start) and stops the recovery. */
    @Override
    public void close() {
        var r = recovery;
        if (r != null) {
            r.shutdownNow();
        }
        followUp.close();
    }

    /** A record filed into this case before the per-case claims existed (the old table knew only the hash). */
    private Optional<StoredRecord> filedBeforeUpgrade(CaseFolder target, String sha256) {
        Optional<String> recordId = state.legacyFiled(sha256);
        if (recordId.isEmpty()) {
            return Optional.empty();
        }
        try {
            StoredRecord record = repository.getRecord(recordId.get());
            return target.id().equals(record.caseFolderId()) ? Optional.of(record) : Optional.empty();
        } catch (RuntimeException gone) {
            return Optional.empty(); // destroyed or unreadable: file it again
        }
    }

    /**
     * What a delivery that died after filing began left in the case: its record (found by the content hash property it
     * was created with, as the crash case needs), and whether its content was written. The binding creates a
     * record and then writes its content (two calls, as ACS's REST API needs for a record created with its ACL), and
     * ACS's {@code NodesImpl.createNode} gives a new cm:content node an empty content: a crash between the two leaves a
     * record whose hash property names bytes it does not hold. The stored bytes are hashed to tell (a takeover is rare).
     */
    private record LeftByCrash(StoredRecord record, boolean complete) { }

    private Optional<LeftByCrash> leftByCrash(CaseFolder target, String sha256) {
        Optional<StoredRecord> found = repository.listRecords(target.id()).stream()
                .filter(r -> sha256.equals(r.properties().get(MedCaseModel.PROP_SHA256))).findFirst();
        return found.map(r -> new LeftByCrash(r, sha256.equals(storedHash(r))));
    }

    private String storedHash(StoredRecord record) {
        try (java.io.InputStream in = repository.readContent(record.id())) {
            return com.medcase.hash.Sha256.hex(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot read record " + record.id() + " to check its content", e);
        } catch (com.medcase.repository.ContentNotFoundException e) {
            return null; // no content at all
        }
    }

    /** Case folders by case number, for a short while: a repository query per document was a fifth of filing time. */
    private record CachedCase(CaseFolder folder, long expiresAtNanos) { }

    private static final long CASE_CACHE_NANOS = Duration.ofSeconds(30).toNanos();
    private final java.util.concurrent.ConcurrentHashMap<String, CachedCase> caseByNumber = new java.util.concurrent.ConcurrentHashMap<>();

    private Optional<CaseFolder> caseByNumber(String number) {
        CachedCase cached = caseByNumber.get(number);
        long now = System.nanoTime();
        if (cached != null && cached.expiresAtNanos() - now > 0) {
            return Optional.of(cached.folder());
        }
        // only found cases are remembered: a case opened a moment ago is found by the next document
        Optional<CaseFolder> found = repository.findCaseByNumber(number);
        found.ifPresent(f -> {
            if (caseByNumber.size() > 10_000) {
                caseByNumber.clear();
            }
            caseByNumber.put(number, new CachedCase(f, now + CASE_CACHE_NANOS));
        });
        return found;
    }

    Optional<CaseFolder> match(IncomingDocument doc) {
        if (doc.claimNumber() != null && !doc.claimNumber().isBlank()) {
            Optional<CaseFolder> byClaim = caseByNumber(doc.claimNumber().trim());
            if (byClaim.isPresent()) {
                return byClaim;
            }
        }
        // a registered identifier names the claimant: their one open case (names and dates of birth in messages vary)
        for (IncomingDocument.PatientIdentifier id : doc.patientIdentifiers()) {
            if (id.system() == null || id.value() == null) {
                continue;
            }
            Optional<ClaimantDirectory.RegisteredClaimant> known = claimants.byIdentifier(id.system().trim(), id.value().trim());
            if (known.isPresent()) {
                ClaimantDirectory.RegisteredClaimant c = known.get();
                List<CaseFolder> open = repository.findCasesByClaimant(c.familyName(), c.givenName(), c.dateOfBirth()).stream()
                        .filter(f -> c.claimantId().equals(f.properties().get(MedCaseModel.PROP_CASE_CLAIMANT_ID)))
                        .filter(ImportPipeline::isOpen).toList();
                if (open.size() == 1) {
                    return Optional.of(open.get(0));
                }
            }
        }
        if (doc.claimantFamilyName() != null && doc.claimantGivenName() != null && doc.claimantDateOfBirth() != null) {
            List<CaseFolder> open = repository.findCasesByClaimant(doc.claimantFamilyName().trim(), doc.claimantGivenName().trim(),
                    doc.claimantDateOfBirth()).stream().filter(ImportPipeline::isOpen).toList();
            if (open.size() == 1) {
                return Optional.of(open.get(0));
            }
        }
        return Optional.empty();
    }

    private static boolean isOpen(CaseFolder c) {
        Object status = c.properties().get(MedCaseModel.PROP_CASE_STATUS);
        return status == null || "open".equals(status);
    }

    static NewRecord toRecord(IncomingDocument doc, String sha256) {
        Map<String, Object> props = new HashMap<>();
        props.put(MedCaseModel.PROP_RECORD_CATEGORY, doc.category());
        props.put(MedCaseModel.PROP_SHA256, sha256);
        props.put(MedCaseModel.PROP_RECEIVED_DATE, java.time.LocalDate.ofInstant(doc.receivedAt(), java.time.ZoneOffset.UTC));
        putIfPresent(props, MedCaseModel.PROP_SERVICE_DATE_FROM, doc.serviceFrom());
        putIfPresent(props, MedCaseModel.PROP_SERVICE_DATE_TO, doc.serviceTo());
        putIfPresent(props, MedCaseModel.PROP_SOURCE_PROVIDER_NAME, doc.providerName());
        putIfPresent(props, MedCaseModel.PROP_SOURCE_PROVIDER_NPI, doc.providerNpi());
        Map<String, Map<String, Object>> aspects = new HashMap<>();
        aspects.put(MedCaseModel.ASPECT_IMPORT_PROVENANCE, Map.of(MedCaseModel.PROP_IMPORT_ROUTE, doc.route(),
                MedCaseModel.PROP_IMPORT_MESSAGE_ID, doc.messageId(), MedCaseModel.PROP_IMPORT_RECEIVED_AT, doc.receivedAt()));
        if (!doc.sensitivityLabels().isEmpty()) {
            aspects.put(MedCaseModel.ASPECT_SENSITIVE, Map.of(MedCaseModel.PROP_SENSITIVITY_LABELS, List.copyOf(doc.sensitivityLabels())));
        }
        return new NewRecord(doc.fileName(), doc.mimeType(), doc.content(), props, aspects);
    }

    /** The document's metadata for the review queue (shown to the records team, who may see it). */
    public static String describe(IncomingDocument doc, String sha256) {
        Map<String, Object> d = new HashMap<>();
        d.put("route", doc.route());
        d.put("messageId", doc.messageId());
        d.put("receivedAt", doc.receivedAt().toString());
        d.put("claimNumber", doc.claimNumber());
        d.put("claimantFamilyName", doc.claimantFamilyName());
        d.put("claimantGivenName", doc.claimantGivenName());
        d.put("claimantDateOfBirth", doc.claimantDateOfBirth() == null ? null : doc.claimantDateOfBirth().toString());
        d.put("category", doc.category());
        d.put("sensitivityLabels", List.copyOf(doc.sensitivityLabels()));
        d.put("serviceFrom", doc.serviceFrom() == null ? null : doc.serviceFrom().toString());
        d.put("serviceTo", doc.serviceTo() == null ? null : doc.serviceTo().toString());
        d.put("providerName", doc.providerName());
        d.put("providerNpi", doc.providerNpi());
        d.put("fileName", doc.fileName());
        d.put("mimeType", doc.mimeType());
        d.put("sha256", sha256);
        return StoreSupport.toJson(d);
    }

    private static void putIfPresent(Map<String, Object> props, String key, Object value) {
        if (value != null) {
            props.put(key, value);
        }
    }

    public static String sha256(byte[] content) {
        return com.medcase.hash.Sha256.hex(content);
    }
}
