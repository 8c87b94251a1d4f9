package com.medcase.service.consent;

import com.medcase.consent.Authorization;
import com.medcase.enforcement.ExpirySweep;
import com.medcase.enforcement.RecordAccessEnforcer;
import com.medcase.service.scheduling.GovernanceJob;
import com.medcase.service.scheduling.SchedulingProperties;
import com.medcase.store.consent.JdbcAuthorizationStore;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;

/**
 * Expiry by date, expiry by a recorded event and future-dated revocations take effect in the repository
 * (the authorization's group emptied: ACLs and search alike) within one period of their instant; the
 * request-time decision and search honour the instant itself. Each is done on behalf of whoever set it
 * up: the person who recorded the revocation, else the one who entered the authorization.
 */
@Component
class ConsentExpiryJob implements GovernanceJob {

    private final ExpirySweep sweep;
    private final Duration period;

    ConsentExpiryJob(JdbcAuthorizationStore store, RecordAccessEnforcer enforcer, Clock clock, SchedulingProperties properties) {
        this.period = properties.consentExpiryPeriod();
        this.sweep = new ExpirySweep(new ExpirySweep.EndedAuthorizations() {
            @Override
            public java.util.List<Authorization> endedNotEnforced(java.time.Instant now) {
                return store.endedNotEnforced(now);
            }

            @Override
            public void markEndEnforced(String id, java.time.Instant at) {
                store.markEndEnforced(id, at);
            }
        }, enforcer, clock, a -> onBehalfOf(store, a, properties.owner()));
    }

    static String onBehalfOf(JdbcAuthorizationStore store, Authorization a, String fallback) {
        if (a.revocation() != null && a.revocation().effectiveAt().equals(a.endsAt())) {
            return a.revocation().recordedBy();
        }
        return store.enteredBy(a.id()).orElse(fallback);
    }

    @Override
    public String name() {
        return "consent-expiry";
    }

    @Override
    public String description() {
        return "Empties the repository groups of authorizations that expired (date or event) or whose dated revocation took effect";
    }

    @Override
    public Duration period() {
        return period;
    }

    @Override
    public Result run() {
        ExpirySweep.Result r = sweep.sweep();
        return new Result(r.authorizations(), r.failures(), r.lastFailure());
    }
}
