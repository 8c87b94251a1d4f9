package com.medcase.service.consent;

import com.medcase.enforcement.ExpirySweep;
import com.medcase.enforcement.RecordAccessEnforcer;
import com.medcase.store.consent.JdbcAuthorizationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * Keeps the repository's authorization groups equal to the authorizations' state: at start-up every
 * group is reconciled (a crash between the service's commit and the repository call is repaired), and
 * every {@code medcase.consent.sweep-interval} (30 s by default) the authorizations that expired or
 * whose dated revocation took effect since the last run have their groups emptied. Both steps are
 * idempotent, so several service nodes running them does no harm. Audited as {@code system:<job>} on
 * behalf of the administrator.
 */
@Component
class AuthorizationGroupMaintenance {

    private static final Logger log = LoggerFactory.getLogger(AuthorizationGroupMaintenance.class);
    static final String ON_BEHALF_OF = "admin";

    private final JdbcAuthorizationStore store;
    private final RecordAccessEnforcer enforcer;
    private final ExpirySweep sweep;

    AuthorizationGroupMaintenance(JdbcAuthorizationStore store, RecordAccessEnforcer enforcer, Clock clock) {
        this.store = store;
        this.enforcer = enforcer;
        this.sweep = new ExpirySweep(store::expiredBetween, enforcer, clock, clock.instant(), ON_BEHALF_OF);
    }

    @EventListener(ApplicationReadyEvent.class)
    void reconcileAtStart() {
        int repaired = enforcer.reconcileGroups(store.all(), RecordAccessEnforcer.Actor.system("group-reconcile", ON_BEHALF_OF));
        if (repaired > 0) {
            log.warn("Authorization groups repaired at start-up: {}", repaired);
        }
    }

    @Scheduled(fixedDelayString = "${medcase.consent.sweep-interval:30s}", initialDelayString = "${medcase.consent.sweep-interval:30s}")
    void sweepEnded() {
        int records = sweep.sweep();
        if (records > 0) {
            log.info("Expiry sweep: ended authorizations' groups emptied, {} records tidied", records);
        }
    }
}
