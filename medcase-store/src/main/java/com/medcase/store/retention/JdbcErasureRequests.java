package com.medcase.store.retention;

import com.medcase.store.StoreSupport;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;

/** Claimants' erasure requests with the decision and its reason (identifiers only). */
public final class JdbcErasureRequests {

    public record ErasureRequest(String id, String recordId, Instant receivedAt, String enteredBy, Instant enteredAt, boolean granted,
                                 String reason) { }

    private final StoreSupport db;

    public JdbcErasureRequests(DataSource dataSource) {
        this.db = new StoreSupport(dataSource);
    }

    public void save(ErasureRequest r) {
        db.update("INSERT INTO mc_erasure_request (id, record_id, received_at, entered_by, entered_at, granted, reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
                r.id(), r.recordId(), r.receivedAt(), r.enteredBy(), r.enteredAt(), r.granted(), r.reason());
    }

    public List<ErasureRequest> recent(int limit) {
        return db.query("SELECT id, record_id, received_at, entered_by, entered_at, granted, reason FROM mc_erasure_request "
                + "ORDER BY entered_at DESC LIMIT " + Math.max(1, limit), rs -> new ErasureRequest(rs.getString(1), rs.getString(2),
                StoreSupport.instant(rs, "received_at"), rs.getString(4), StoreSupport.instant(rs, "entered_at"), rs.getBoolean(6),
                rs.getString(7)));
    }
}
