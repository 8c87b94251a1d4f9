package com.medcase.importing.pipeline;

import com.medcase.store.StoreSupport;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The import routes' durable state in JDBC: the content-hash idempotent repository (it survives
 * restarts and is shared by every node), the review queue and the dead-letter store.
 */
public final class JdbcImportState {

    /** A stored dead letter: the original bytes and why they failed. */
    public record DeadLetter(String id, String route, String source, Instant receivedAt, String error, String contentType,
                             byte[] original, String status, int attempts) { }

    /** A document waiting for a person to choose its case. */
    public record ReviewItem(String id, String route, String messageId, Instant receivedAt, String reason, String documentJson,
                             byte[] content, String status) { }

    private final StoreSupport db;

    public JdbcImportState(DataSource dataSource) {
        this.db = new StoreSupport(dataSource);
    }

    // ---- idempotency --------------------------------------------------------------------------

    /**
     * Claims a content hash for filing. Returns empty when claimed now; otherwise the record id (or
     * null while another delivery is still filing it) of the earlier import: a duplicate.
     */
    public Optional<String> claim(String sha256, String route, String messageId) {
        return db.inTransaction(c -> {
            List<String[]> existing = StoreSupport.query(c, "SELECT status, record_id FROM mc_import_dedup WHERE sha256 = ? FOR UPDATE",
                    rs -> new String[]{rs.getString(1), rs.getString(2)}, sha256);
            if (!existing.isEmpty()) {
                return Optional.of(existing.get(0)[1] == null ? "" : existing.get(0)[1]);
            }
            StoreSupport.update(c, "INSERT INTO mc_import_dedup (sha256, route, message_id, status, claimed_at) VALUES (?, ?, ?, 'FILING', ?)",
                    sha256, route, messageId, Instant.now());
            return Optional.empty();
        });
    }

    public void completed(String sha256, String recordId) {
        db.update("UPDATE mc_import_dedup SET status = 'FILED', record_id = ? WHERE sha256 = ?", recordId, sha256);
    }

    /** Gives a claim back after a failure so that a redelivery can file it. */
    public void release(String sha256) {
        db.update("DELETE FROM mc_import_dedup WHERE sha256 = ? AND status = 'FILING'", sha256);
    }

    public long filedCount() {
        return db.queryOne("SELECT COUNT(*) FROM mc_import_dedup WHERE status = 'FILED'", rs -> rs.getLong(1)).orElse(0L);
    }

    // ---- review queue -------------------------------------------------------------------------

    public String queueForReview(String route, String messageId, Instant receivedAt, String reason, String documentJson, byte[] content) {
        String id = "REV-" + UUID.randomUUID();
        db.update("INSERT INTO mc_import_review (id, route, message_id, received_at, reason, document, content, status) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, 'OPEN')", id, route, messageId, receivedAt, reason, documentJson, content);
        return id;
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
        return db.query("SELECT id, route, source, received_at, error, content_type, original, status, attempts FROM mc_import_dead_letter "
                + "WHERE status = ? ORDER BY received_at LIMIT " + Math.max(1, limit), JdbcImportState::deadLetter, status);
    }

    public Optional<DeadLetter> deadLetter(String id) {
        return db.queryOne("SELECT id, route, source, received_at, error, content_type, original, status, attempts FROM mc_import_dead_letter "
                + "WHERE id = ?", JdbcImportState::deadLetter, id);
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
                rs.getString(6), rs.getBytes(7), rs.getString(8), rs.getInt(9));
    }

    private static ReviewItem review(ResultSet rs) throws SQLException {
        return new ReviewItem(rs.getString(1), rs.getString(2), rs.getString(3), StoreSupport.instant(rs, "received_at"), rs.getString(5),
                rs.getString(6), rs.getBytes(7), rs.getString(8));
    }

    private static String truncate(String s, int max) {
        return s == null ? "" : s.length() <= max ? s : s.substring(0, max);
    }
}
