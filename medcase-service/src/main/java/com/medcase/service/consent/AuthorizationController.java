package com.medcase.service.consent;

import com.medcase.audit.AuditEvent;
import com.medcase.audit.AuditLedger;
import com.medcase.consent.Authorization;
import com.medcase.consent.AuthorizationValidator;
import com.medcase.consent.Revocation;
import com.medcase.enforcement.RecordAccessEnforcer;
import com.medcase.service.config.RepositoryDirectory;
import com.medcase.store.consent.JdbcAuthorizationStore;
import com.medcase.service.search.SearchIndexer;
import jakarta.validation.constraints.NotBlank;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;

/**
 * Claimant authorizations: validated against the regulatory elements before they count, and
 * projected onto the claimant's records (ACLs) as soon as they are created or revoked.
 */
@RestController
public class AuthorizationController {

    private final JdbcAuthorizationStore store;
    private final AuthorizationValidator validator;
    private final RecordAccessEnforcer enforcer;
    private final AuditLedger ledger;
    private final Clock clock;
    private final SearchIndexer indexer;
    private final RepositoryDirectory directory;

    AuthorizationController(JdbcAuthorizationStore store, AuthorizationValidator validator, RecordAccessEnforcer enforcer,
                            AuditLedger ledger, Clock clock, SearchIndexer indexer, RepositoryDirectory directory) {
        this.directory = directory;
        this.indexer = indexer;
        this.store = store;
        this.validator = validator;
        this.enforcer = enforcer;
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * A revocation as received: it takes effect on receipt (164.508(b)(5)). {@code receivedAt} is when
     * the letter or form arrived (now when absent); it may be earlier than now, since entry often lags
     * receipt. {@code effectiveAt}, if given, must be the receipt: a revocation is never dated before it
     * was received, nor deferred after.
     */
    public record RevocationRequest(@NotBlank String reason, Instant effectiveAt, Instant receivedAt) {

        /** The earlier shape, without the receipt instant. */
        public RevocationRequest(String reason, Instant effectiveAt) {
            this(reason, effectiveAt, null);
        }
    }

    /** The expiry event stated on the authorization happened; it ends when this is recorded. */
    public record ExpiryEventRequest(@NotBlank String note) {
    }

    public record Outcome(Authorization authorization, int recordsReprojected) {
    }

    @GetMapping("/api/claimants/{claimantId}/authorizations")
    public List<Authorization> ofClaimant(@PathVariable String claimantId) {
        return store.forClaimant(claimantId);
    }

    @GetMapping("/api/authorizations/{id}")
    Authorization get(@PathVariable String id) {
        return find(id);
    }

    @PostMapping("/api/authorizations")
    @ResponseStatus(HttpStatus.CREATED)
    public Outcome create(@RequestBody Authorization submitted, Authentication authentication) {
        if (submitted.revocation() != null) {
            throw new IllegalArgumentException("A new authorization cannot arrive revoked; create it, then POST /api/authorizations/{id}/revoke");
        }
        if (submitted.expiryEventRecordedAt() != null) {
            throw new IllegalArgumentException("A new authorization cannot arrive expired; create it, then POST /api/authorizations/{id}/expiry-event");
        }
        Authorization a = withId(submitted);
        validator.validate(a);
        if (store.find(a.id()).isPresent()) {
            // Never overwrite: a resubmitted id would bring a revoked authorization back (409, checked again by the insert).
            throw new JdbcAuthorizationStore.AuthorizationExistsException(a.id());
        }
        directory.prepare(a.recipient());
        store.create(a, authentication.getName());
        ledger.append(new AuditEvent(authentication.getName(), null, "authorization.create", a.id(), "DONE", null,
                Map.of("claimant", a.claimantId(), "kind", a.kind().name())));
        return new Outcome(a, reproject(a, authentication));
    }

    @PostMapping("/api/authorizations/{id}/revoke")
    public Outcome revoke(@PathVariable String id, @RequestBody RevocationRequest request, Authentication authentication) {
        Authorization current = find(id);
        if (current.revocation() != null) {
            throw new IllegalStateException("Authorization " + id + " is already revoked (" + current.revocation().effectiveAt()
                    + "); a revocation is immutable");
        }
        Instant now = clock.instant();
        Instant receivedAt = request.receivedAt() != null ? request.receivedAt()
                : request.effectiveAt() != null ? request.effectiveAt() : now;
        Instant effectiveAt = request.effectiveAt() != null ? request.effectiveAt() : receivedAt;
        // The record refuses an effective instant before the receipt; the validator one after it.
        Revocation revocation = new Revocation(effectiveAt, authentication.getName(), request.reason(), receivedAt,
                receivedAt.isAfter(now) ? receivedAt : now);
        validator.validateRevocation(current, revocation, now);
        Authorization revoked = store.revoke(id, revocation);
        ledger.append(new AuditEvent(authentication.getName(), null, "authorization.revoke", id, "DONE", request.reason(),
                Map.of("receivedAt", revocation.receivedAt().toString(), "enteredAt", revocation.enteredAt().toString())));
        return new Outcome(revoked, reproject(revoked, authentication));
    }

    @PostMapping("/api/authorizations/{id}/expiry-event")
    public Outcome recordExpiryEvent(@PathVariable String id, @RequestBody ExpiryEventRequest request, Authentication authentication) {
        Authorization current = find(id);
        if (current.expiryEvent() == null || current.expiryEvent().isBlank()) {
            throw new IllegalArgumentException("Authorization " + id + " states no expiry event; it expires at " + current.expiresAt());
        }
        if (current.expiryEventRecordedAt() != null) {
            throw new IllegalArgumentException("The expiry event of authorization " + id + " was already recorded at "
                    + current.expiryEventRecordedAt());
        }
        Authorization ended = store.recordExpiryEvent(id, clock.instant());
        ledger.append(new AuditEvent(authentication.getName(), null, "authorization.expiry-event", id, "DONE", request.note(),
                Map.of("event", current.expiryEvent())));
        return new Outcome(ended, reproject(ended, authentication));
    }

    /** ACLs and the search index's readers move together, so search never shows more than the repository allows. */
    private int reproject(Authorization changed, Authentication authentication) {
        int reprojected = enforcer.reprojectAfter(changed, RecordAccessEnforcer.Actor.user(authentication.getName())).records();
        indexer.reindexClaimant(changed.claimantId());
        return reprojected;
    }

    private Authorization find(String id) {
        return store.find(id).orElseThrow(() -> new NoSuchElementException("No authorization with id " + id));
    }

    private static Authorization withId(Authorization a) {
        if (a.id() != null && !a.id().isBlank()) {
            // The id names the authorization's repository group (GROUP_MC_AUTH_<id>): the same characters as a group id.
            if (!a.id().matches("[A-Za-z0-9_-]{1,100}")) {
                throw new IllegalArgumentException("Authorization id '" + a.id() + "' may use only letters, digits, '-' and '_' (at most 100)");
            }
            return a;
        }
        return a.withId("AUTH-" + UUID.randomUUID());
    }
}
