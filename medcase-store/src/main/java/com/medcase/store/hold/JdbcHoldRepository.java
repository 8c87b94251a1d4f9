package com.medcase.store.hold;

import com.medcase.hold.HoldRepository;
import com.medcase.hold.LegalHold;
import com.medcase.store.StoreSupport;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Legal holds and their items in JDBC; the item table is indexed by item for "is it held?". */
public final class JdbcHoldRepository implements HoldRepository {

    private static final String COLUMNS = "id, name, matter, reason, created_by, created_at, status, released_by, released_at, release_reason";
    private final StoreSupport db;

    public JdbcHoldRepository(DataSource dataSource) {
        this.db = new StoreSupport(dataSource);
    }

    @Override
    public void save(LegalHold h) {
        db.upsert("mc_legal_hold", "id", h.id(),
                new String[]{"name", "matter", "reason", "created_by", "created_at", "status", "released_by", "released_at", "release_reason"},
                h.name(), h.matter(), h.reason(), h.createdBy(), h.createdAt(), h.status().name(), h.releasedBy(), h.releasedAt(), h.releaseReason());
    }

    @Override
    public Optional<LegalHold> find(String holdId) {
        return db.queryOne("SELECT " + COLUMNS + " FROM mc_legal_hold WHERE id = ?", JdbcHoldRepository::hold, holdId);
    }

    @Override
    public List<LegalHold> all() {
        return db.query("SELECT " + COLUMNS + " FROM mc_legal_hold ORDER BY created_at, id", JdbcHoldRepository::hold);
    }

    @Override
    public Set<String> addItems(String holdId, Set<String> itemIds, String addedBy) {
        return db.inTransaction(c -> {
            Set<String> existing = new HashSet<>(StoreSupport.query(c, "SELECT item_id FROM mc_legal_hold_item WHERE hold_id = ?",
                    rs -> rs.getString(1), holdId));
            Set<String> added = new HashSet<>();
            Instant now = Instant.now();
            for (String item : itemIds) {
                if (!existing.contains(item)) {
                    StoreSupport.update(c, "INSERT INTO mc_legal_hold_item (hold_id, item_id, added_by, added_at) VALUES (?, ?, ?, ?)",
                            holdId, item, addedBy, now);
                    added.add(item);
                }
            }
            return added;
        });
    }

    @Override
    public Set<String> removeItems(String holdId, Set<String> itemIds) {
        return db.inTransaction(c -> {
            Set<String> removed = new HashSet<>();
            for (String item : itemIds) {
                if (StoreSupport.update(c, "DELETE FROM mc_legal_hold_item WHERE hold_id = ? AND item_id = ?", holdId, item) > 0) {
                    removed.add(item);
                }
            }
            return removed;
        });
    }

    @Override
    public Set<String> itemsOf(String holdId) {
        return new HashSet<>(db.query("SELECT item_id FROM mc_legal_hold_item WHERE hold_id = ?", rs -> rs.getString(1), holdId));
    }

    @Override
    public Set<String> activeHoldsOf(String itemId) {
        return new HashSet<>(db.query("SELECT i.hold_id FROM mc_legal_hold_item i JOIN mc_legal_hold h ON h.id = i.hold_id "
                + "WHERE i.item_id = ? AND h.status = 'ACTIVE'", rs -> rs.getString(1), itemId));
    }

    /** How many distinct items are under at least one active hold (an admin number). */
    public long heldItemCount() {
        return db.queryOne("SELECT COUNT(DISTINCT i.item_id) FROM mc_legal_hold_item i JOIN mc_legal_hold h ON h.id = i.hold_id "
                + "WHERE h.status = 'ACTIVE'", rs -> rs.getLong(1)).orElse(0L);
    }

    /** A record in a held scope but not (yet) in the hold: {@code holdId} and one of its items (or a record it must also hold). */
    public record HoldItem(String holdId, String itemId) { }

    /** A record (and the case folder it is filed in) that a scope may cover. */
    public record ScopeCandidate(String recordId, String caseFolderId) { }

