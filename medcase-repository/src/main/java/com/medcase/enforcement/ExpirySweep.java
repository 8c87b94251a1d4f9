package com.medcase.enforcement;

import com.medcase.consent.Authorization;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Ends in the repository the authorizations that ended by time (expiry date, recorded expiry event,
 * future-dated revocation whose instant came): their groups are emptied, which ACS applies at once to
 * every read and search, and the affected records' ACLs are tidied. Run by the scheduler every
 * {@code medcase.scheduling.consent-expiry-period} (20 s by default): expiry is a moment, not an event
 * anyone sends.
 * <p>
 * What is pending lives in the database, not in this object: an authorization that ended while every
 * node was down is enforced at the next run, and one is marked enforced only after the repository has
 * done it, so a crash between the two repeats that one idempotent step and never skips it.
 */
public final class ExpirySweep {

    /** The authorizations' side of the sweep (the service's JDBC store). */
    public interface EndedAuthorizations {
        List<Authorization> endedNotEnforced(Instant now);

        void markEndEnforced(String id, Instant at);
    }

    /** One run: authorizations ended, records re-projected, failures (left pending for the next run). */
    public record Result(int authorizations, int records, int failures, String lastFailure) { }

    private final EndedAuthorizations store;
    private final RecordAccessEnforcer enforcer;
    private final Clock clock;
    private final Function<Authorization, String> onBehalfOf;

    /** @param onBehalfOf who set up what ends: the person who recorded the revocation, else who entered the authorization */
    public ExpirySweep(EndedAuthorizations store, RecordAccessEnforcer enforcer, Clock clock, Function<Authorization, String> onBehalfOf) {
        this.store = store;
        this.enforcer = enforcer;
        this.clock = clock;
        this.onBehalfOf = onBehalfOf;
    }

    public synchronized Result sweep() {
        Instant now = clock.instant();
        int authorizations = 0;
        int records = 0;
        int failures = 0;
        String lastFailure = null;
        for (Authorization ended : store.endedNotEnforced(now)) {
            try {
                records += enforcer.reprojectAfter(ended, RecordAccessEnforcer.Actor.system("consent-expiry", onBehalfOf.apply(ended))).records();
                store.markEndEnforced(ended.id(), clock.instant());
                authorizations++;
            } catch (RuntimeException e) {
                failures++;
                lastFailure = "authorization " + ended.id() + ": " + e.getClass().getSimpleName();
            }
        }
        return new Result(authorizations, records, failures, lastFailure);
    }
}
