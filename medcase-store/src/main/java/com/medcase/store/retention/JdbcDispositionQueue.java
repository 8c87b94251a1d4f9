package com.medcase.store.retention;

import com.fasterxml.jackson.core.type.TypeReference;
import com.medcase.retention.Approval;
import com.medcase.retention.DestructionCertificate;
import com.medcase.retention.DispositionAction;
import com.medcase.retention.DispositionItem;
import com.medcase.store.StoreSupport;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The disposition queue and the destruction certificates it produced. */
public final class JdbcDispositionQueue {

    private static final TypeReference<List<Approval>> APPROVALS = new TypeReference<>() { };
    private static final String COLUMNS = "record_id, schedule_id, disposition, due_date, sensitive, status, approvals, legal_minimum_until";
    private final StoreSupport db;

    public JdbcDispositionQueue(DataSource dataSource) {
        this.db = new StoreSupport(dataSource);
    }

    public void save(DispositionItem item) {
        db.upsert("mc_disposition_item", "record_id", item.recordId(),
                new String[]{"schedule_id", "disposition", "due_date", "sensitive", "status", "approvals", "legal_minimum_until"},
                item.scheduleId(), item.action().name(), item.dueDate(), item.sensitive(), item.status().name(), StoreSupport.toJson(item.approvals()),
                item.legalMinimumUntil());
    }

    public Optional<DispositionItem> find(String recordId) {
        return db.queryOne("SELECT " + COLUMNS + " FROM mc_disposition_item WHERE record_id = ?", JdbcDispositionQueue::item, recordId);
    }

    /** Items not completed whose due date is on or before {@code day}, oldest first. */
    public List<DispositionItem> dueBy(LocalDate day, int limit) {
        return db.query("SELECT " + COLUMNS + " FROM mc_disposition_item WHERE status <> 'COMPLETED' AND due_date <= ? "
                + "ORDER BY due_date, record_id LIMIT " + Math.max(1, limit), JdbcDispositionQueue::item, day);
    }

    public Map<DispositionItem.Status, Long> countsByStatus() {
        Map<DispositionItem.Status, Long> counts = new EnumMap<>(DispositionItem.Status.class);
        for (DispositionItem.Status s : DispositionItem.Status.values()) {
            counts.put(s, 0L);
        }
        db.query("SELECT status, COUNT(*) FROM mc_disposition_item GROUP BY status", rs -> {
            counts.put(DispositionItem.Status.valueOf(rs.getString(1)), rs.getLong(2));
            return null;
        });
        return counts;
    }

    /** Stores the certificate and marks the item completed, atomically. */
    public void complete(DispositionItem item, DestructionCertificate c) {
        db.inTransaction(conn -> {
            StoreSupport.update(conn, "INSERT INTO mc_destruction_certificate (certificate_id, record_id, disposition, schedule_id, executed_at, "
                            + "executed_by, approvals, content_sha256, purged, certificate_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    c.certificateId(), c.recordId(), c.action().name(), c.scheduleId(), c.executedAt(), c.executedBy(),
                    StoreSupport.toJson(c.approvals()), c.contentSha256(), StoreSupport.toJson(c.purged()), c.certificateHash());
            StoreSupport.update(conn, "UPDATE mc_disposition_item SET status = 'COMPLETED' WHERE record_id = ?", item.recordId());
            // The record's facts go with it; the certificate (and the completed entry) outlive the record.
            StoreSupport.update(conn, "DELETE FROM mc_retention_facts WHERE record_id = ?", item.recordId());
            StoreSupport.update(conn, "DELETE FROM mc_retention_unplanned WHERE record_id = ?", item.recordId());
            return null;
        });
    }

    private static final String CERTIFICATE_COLUMNS = "certificate_id, record_id, disposition, schedule_id, executed_at, executed_by, "
            + "approvals, content_sha256, purged, certificate_hash";

    public List<DestructionCertificate> certificatesOf(String recordId) {
        return db.query("SELECT " + CERTIFICATE_COLUMNS + " FROM mc_destruction_certificate WHERE record_id = ? ORDER BY executed_at",
                JdbcDispositionQueue::certificate, recordId);
    }

    /** One page of certificates, newest first. */
    public List<DestructionCertificate> certificates(int offset, int limit) {
        return db.query("SELECT " + CERTIFICATE_COLUMNS + " FROM mc_destruction_certificate ORDER BY executed_at DESC, certificate_id LIMIT "
                + Math.max(1, limit) + " OFFSET " + Math.max(0, offset), JdbcDispositionQueue::certificate);
    }

