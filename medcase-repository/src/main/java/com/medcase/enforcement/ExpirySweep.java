package com.medcase.enforcement;

import com.medcase.consent.Authorization;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Ends the authorizations that expired (or whose future-dated revocation took effect) since the last
 * run: their groups are emptied, which ACS applies at once to every read and search, and the ACLs of
 * the affected records are tidied. Meant to be scheduled every minute: expiry is a moment, not an
 * event anyone sends.
 */
public final class ExpirySweep implements Runnable {

    private final BiFunction<Instant, Instant, List<Authorization>> expiredBetween;
    private final RecordAccessEnforcer enforcer;
    private final Clock clock;
    private final String scheduledBy;
    private Instant lastRun;

    /** @param scheduledBy the administrator on whose behalf the sweep runs (recorded in the audit ledger) */
    public ExpirySweep(BiFunction<Instant, Instant, List<Authorization>> expiredBetween, RecordAccessEnforcer enforcer, Clock clock,
                       Instant since, String scheduledBy) {
        this.expiredBetween = expiredBetween;
        this.enforcer = enforcer;
        this.clock = clock;
        this.lastRun = since;
        this.scheduledBy = scheduledBy;
    }

    @Override
    public synchronized void run() {
        sweep();
    }

    /** Returns how many records were re-projected. */
    public synchronized int sweep() {
        Instant now = clock.instant();
        int records = 0;
        for (Authorization expired : expiredBetween.apply(lastRun, now.plusNanos(1))) {
            records += enforcer.reprojectAfter(expired, RecordAccessEnforcer.Actor.system("expiry-sweep", scheduledBy)).records();
        }
        lastRun = now.plusNanos(1);
        return records;
    }

    public String scheduledBy() {
        return scheduledBy;
    }
}
