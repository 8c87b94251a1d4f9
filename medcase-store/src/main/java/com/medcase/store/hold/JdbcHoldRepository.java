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

    private static LegalHold hold(ResultSet rs) throws SQLException {
        return new LegalHold(rs.getString("id"), rs.getString("name"), rs.getString("matter"), rs.getString("reason"),
                rs.getString("created_by"), StoreSupport.instant(rs, "created_at"), LegalHold.Status.valueOf(rs.getString("status")),
                rs.getString("released_by"), StoreSupport.instant(rs, "released_at"), rs.getString("release_reason"));
    }
}