    public long certificateCount() {
        return db.queryOne("SELECT COUNT(*) FROM mc_destruction_certificate", rs -> rs.getLong(1)).orElse(0L);
    }

    /** The newest certificates first: the proof-of-disposition list. */
    public List<DestructionCertificate> certificates(int limit) {
        return db.query("SELECT " + CERTIFICATE_COLUMNS + " FROM mc_destruction_certificate ORDER BY executed_at DESC, certificate_id LIMIT "
                + Math.max(1, limit), JdbcDispositionQueue::certificate);
    }

    public Optional<DestructionCertificate> certificate(String certificateId) {
        return db.queryOne("SELECT " + CERTIFICATE_COLUMNS + " FROM mc_destruction_certificate WHERE certificate_id = ?",
                JdbcDispositionQueue::certificate, certificateId);
    }

    private static DestructionCertificate certificate(ResultSet rs) throws SQLException {
        return new DestructionCertificate(rs.getString(1), rs.getString(2), DispositionAction.valueOf(rs.getString(3)), rs.getString(4),
                StoreSupport.instant(rs, "executed_at"), rs.getString(6), StoreSupport.fromJson(rs.getString(7), APPROVALS),
                rs.getString(8), rs.getString(9) == null ? List.of() : StoreSupport.fromJson(rs.getString(9), PURGED), rs.getString(10));
    }

    /** What one queueing pass changed, per schedule: entries now due, and entries blocked by a hold. */
    public record QueueingOutcome(Map<String, Long> dueBySchedule, Map<String, Long> blockedBySchedule) {
        public long due() {
            return dueBySchedule.values().stream().mapToLong(Long::longValue).sum();
        }

