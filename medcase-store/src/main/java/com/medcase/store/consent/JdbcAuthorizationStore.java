package com.medcase.store.consent;

import com.medcase.consent.Authorization;
import com.medcase.consent.ClaimantConsents;
import com.medcase.consent.Revocation;
import com.medcase.store.StoreSupport;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Authorizations, stored whole (JSON body) with the columns queries need. */
public final class JdbcAuthorizationStore {

    private final StoreSupport db;

    public JdbcAuthorizationStore(DataSource dataSource) {
        this.db = new StoreSupport(dataSource);
    }

    /** Who entered the authorization, if known. */
    public Optional<String> enteredBy(String id) {
        return db.queryOne("SELECT entered_by FROM mc_authorization WHERE id = ? AND entered_by IS NOT NULL", rs -> rs.getString(1), id);
    }

    /**
     * Stores a new authorization. An id that exists is refused, never overwritten: an overwrite could bring a
     * revoked authorization back or silently widen one (issue 10). The primary key decides, so two concurrent
     * creations with one id cannot both succeed.
     */
    public void create(Authorization a) {
        create(a, null);
    }

    /** Stores a new authorization and who entered it (scheduled actions on it are audited on their behalf). */
    public void create(Authorization a, String enteredBy) {
        if (find(a.id()).isPresent()) {
            throw new AuthorizationExistsException(a.id());
        }
        try {
            db.update("INSERT INTO mc_authorization (id, claimant_id, kind, recipient, expires_at, revoked_at, body, updated_at, "
                            + "expiry_event_recorded_at, revocation_entered_at, entered_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    a.id(), a.claimantId(), a.kind().name(), a.recipient().authority(), a.expiresAt(),
                    a.revocation() == null ? null : a.revocation().effectiveAt(), StoreSupport.toJson(a), Instant.now(),
                    a.expiryEventRecordedAt(), a.revocation() == null ? null : a.revocation().enteredAt(), enteredBy);
        } catch (RuntimeException e) {
            if (find(a.id()).isPresent()) {
                throw new AuthorizationExistsException(a.id());
            }
            throw e;
        }
    }

    /** An authorization with that id exists already; amend by revoking it and creating a new one. */
    public static final class AuthorizationExistsException extends RuntimeException {
        public AuthorizationExistsException(String id) {
            super("Authorization " + id + " already exists; it is never overwritten. Amend it by revoking it and creating a new one "
                    + "(omit the id and the service generates one)");
        }
    }

    public Optional<Authorization> find(String id) {
        return db.queryOne("SELECT body FROM mc_authorization WHERE id = ?", rs -> StoreSupport.fromJson(rs.getString(1), Authorization.class), id);
    }

    public List<Authorization> forClaimant(String claimantId) {
        return db.query("SELECT body FROM mc_authorization WHERE claimant_id = ? ORDER BY id",
                rs -> StoreSupport.fromJson(rs.getString(1), Authorization.class), claimantId);
    }

    public ClaimantConsents consentsOf(String claimantId) {
        return ClaimantConsents.of(claimantId, forClaimant(claimantId));
    }

    /**
     * Records a revocation; fails if the authorization does not exist or was already revoked. The update is
     * conditional on the row still being unrevoked, so a revocation, once stored, is never replaced, even by
     * two revocations racing.
     */
    public Authorization revoke(String id, Revocation revocation) {
        Authorization current = find(id).orElseThrow(() -> new IllegalArgumentException("No authorization " + id));
        if (current.revocation() != null) {
            throw alreadyRevoked(id);
        }
        Authorization revoked = current.revoke(revocation);
        int changed = db.update("UPDATE mc_authorization SET revoked_at = ?, revocation_entered_at = ?, body = ?, updated_at = ? "
                        + "WHERE id = ? AND revoked_at IS NULL", revocation.effectiveAt(), revocation.enteredAt(),
                StoreSupport.toJson(revoked), Instant.now(), id);
        if (changed == 0) {
            throw alreadyRevoked(id);
        }
        return revoked;
    }

    private static IllegalStateException alreadyRevoked(String id) {
        return new IllegalStateException("Authorization " + id + " is already revoked; a revocation is immutable");
    }

    /**
     * Records that the expiry event stated on an authorization happened; it ends at {@code recordedAt}
     * (164.508(c)(1)(v)). Fails if the authorization does not exist, states no event, or it was recorded already.
     */
    public Authorization recordExpiryEvent(String id, Instant recordedAt) {
        Authorization current = find(id).orElseThrow(() -> new IllegalArgumentException("No authorization " + id));
        Authorization expired = current.recordExpiryEvent(recordedAt);
        int changed = db.update("UPDATE mc_authorization SET expiry_event_recorded_at = ?, body = ?, updated_at = ? "
                + "WHERE id = ? AND expiry_event_recorded_at IS NULL", recordedAt, StoreSupport.toJson(expired), Instant.now(), id);
        if (changed == 0) {
            throw new IllegalStateException("The expiry event of authorization " + id + " was already recorded");
        }
        return expired;
    }

    /**
     * Authorizations that ended in [from, to): expired by date or by a recorded event, or revoked with an
     * effective time in that window. The sweep empties their repository groups.
     */
    public List<Authorization> expiredBetween(Instant from, Instant to) {
        return db.query("SELECT body FROM mc_authorization WHERE (expires_at >= ? AND expires_at < ?) "
                        + "OR (expiry_event_recorded_at >= ? AND expiry_event_recorded_at < ?) OR (revoked_at >= ? AND revoked_at < ?) ORDER BY id",
                rs -> StoreSupport.fromJson(rs.getString(1), Authorization.class), from, to, from, to, from, to);
    }

    /**
     * Authorizations that have ended by {@code now} (expiry date, recorded expiry event, or a revocation
     * whose effective instant has come) and whose end the repository has not been told of yet. Kept in
     * the database rather than as a time window, so that an authorization that ended while every node was
     * down is enforced at the next run, and one enforced is never enforced again.
     */
    public List<Authorization> endedNotEnforced(Instant now) {
        return db.query("SELECT body FROM mc_authorization WHERE end_enforced_at IS NULL AND (expires_at <= ? "
                        + "OR expiry_event_recorded_at <= ? OR revoked_at <= ?) ORDER BY id",
                rs -> StoreSupport.fromJson(rs.getString(1), Authorization.class), now, now, now);
    }

    /** The repository applied the end of this authorization (its group was emptied). */
    public void markEndEnforced(String id, Instant at) {
        db.update("UPDATE mc_authorization SET end_enforced_at = ? WHERE id = ? AND end_enforced_at IS NULL", at, id);
    }

    /** Every authorization, for reconciling the repository's authorization groups with their state. */
    public List<Authorization> all() {
        return db.query("SELECT body FROM mc_authorization ORDER BY id", rs -> StoreSupport.fromJson(rs.getString(1), Authorization.class));
    }

    public long count() {
        return db.queryOne("SELECT COUNT(*) FROM mc_authorization", rs -> rs.getLong(1)).orElse(0L);
    }
}
