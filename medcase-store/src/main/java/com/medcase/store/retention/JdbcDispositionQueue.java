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
            return null;
        });
    }

    public List<DestructionCertificate> certificatesOf(String recordId) {
        return db.query("SELECT certificate_id, record_id, disposition, schedule_id, executed_at, executed_by, approvals, content_sha256, "
                + "purged, certificate_hash FROM mc_destruction_certificate WHERE record_id = ? ORDER BY executed_at", rs -> new DestructionCertificate(
                rs.getString(1), rs.getString(2), DispositionAction.valueOf(rs.getString(3)), rs.getString(4),
                StoreSupport.instant(rs, "executed_at"), rs.getString(6), StoreSupport.fromJson(rs.getString(7), APPROVALS),
                rs.getString(8), rs.getString(9) == null ? List.of() : StoreSupport.fromJson(rs.getString(9), PURGED), rs.getString(10)), recordId);
    }

    private static final com.fasterxml.jackson.core.type.TypeReference<List<String>> PURGED = new com.fasterxml.jackson.core.type.TypeReference<>() { };

    private static DispositionItem item(ResultSet rs) throws SQLException {
        return new DispositionItem(rs.getString(1), rs.getString(2), DispositionAction.valueOf(rs.getString(3)),
                rs.getObject(4, LocalDate.class), rs.getBoolean(5), DispositionItem.Status.valueOf(rs.getString(6)),
                StoreSupport.fromJson(rs.getString(7), APPROVALS), rs.getObject(8, LocalDate.class));
    }
}