        public long blocked() {
            return blockedBySchedule.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static final String HELD = "EXISTS (SELECT 1 FROM mc_legal_hold_item i JOIN mc_legal_hold h ON h.id = i.hold_id "
            + "WHERE i.item_id = mc_disposition_item.record_id AND h.status = 'ACTIVE')";

    /**
     * Puts every entry whose due date has come into the review queue, set-based: held entries (any
     * active hold on the record) become BLOCKED_BY_HOLD and lose their approvals; unheld scheduled or
     * formerly blocked ones become DUE. The same rule as {@code DispositionWorkflow.refresh}, for all
     * entries at once. One transaction: a crash leaves the queue as it was.
     */
    public QueueingOutcome queueDue(LocalDate today) {
        return db.inTransaction(c -> {
            if (com.medcase.store.PostgresCopy.supported(c)) {
                // PostgreSQL counts what each update changed as it changes it (a data-modifying WITH): one pass
                // over the due entries per status change instead of a count pass and an update pass.
                Map<String, Long> blocked = counts(c, "WITH changed AS (UPDATE mc_disposition_item SET status = 'BLOCKED_BY_HOLD', "
                        + "approvals = '[]' WHERE status IN ('SCHEDULED', 'DUE', 'APPROVED') AND due_date <= ? AND " + HELD
                        + " RETURNING schedule_id) SELECT schedule_id, COUNT(*) FROM changed GROUP BY schedule_id", today);
                Map<String, Long> due = counts(c, "WITH changed AS (UPDATE mc_disposition_item SET status = 'DUE' WHERE status IN "
                        + "('SCHEDULED', 'BLOCKED_BY_HOLD') AND due_date <= ? AND NOT " + HELD
                        + " RETURNING schedule_id) SELECT schedule_id, COUNT(*) FROM changed GROUP BY schedule_id", today);
                return new QueueingOutcome(due, blocked);
            }
            Map<String, Long> blocked = counts(c, "SELECT schedule_id, COUNT(*) FROM mc_disposition_item WHERE status IN ('SCHEDULED', 'DUE', "
                    + "'APPROVED') AND due_date <= ? AND " + HELD + " GROUP BY schedule_id", today);
            StoreSupport.update(c, "UPDATE mc_disposition_item SET status = 'BLOCKED_BY_HOLD', approvals = '[]' WHERE status IN ('SCHEDULED', "
                    + "'DUE', 'APPROVED') AND due_date <= ? AND " + HELD, today);
            Map<String, Long> due = counts(c, "SELECT schedule_id, COUNT(*) FROM mc_disposition_item WHERE status IN ('SCHEDULED', "
                    + "'BLOCKED_BY_HOLD') AND due_date <= ? AND NOT " + HELD + " GROUP BY schedule_id", today);
            StoreSupport.update(c, "UPDATE mc_disposition_item SET status = 'DUE' WHERE status IN ('SCHEDULED', 'BLOCKED_BY_HOLD') "
                    + "AND due_date <= ? AND NOT " + HELD, today);
            return new QueueingOutcome(due, blocked);
        });
    }

    private static Map<String, Long> counts(java.sql.Connection c, String sql, Object... args) throws SQLException {
        Map<String, Long> counts = new java.util.TreeMap<>();
        StoreSupport.query(c, sql, rs -> counts.put(rs.getString(1), rs.getLong(2)), args);
        return counts;
    }

    /** Enters a record into the review queue now (an erasure request granted): DUE today, unless already completed. */
    public void enqueueNow(String recordId, String scheduleId, DispositionAction action, boolean sensitive, LocalDate today) {
        db.inTransaction(c -> {
            int updated = StoreSupport.update(c, "UPDATE mc_disposition_item SET schedule_id = ?, disposition = ?, due_date = ?, status = 'DUE', "
                    + "approvals = '[]' WHERE record_id = ? AND status <> 'COMPLETED'", scheduleId, action.name(), today, recordId);
            if (updated == 0) {
                StoreSupport.update(c, "INSERT INTO mc_disposition_item (record_id, schedule_id, disposition, due_date, sensitive, status, "
                        + "approvals) SELECT ?, ?, ?, ?, ?, 'DUE', '[]' WHERE NOT EXISTS (SELECT 1 FROM mc_disposition_item WHERE record_id = ?)",
                        recordId, scheduleId, action.name(), today, sensitive, recordId);
            }
            return null;
        });
    }

    /**
     * Filters of the due list. Null fields do not filter; a null status means every open item (not COMPLETED).
     *
     * @param caseId   the case folder id the record was filed in (as its retention facts keep it)
     * @param category the record category
     * @param dueBy    items due on or before this day
     */
    public record Filter(DispositionItem.Status status, String caseId, String category, LocalDate dueBy) {
    }

    /** One listed item with the facts it is filtered by. */
    public record Listed(DispositionItem item, String caseId, String category) {
    }

    public record Found(List<Listed> items, long total) {
    }

    /** The due list filtered and paged in SQL (due date, then record id), with the total for the pager. */
    public Found find(Filter filter, int offset, int limit) {
        StringBuilder where = new StringBuilder(" FROM mc_disposition_item d LEFT JOIN mc_retention_facts f ON f.record_id = d.record_id WHERE ");
        List<Object> args = new java.util.ArrayList<>();
        if (filter.status() == null) {
            where.append("d.status <> 'COMPLETED'");
        } else {
            where.append("d.status = ?");
            args.add(filter.status().name());
        }
        if (filter.caseId() != null) {
            where.append(" AND f.case_id = ?");
            args.add(filter.caseId());
        }
        if (filter.category() != null) {
            where.append(" AND f.category = ?");
            args.add(filter.category());
        }
        if (filter.dueBy() != null) {
            where.append(" AND d.due_date <= ?");
            args.add(filter.dueBy());
        }
        long total = db.queryOne("SELECT COUNT(*)" + where, rs -> rs.getLong(1), args.toArray()).orElse(0L);
        String columns = java.util.Arrays.stream(COLUMNS.split(", ")).map(c -> "d." + c).collect(java.util.stream.Collectors.joining(", "));
        List<Listed> items = db.query("SELECT " + columns + ", f.case_id, f.category" + where + " ORDER BY d.due_date, d.record_id LIMIT "
                + Math.max(1, limit) + " OFFSET " + Math.max(0, offset), rs -> new Listed(item(rs), rs.getString(9), rs.getString(10)), args.toArray());
        return new Found(items, total);
    }

    /** Every entry, whatever its status. */
    public long count() {
        return db.queryOne("SELECT COUNT(*) FROM mc_disposition_item", rs -> rs.getLong(1)).orElse(0L);
    }

    private static final com.fasterxml.jackson.core.type.TypeReference<List<String>> PURGED = new com.fasterxml.jackson.core.type.TypeReference<>() { };

    private static DispositionItem item(ResultSet rs) throws SQLException {
        return new DispositionItem(rs.getString(1), rs.getString(2), DispositionAction.valueOf(rs.getString(3)),
                rs.getObject(4, LocalDate.class), rs.getBoolean(5), DispositionItem.Status.valueOf(rs.getString(6)),
                StoreSupport.fromJson(rs.getString(7), APPROVALS), rs.getObject(8, LocalDate.class));
    }
}
