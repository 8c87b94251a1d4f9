package com.medcase.store.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.medcase.audit.AuditEntry;
import com.medcase.audit.AuditEvent;
import com.medcase.audit.AuditLedger;
import com.medcase.audit.LedgerHead;
import com.medcase.audit.LedgerVerification;
import com.medcase.audit.LedgerVerifier;
import com.medcase.store.StoreSupport;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The audit ledger on JDBC. Appends lock the single head row ({@code SELECT ... FOR UPDATE}) in the
 * same transaction as the insert, so that threads and service nodes sharing the database extend one
 * unbroken chain; the head also anchors the tail, so a truncated ledger does not verify.
 */
public final class JdbcAuditLedger implements AuditLedger {

    private static final TypeReference<Map<String, String>> DETAILS = new TypeReference<>() { };
    private static final String COLUMNS = "sequence, ts, actor, on_behalf_of, action, subject_id, outcome, reason, details, previous_hash, hash";

    private final StoreSupport db;
    private final DataSource dataSource;
    private final Clock clock;

    public JdbcAuditLedger(DataSource dataSource, Clock clock) {
        this.db = new StoreSupport(dataSource);
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public AuditEntry append(AuditEvent event) {
        // Microseconds: both databases and the ISO text keep them exactly.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return db.inTransaction(c -> {
            long last;
            String lastHash;
            try (PreparedStatement ps = c.prepareStatement("SELECT last_sequence, last_hash FROM mc_audit_head WHERE id = 1 FOR UPDATE");
                 ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("mc_audit_head has no row; the core migration did not run");
                }
                last = rs.getLong(1);
                lastHash = rs.getString(2);
            }
            AuditEntry entry = AuditEntry.seal(last + 1, now, event, lastHash);
            StoreSupport.update(c, "INSERT INTO mc_audit_entry (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    entry.sequence(), now.toString(), event.actor(), event.onBehalfOf(), event.action(), event.subjectId(),
                    event.outcome(), event.reason(), StoreSupport.toJson(event.details()), entry.previousHash(), entry.hash());
            StoreSupport.update(c, "UPDATE mc_audit_head SET last_sequence = ?, last_hash = ? WHERE id = 1", entry.sequence(), entry.hash());
            return entry;
        });
    }

    @Override
    public List<AuditEntry> read(long fromSequence, int limit) {
        return db.query("SELECT " + COLUMNS + " FROM mc_audit_entry WHERE sequence >= ? ORDER BY sequence LIMIT " + Math.max(1, limit),
                JdbcAuditLedger::entry, fromSequence);
    }

    public List<AuditEntry> forSubject(String subjectId) {
        return db.query("SELECT " + COLUMNS + " FROM mc_audit_entry WHERE subject_id = ? ORDER BY sequence", JdbcAuditLedger::entry, subjectId);
    }

    /** Streams the whole ledger in stored (sequence) order with constant memory, then checks the head anchor. */
    @Override
    public LedgerVerification verify() {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
            LedgerVerifier verifier = new LedgerVerifier();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM mc_audit_entry ORDER BY sequence")) {
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (!verifier.accept(entry(rs))) {
                            c.rollback();
                            return verifier.result();
                        }
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT last_sequence, last_hash FROM mc_audit_head WHERE id = 1");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                LedgerHead head = new LedgerHead(rs.getLong(1), rs.getString(2));
                c.rollback();
                // The engine's own anchor check: the same finding as the in-memory ledger's.
                return verifier.result(head);
            }
        } catch (SQLException e) {
            throw new com.medcase.store.StoreException("Cannot read the audit ledger: " + e.getMessage(), e);
        }
    }

    public long size() {
        return db.queryOne("SELECT last_sequence FROM mc_audit_head WHERE id = 1", rs -> rs.getLong(1)).orElse(0L);
    }

    private static AuditEntry entry(ResultSet rs) throws SQLException {
        AuditEvent event = new AuditEvent(rs.getString("actor"), rs.getString("on_behalf_of"), rs.getString("action"),
                rs.getString("subject_id"), rs.getString("outcome"), rs.getString("reason"),
                StoreSupport.fromJson(rs.getString("details"), DETAILS));
        return new AuditEntry(rs.getLong("sequence"), Instant.parse(rs.getString("ts")), event, rs.getString("previous_hash"), rs.getString("hash"));
    }
}