    /**
     * Records known to MedCase (their retention facts) that lie in the scope of an active hold (their case
     * folder id, or {@code claimant:<id>}, is an item of the hold) without being in it: what filing-time
     * coverage missed (a crash between filing and the listener). One set-based query.
     */
    public List<HoldItem> missingFromScopes(int limit) {
        return db.query("SELECT i.hold_id, f.record_id FROM mc_legal_hold_item i JOIN mc_legal_hold h ON h.id = i.hold_id "
                + "JOIN mc_retention_facts f ON f.case_id = i.item_id OR ('claimant:' || f.claimant_id) = i.item_id "
                + "WHERE h.status = 'ACTIVE' AND NOT EXISTS (SELECT 1 FROM mc_legal_hold_item x WHERE x.hold_id = i.hold_id "
                + "AND x.item_id = f.record_id) ORDER BY i.hold_id, f.record_id LIMIT " + Math.max(1, limit),
                rs -> new HoldItem(rs.getString(1), rs.getString(2)));
    }

    /**
     * Records that may fall in a saved-query scope of a hold and are not in it: the facts the query can be
     * decided on in SQL (category, jurisdiction, claimant; null = no such clause, compared ignoring case)
     * narrow the candidates, the caller decides the rest of the query on the record itself. As record id
     * and case folder id, oldest id first, after {@code afterRecordId} (paging).
     */
    public List<ScopeCandidate> queryScopeCandidates(String holdId, String category, String jurisdiction, String claimantId,
                                               String afterRecordId, int limit) {
        List<Object> args = new java.util.ArrayList<>(List.of(holdId, afterRecordId == null ? "" : afterRecordId));
        StringBuilder where = new StringBuilder();
        if (category != null) {
            where.append(" AND LOWER(f.category) = ?");
            args.add(category.toLowerCase(java.util.Locale.ROOT));
        }
        if (jurisdiction != null) {
            where.append(" AND LOWER(f.jurisdiction) = ?");
            args.add(jurisdiction.toLowerCase(java.util.Locale.ROOT));
        }
        if (claimantId != null) {
            where.append(" AND LOWER(f.claimant_id) = ?");
            args.add(claimantId.toLowerCase(java.util.Locale.ROOT));
        }
        return db.query("SELECT f.record_id, f.case_id FROM mc_retention_facts f WHERE NOT EXISTS (SELECT 1 FROM mc_legal_hold_item x "
                        + "WHERE x.hold_id = ? AND x.item_id = f.record_id) AND f.record_id > ?" + where + " ORDER BY f.record_id LIMIT "
                        + Math.max(1, limit), rs -> new ScopeCandidate(rs.getString(1), rs.getString(2)), args.toArray());
    }

    /** Active holds' scope items starting with {@code prefix} (e.g. {@code query:}), as hold id and item. */
    public List<HoldItem> activeItemsWithPrefix(String prefix) {
        return db.query("SELECT i.hold_id, i.item_id FROM mc_legal_hold_item i JOIN mc_legal_hold h ON h.id = i.hold_id "
                + "WHERE h.status = 'ACTIVE' AND i.item_id LIKE ? ORDER BY i.hold_id", rs -> new HoldItem(rs.getString(1), rs.getString(2)),
                prefix.replace("%", "\\%").replace("_", "\\_") + "%");
    }

    /** An urgent preservation hold placed by a records manager, awaiting a legal hold administrator. */
    public void requestConfirmation(String holdId, String requestedBy, Instant at) {
        db.update("INSERT INTO mc_hold_confirmation (hold_id, requested_by, requested_at) VALUES (?, ?, ?)", holdId, requestedBy, at);
    }

    /** Confirms an urgent hold; false when it was not awaiting confirmation. */
    public boolean confirm(String holdId, String confirmedBy, Instant at) {
        return db.update("UPDATE mc_hold_confirmation SET confirmed_by = ?, confirmed_at = ? WHERE hold_id = ? AND confirmed_by IS NULL",
                confirmedBy, at, holdId) == 1;
    }

    /** Urgent holds still awaiting confirmation: hold id to who placed it. */
    public java.util.Map<String, String> unconfirmed() {
        java.util.Map<String, String> pending = new java.util.TreeMap<>();
        db.query("SELECT c.hold_id, c.requested_by FROM mc_hold_confirmation c JOIN mc_legal_hold h ON h.id = c.hold_id "
                + "WHERE c.confirmed_by IS NULL AND h.status = 'ACTIVE'", rs -> pending.put(rs.getString(1), rs.getString(2)));
        return pending;
    }

    private static LegalHold hold(ResultSet rs) throws SQLException {
        return new LegalHold(rs.getString("id"), rs.getString("name"), rs.getString("matter"), rs.getString("reason"),
                rs.getString("created_by"), StoreSupport.instant(rs, "created_at"), LegalHold.Status.valueOf(rs.getString("status")),
                rs.getString("released_by"), StoreSupport.instant(rs, "released_at"), rs.getString("release_reason"));
    }
}
