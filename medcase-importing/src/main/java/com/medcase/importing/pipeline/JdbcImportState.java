package com.medcase.importing.pipeline;

import com.medcase.store.StoreException;
import com.medcase.store.StoreSupport;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The import routes' durable state in JDBC: the content-hash idempotent repository (it survives
 * restarts and is shared by every node), the review queue and the dead-letter store.
 */
public final class JdbcImportState implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JdbcImportState.class);

    /** How long a completion waits to share its commit with the completions that follow it. */
    public static final Duration DEFAULT_COMPLETION_DELAY = Duration.ofMillis(20);

    /** A stored dead letter: the original bytes and why they failed. */
    public record DeadLetter(String id, String route, String source, Instant receivedAt, String error, String contentType,
                             byte[] original, String status, int attempts, byte[] edited, String editedBy) { }

    /** A document waiting for a person to choose its case. */
    public record ReviewItem(String id, String route, String messageId, Instant receivedAt, String reason, String documentJson,
                             byte[] content, String status) { }

    private final StoreSupport db;
    private final Clock clock;

    public JdbcImportState(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    public JdbcImportState(DataSource dataSource, Clock clock) {
        this(dataSource, clock, DEFAULT_COMPLETION_DELAY);
    }

    /** Whether the pre-issue-11 table (global by hash) holds filed rows: only then is it consulted. */
    private final boolean legacyRows;

    /**
     * @param clock           when claims are made (tests move it past a lease instead of waiting)
     * @param completionDelay how long {@link #completeSoon} waits to write a completion together with the next ones
     */
    public JdbcImportState(DataSource dataSource, Clock clock, Duration completionDelay) {
        this(dataSource, clock, completionDelay, CompletionRetries.DEFAULT);
    }

    /** @param completionRetries how a batch of completions that could not be written is tried again, and for how long */
    public JdbcImportState(DataSource dataSource, Clock clock, Duration completionDelay, CompletionRetries completionRetries) {
        this.db = new StoreSupport(dataSource);
        this.clock = clock;
        this.completionDelay = completionDelay;
        this.completionRetries = completionRetries;
        this.legacyRows = db.queryOne("SELECT COUNT(*) FROM mc_import_dedup WHERE status = 'FILED'", rs -> rs.getLong(1)).orElse(0L) > 0;
    }

    /**
     * The record an import before the per-case claims filed with this content (mc_import_dedup knew no case):
     * the pipeline treats it as a duplicate when that record is in the target case. Empty at once on a
     * database that never had such rows.
     */
    public Optional<String> legacyFiled(String sha256) {
        if (!legacyRows) {
            return Optional.empty();
        }
        return db.queryOne("SELECT record_id FROM mc_import_dedup WHERE sha256 = ? AND status = 'FILED'", rs -> rs.getString(1), sha256);
    }

    // ---- idempotency --------------------------------------------------------------------------

    /** The answer to a claim: file it now, it is already filed, or another delivery is filing it right now. */
    public sealed interface Claim permits Claimed, AlreadyFiled, InFlight { }

    /**
     * Filing is this delivery's to do. {@code tookOver} says the claim was a stale one of a delivery that
     * died before completing: its record may already be in the repository and must be looked for first.
     */
    public record Claimed(String key, String token, boolean tookOver) implements Claim { }

    public record AlreadyFiled(String recordId) implements Claim { }

    /** Another delivery holds a fresh claim: the sender should try again later (not be told "duplicate"). */
    public record InFlight(java.time.Instant since) implements Claim { }

    public static String claimKey(String caseId, String sha256) {
        return caseId + ":" + sha256;
    }

    /**
     * Claims (case, content hash) for filing. A claim still FILING after {@code lease} is taken over:
     * its delivery crashed between claim and completion (the row would otherwise say "duplicate" for
     * ever while no record exists).
     */
    public Claim claim(String caseId, String sha256, String route, String messageId, Duration lease) {
        String key = claimKey(caseId, sha256);
        PendingCompletion done = pendingCompletions.get(key);
        if (done != null) {
            return new AlreadyFiled(done.recordId()); // filed by this node a moment ago; its row says so shortly
        }
        String token = UUID.randomUUID().toString();
        Instant now = clock.instant();
        try {
            // the follow-up row shares the claim's commit: a record filed under this claim is followed up even after a crash
            db.inTransaction(c -> {
                StoreSupport.update(c, INSERT_CLAIM, key, caseId, sha256, route, messageId, now, token);
                StoreSupport.update(c, INSERT_FOLLOW_UP, key, now);
                return null;
            });
            return new Claimed(key, token, false);
        } catch (StoreException e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
        }
        return db.inTransaction(c -> {
            List<Object[]> rows = StoreSupport.query(c, "SELECT status, record_id, claimed_at FROM mc_import_claim WHERE claim_key = ? FOR UPDATE",
                    rs -> new Object[]{rs.getString(1), rs.getString(2), StoreSupport.instant(rs, "claimed_at")}, key);
            if (rows.isEmpty()) {
                // released between our insert and this read: claim it now
                StoreSupport.update(c, INSERT_CLAIM, key, caseId, sha256, route, messageId, now, token);
                requeueFollowUp(c, key, now);
                return new Claimed(key, token, false);
            }
            Object[] row = rows.get(0);
            if ("FILED".equals(row[0])) {
                return new AlreadyFiled((String) row[1]);
            }
            Instant claimedAt = (Instant) row[2];
            if (claimedAt.plus(lease).isAfter(now)) {
                return new InFlight(claimedAt);
            }
            StoreSupport.update(c, "UPDATE mc_import_claim SET claimed_at = ?, lease_token = ?, route = ?, message_id = ? WHERE claim_key = ?",
                    now, token, route, messageId, key);
            requeueFollowUp(c, key, now);
            return new Claimed(key, token, true);
        });
    }

    private static final String INSERT_CLAIM = "INSERT INTO mc_import_claim (claim_key, case_id, sha256, route, message_id, status, claimed_at, "
            + "lease_token) VALUES (?, ?, ?, ?, ?, 'FILING', ?, ?)";
    private static final String INSERT_FOLLOW_UP = "INSERT INTO mc_import_follow_up (claim_key, queued_at) VALUES (?, ?)";
    private static final String DELETE_FOLLOW_UP = "DELETE FROM mc_import_follow_up WHERE claim_key = ?";

    private static void requeueFollowUp(java.sql.Connection c, String key, Instant now) throws SQLException {
        StoreSupport.update(c, DELETE_FOLLOW_UP, key);
        StoreSupport.update(c, INSERT_FOLLOW_UP, key, now);
    }

    // ---- follow-ups: what the service does with a filed record, after the acknowledgement ---------------------------

    /** A claim whose follow-up is not done: FILED with its record, or FILING (a delivery in flight, or one that died). */
    public record AwaitingFollowUp(String claimKey, String status, String recordId, String caseId, String sha256, String route,
                                   String messageId, Instant claimedAt) { }

    /** Follow-ups queued before {@code queuedBefore} and not done, oldest first (crash recovery; a live node's are newer). */
    public List<AwaitingFollowUp> awaitingFollowUp(Instant queuedBefore, int limit) {
        return db.query("SELECT f.claim_key, c.status, c.record_id, c.case_id, c.sha256, c.route, c.message_id, c.claimed_at "
                + "FROM mc_import_follow_up f LEFT JOIN mc_import_claim c ON c.claim_key = f.claim_key WHERE f.queued_at < ? "
                + "ORDER BY f.queued_at LIMIT " + Math.max(1, limit), rs -> new AwaitingFollowUp(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                rs.getObject(8) == null ? null : StoreSupport.instant(rs, "claimed_at")), queuedBefore);
    }

    /**
     * Follow-ups done (or not needed): one transaction for the batch. A claim's row goes only once its completion is
     * written (pending ones are written first): a crash between the two would otherwise leave a FILING claim that
     * nothing resolves, its record filed and followed up and its sender acknowledged.
     */
    public void followedUp(java.util.Collection<String> claimKeys) {
        if (claimKeys.stream().anyMatch(pendingCompletions::containsKey)) {
            flushCompletions();
        }
        List<String> done = claimKeys.stream().filter(k -> !pendingCompletions.containsKey(k)).toList();
        if (done.isEmpty()) {
            return;
        }
        db.inTransaction(c -> {
            for (String key : done) {
                StoreSupport.update(c, DELETE_FOLLOW_UP, key);
            }
            return null;
        });
    }

    public long awaitingFollowUpCount() {
        return db.queryOne("SELECT COUNT(*) FROM mc_import_follow_up", rs -> rs.getLong(1)).orElse(0L);
    }

    /**
     * Takes over a claim that is still FILING after its lease when no delivery came back for it (the sender was
     * acknowledged before the crash, or gave up): empty when it is gone, filed, or still within its lease.
     */
    public Optional<Claimed> takeOverAbandoned(String claimKey, Duration lease) {
        Instant now = clock.instant();
        String token = UUID.randomUUID().toString();
        return db.inTransaction(c -> {
            List<Object[]> rows = StoreSupport.query(c, "SELECT status, claimed_at FROM mc_import_claim WHERE claim_key = ? FOR UPDATE",
                    rs -> new Object[]{rs.getString(1), StoreSupport.instant(rs, "claimed_at")}, claimKey);
            if (rows.isEmpty() || !"FILING".equals(rows.get(0)[0]) || ((Instant) rows.get(0)[1]).plus(lease).isAfter(now)) {
                return Optional.<Claimed>empty();
            }
            StoreSupport.update(c, "UPDATE mc_import_claim SET claimed_at = ?, lease_token = ? WHERE claim_key = ?", now, token, claimKey);
            return Optional.of(new Claimed(claimKey, token, true));
        });
    }

    /** Marks a claim filed, as long as the lease is still the one that filed it. */
    private static final String COMPLETE = "UPDATE mc_import_claim SET status = 'FILED', record_id = ? WHERE claim_key = ? AND lease_token = ?";

    /** Completes a claim; false when this delivery's lease was taken over meanwhile (it ran longer than the lease). */
    public boolean completed(Claimed claim, String recordId) {
        return db.update(COMPLETE, recordId, claim.key(), claim.token()) == 1;
    }

    // ---- completions written in batches --------------------------------------------------------

    private record PendingCompletion(Claimed claim, String recordId) { }

    /**
     * How the writer retries completions it could not write: after {@code first}, doubling up to {@code max}, at most
     * {@code attempts} times. Then it gives them up, which loses nothing: their claims stay FILING, and the first
     * delivery after the lease resolves each from the repository, as after a crash. The default spans about five
     * minutes, the default lease; before, the writer tried every second for as long as the process lived.
     */
    public record CompletionRetries(Duration first, Duration max, int attempts) {
        public static final CompletionRetries DEFAULT = new CompletionRetries(Duration.ofSeconds(1), Duration.ofMinutes(1), 10);
    }

    private final Duration completionDelay;
    private final CompletionRetries completionRetries;
    /** Failed writes in a row (guarded by this object's lock, as {@link #flushCompletions} is). */
    private int failedWrites;
    private volatile boolean closed;
    private final java.util.concurrent.ConcurrentHashMap<String, PendingCompletion> pendingCompletions = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicBoolean flushScheduled = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile java.util.concurrent.ScheduledExecutorService completionWriter;

    /**
     * Completes a claim without a commit of its own: the completions of the next {@code completionDelay} are written
     * in one transaction (one commit for many documents, where each had its own). Nothing a sender is told depends on
     * the row: the record is in the repository before this is called, a redelivery to this node is answered from
     * memory until the row is written, and if the process dies first the claim stays FILING, which the next delivery
     * after the lease resolves by asking the repository ({@link com.medcase.importing.pipeline.ImportPipeline}), as
     * for a crash between filing and completion.
     */
    public void completeSoon(Claimed claim, String recordId) {
        pendingCompletions.put(claim.key(), new PendingCompletion(claim, recordId));
        scheduleFlush(completionDelay.toMillis());
    }

    private void scheduleFlush(long delayMillis) {
        if (flushScheduled.compareAndSet(false, true)) {
            try {
                completionWriter().schedule(this::flushCompletions, delayMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                flushScheduled.set(false);
                flushCompletions(); // closed meanwhile: write it now
            }
        }
    }

    private java.util.concurrent.ScheduledExecutorService completionWriter() {
        var writer = completionWriter;
        if (writer == null) {
            synchronized (pendingCompletions) {
                writer = completionWriter;
                if (writer == null) {
                    writer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                        Thread t = new Thread(r, "medcase-import-completions");
                        t.setDaemon(true);
                        return t;
                    });
                    completionWriter = writer;
                }
            }
        }
        return writer;
    }

    /** Writes every pending completion in one transaction; on failure they stay pending and are tried again later. */
    public synchronized void flushCompletions() {
        flushScheduled.set(false);
        List<PendingCompletion> batch = List.copyOf(pendingCompletions.values());
        if (batch.isEmpty()) {
            return;
        }
        try {
            int lost = db.inTransaction(c -> {
                int notOurs = 0;
                for (PendingCompletion p : batch) {
                    notOurs += StoreSupport.update(c, COMPLETE, p.recordId(), p.claim().key(), p.claim().token()) == 1 ? 0 : 1;
                }
                return notOurs;
            });
            failedWrites = 0;
            if (lost > 0) {
                // a delivery that outlived its lease: the one that took over resolved it from the repository
                LOG.warn("{} import claim(s) were taken over before their completion was written", lost);
            }
            batch.forEach(p -> pendingCompletions.remove(p.claim().key(), p));
        } catch (RuntimeException e) {
            failedWrites++;
            if (closed || failedWrites > completionRetries.attempts()) {
                failedWrites = 0;
                batch.forEach(p -> pendingCompletions.remove(p.claim().key(), p));
                LOG.warn("Gave up writing {} import completion(s) ({}); their claims stay FILING and the first delivery after the lease "
                        + "finds each record in the repository", batch.size(), e.getClass().getSimpleName());
                return;
            }
            long wait = Math.min(completionRetries.max().toMillis(), completionRetries.first().toMillis() << Math.min(failedWrites - 1, 20));
            if (failedWrites == 1) {
                LOG.warn("Writing {} import completion(s) failed; trying again {} time(s), the first in {} ms: {}", batch.size(),
                        completionRetries.attempts(), wait, e.getClass().getSimpleName());
            }
            scheduleFlush(wait);
        }
    }

    /** Claims completed but not yet written (monitoring; zero when idle). */
    public int pendingCompletions() {
        return pendingCompletions.size();
    }

    /** Writes what is pending and stops the writer (a clean shutdown leaves no FILING row behind). */
    @Override
    public void close() {
        closed = true;
        var writer = completionWriter;
        if (writer != null) {
            writer.shutdown();
        }
        flushCompletions();
    }

    /** Gives a claim back after a failure so that a redelivery can file it. */
    public void release(Claimed claim) {
        PendingCompletion done = pendingCompletions.get(claim.key());
        if (done != null && done.claim().token().equals(claim.token())) {
            return; // filed: what failed came after (as a FILED row, the claim would have been kept)
        }
        db.inTransaction(c -> {
            if (StoreSupport.update(c, "DELETE FROM mc_import_claim WHERE claim_key = ? AND status = 'FILING' AND lease_token = ?",
                    claim.key(), claim.token()) == 1) {
                StoreSupport.update(c, DELETE_FOLLOW_UP, claim.key());
            }
            return null;
        });
    }

    public long filedCount() {
        return db.queryOne("SELECT COUNT(*) FROM mc_import_claim WHERE status = 'FILED'", rs -> rs.getLong(1)).orElse(0L);
    }

    public long inFlightCount() {
        return db.queryOne("SELECT COUNT(*) FROM mc_import_claim WHERE status = 'FILING'", rs -> rs.getLong(1)).orElse(0L);
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    // ---- persistent channel counters ----------------------------------------------------------

    /** Adds to a channel's counter in the database, so that the numbers survive restarts and add up across nodes. */
    public void addToCounter(String route, String outcome, long delta) {
        if (db.update("UPDATE mc_import_counter SET total = total + ? WHERE route = ? AND outcome = ?", delta, route, outcome) == 0) {
            try {
                db.update("INSERT INTO mc_import_counter (route, outcome, total) VALUES (?, ?, ?)", route, outcome, delta);
            } catch (StoreException e) {
                if (!isUniqueViolation(e)) {
                    throw e;
                }
                db.update("UPDATE mc_import_counter SET total = total + ? WHERE route = ? AND outcome = ?", delta, route, outcome);
            }
        }
    }

    /** route -> outcome -> total. */
    public java.util.Map<String, java.util.Map<String, Long>> counters() {
        java.util.Map<String, java.util.Map<String, Long>> all = new java.util.TreeMap<>();
        db.query("SELECT route, outcome, total FROM mc_import_counter", rs -> {
            all.computeIfAbsent(rs.getString(1), r -> new java.util.TreeMap<>()).put(rs.getString(2), rs.getLong(3));
            return null;
        });
        return all;
    }

    // ---- review queue -------------------------------------------------------------------------

    /**
     * Queues a document for a person to choose its case. The same message resent (same route, provider
     * message id and content hash) is the same item: its id is returned and no second item is opened.
     */
    public String queueForReview(String route, String messageId, String sha256, Instant receivedAt, String reason, String documentJson,
                                 byte[] content) {
        String dedupKey = route + "|" + messageId + "|" + sha256;
        Optional<String> existing = db.queryOne("SELECT id FROM mc_import_review WHERE dedup_key = ?", rs -> rs.getString(1), dedupKey);
        if (existing.isPresent()) {
            return existing.get();
        }
        String id = "REV-" + UUID.randomUUID();
        try {
            db.update("INSERT INTO mc_import_review (id, route, message_id, received_at, reason, document, content, status, dedup_key) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, 'OPEN', ?)", id, route, messageId, receivedAt, reason, documentJson, content, dedupKey);
            return id;
        } catch (StoreException e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
            return db.queryOne("SELECT id FROM mc_import_review WHERE dedup_key = ?", rs -> rs.getString(1), dedupKey).orElseThrow(() -> e);
        }
    }

    public List<ReviewItem> openReviews(int limit) {
        return db.query("SELECT id, route, message_id, received_at, reason, document, content, status FROM mc_import_review "
                + "WHERE status = 'OPEN' ORDER BY received_at LIMIT " + Math.max(1, limit), JdbcImportState::review);
    }

    public Optional<ReviewItem> review(String id) {
        return db.queryOne("SELECT id, route, message_id, received_at, reason, document, content, status FROM mc_import_review WHERE id = ?",
                JdbcImportState::review, id);
    }

    public void resolveReview(String id, String caseNumber, String by) {
        db.update("UPDATE mc_import_review SET status = 'RESOLVED', resolved_case = ?, resolved_by = ? WHERE id = ?", caseNumber, by, id);
    }

    // ---- dead letters -------------------------------------------------------------------------

    public String deadLetter(String route, String source, String error, String contentType, byte[] original) {
        String id = "DL-" + UUID.randomUUID();
        db.update("INSERT INTO mc_import_dead_letter (id, route, source, received_at, error, content_type, original, status, attempts) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, 'NEW', 1)", id, route, truncate(source, 500), Instant.now(), truncate(error, 2000), contentType, original);
        return id;
    }

    public List<DeadLetter> deadLetters(String status, int limit) {
        return db.query("SELECT id, route, source, received_at, error, content_type, original, status, attempts, edited, edited_by "
                + "FROM mc_import_dead_letter WHERE status = ? ORDER BY received_at LIMIT " + Math.max(1, limit), JdbcImportState::deadLetter, status);
    }

    public Optional<DeadLetter> deadLetter(String id) {
        return db.queryOne("SELECT id, route, source, received_at, error, content_type, original, status, attempts, edited, edited_by "
                + "FROM mc_import_dead_letter WHERE id = ?", JdbcImportState::deadLetter, id);
    }

    /** Keeps an administrator's corrected bytes beside the original (which is never changed). */
    public void saveEdit(String id, byte[] edited, String by) {
        db.update("UPDATE mc_import_dead_letter SET edited = ?, edited_by = ? WHERE id = ?", edited, by, id);
    }

    public void markReprocessed(String id, boolean succeeded, String error) {
        db.update("UPDATE mc_import_dead_letter SET status = ?, attempts = attempts + 1, error = COALESCE(?, error) WHERE id = ?",
                succeeded ? "REPROCESSED" : "NEW", error == null ? null : truncate(error, 2000), id);
    }

    public long count(String table, String status) {
        if (!table.equals("mc_import_dead_letter") && !table.equals("mc_import_review")) {
            throw new IllegalArgumentException(table);
        }
        return db.queryOne("SELECT COUNT(*) FROM " + table + " WHERE status = ?", rs -> rs.getLong(1), status).orElse(0L);
    }

    // ---- watermarks ---------------------------------------------------------------------------

    public Optional<String> watermark(String source) {
        return db.queryOne("SELECT watermark FROM mc_import_watermark WHERE source = ?", rs -> rs.getString(1), source);
    }

    public void watermark(String source, String value) {
        db.upsert("mc_import_watermark", "source", source, new String[]{"watermark"}, value);
    }

    private static DeadLetter deadLetter(ResultSet rs) throws SQLException {
        return new DeadLetter(rs.getString(1), rs.getString(2), rs.getString(3), StoreSupport.instant(rs, "received_at"), rs.getString(5),
                rs.getString(6), rs.getBytes(7), rs.getString(8), rs.getInt(9), rs.getBytes(10), rs.getString(11));
    }

    private static ReviewItem review(ResultSet rs) throws SQLException {
        return new ReviewItem(rs.getString(1), rs.getString(2), rs.getString(3), StoreSupport.instant(rs, "received_at"), rs.getString(5),
                rs.getString(6), rs.getBytes(7), rs.getString(8));
    }

    private static String truncate(String s, int max) {
        return s == null ? "" : s.length() <= max ? s : s.substring(0, max);
    }
}
