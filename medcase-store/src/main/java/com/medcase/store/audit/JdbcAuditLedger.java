package com.medcase.store.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.medcase.audit.AuditEntry;
import com.medcase.audit.AuditEvent;
import com.medcase.audit.AuditLedger;
import com.medcase.audit.LedgerHead;
import com.medcase.audit.LedgerKey;
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
    private final LedgerKey key;

    /** An unkeyed ledger: a plain hash chain, which somebody with write access to the database can reseal. */
    public JdbcAuditLedger(DataSource dataSource, Clock clock) {
        this(dataSource, clock, null);
    }

    /**
     * A keyed ledger (issue 10): every entry's hash is sealed with {@code key} (HMAC-SHA256, column {@code mac}) and
     * verification requires every seal, so a rewrite without the key is found even when the plain chain was resealed.
     */
    public JdbcAuditLedger(DataSource dataSource, Clock clock, LedgerKey key) {
        this.db = new StoreSupport(dataSource);
        this.dataSource = dataSource;
        this.clock = clock;
        this.key = key;
    }

    @Override
    public AuditEntry append(AuditEvent event) {
        // Microseconds: both databases and the ISO text keep them exactly.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        // its own transaction: an entry stays written when the caller's transaction rolls back (a refusal is
        // audited, then thrown), and the head row's lock is held for this append only
        return db.inOwnTransaction(c -> {
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
            StoreSupport.update(c, "INSERT INTO mc_audit_entry (" + COLUMNS + ", mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    entry.sequence(), now.toString(), event.actor(), event.onBehalfOf(), event.action(), event.subjectId(),
                    event.outcome(), event.reason(), StoreSupport.toJson(event.details()), entry.previousHash(), entry.hash(),
                    key == null ? null : key.mac(entry.hash()));
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
            long sealed = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + ", mac FROM mc_audit_entry ORDER BY sequence")) {
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        AuditEntry e = entry(rs);
                        if (key != null && !key.matches(e.hash(), rs.getString("mac"))) {
                            // Checked before the chain: a resealed rewrite is self-consistent, only its seal betrays it.
                            c.rollback();
                            return LedgerVerification.broken(sealed, e.sequence(), rs.getString("mac") == null
                                    ? "entry " + e.sequence() + " carries no MAC: it was written or rewritten without the ledger key"
                                    : "entry " + e.sequence() + " does not match its MAC: it was rewritten (and resealed) without "
                                    + "the ledger key, or the key is not the one it was written with");
                        }
                        sealed++;
                        if (!verifier.accept(e)) {
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

    /**
     * Seals the entries written before the ledger had a key (mac NULL), once their chain verifies; returns how many.
     * The service calls it only when it has just generated the key, so an entry whose seal was removed later stays
     * broken instead of being resealed.
     */
    public long sealUnkeyed() {
        if (key == null) {
            throw new IllegalStateException("This ledger has no key to seal with");
        }
        LedgerVerification chain = new JdbcAuditLedger(dataSource, clock).verify();
        if (!chain.intact()) {
            throw new IllegalStateException("The audit ledger does not verify (" + chain.problem() + "); it is not sealed with the new key");
        }
        List<String[]> unsealed = db.query("SELECT sequence, hash FROM mc_audit_entry WHERE mac IS NULL ORDER BY sequence",
                rs -> new String[]{rs.getString(1), rs.getString(2)});
        for (String[] row : unsealed) {
            db.update("UPDATE mc_audit_entry SET mac = ? WHERE sequence = ? AND mac IS NULL", key.mac(row[1]), Long.parseLong(row[0]));
        }
        return unsealed.size();
    }

    /**
     * Ledger key rotation: every entry, verified first under {@code earlier} (chain and every seal), is sealed again
     * under this ledger's key. Returns how many entries were resealed. Refuses a ledger that does not verify under
     * {@code earlier}, so a rotation never launders a rewritten ledger.
     */
    public long rotateKeyFrom(LedgerKey earlier) {
        if (key == null) {
            throw new IllegalStateException("This ledger has no key to rotate to");
        }
        LedgerVerification under = new JdbcAuditLedger(dataSource, clock, earlier).verify();
        if (!under.intact()) {
            throw new IllegalStateException("The audit ledger does not verify under the earlier key (" + under.problem()
                    + "); it is not resealed with the new key");
        }
        return db.inTransaction(c -> {
            // The head row lock keeps appends out while the seals change.
            StoreSupport.query(c, "SELECT last_sequence FROM mc_audit_head WHERE id = 1 FOR UPDATE", rs -> rs.getLong(1));
            List<String[]> rows = StoreSupport.query(c, "SELECT sequence, hash FROM mc_audit_entry ORDER BY sequence",
                    rs -> new String[]{rs.getString(1), rs.getString(2)});
            for (String[] row : rows) {
                StoreSupport.update(c, "UPDATE mc_audit_entry SET mac = ? WHERE sequence = ?", key.mac(row[1]), Long.parseLong(row[0]));
            }
            return (long) rows.size();
        });
    }

    /** The head: last sequence and its hash, as the anchor records it. */
    public LedgerHead head() {
        return db.queryOne("SELECT last_sequence, last_hash FROM mc_audit_head WHERE id = 1",
                rs -> new LedgerHead(rs.getLong(1), rs.getString(2))).orElse(LedgerHead.EMPTY);
    }

    /** The stored hash of one entry, if it exists. */
    public java.util.Optional<String> hashAt(long sequence) {
        return db.queryOne("SELECT hash FROM mc_audit_entry WHERE sequence = ?", rs -> rs.getString(1), sequence);
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
