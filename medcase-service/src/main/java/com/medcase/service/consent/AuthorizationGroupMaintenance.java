package com.medcase.service.consent;

import com.medcase.enforcement.RecordAccessEnforcer;
import com.medcase.service.scheduling.SchedulingProperties;
import com.medcase.store.consent.JdbcAuthorizationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * At start-up every authorization group is reconciled with the authorizations' state (a crash between
 * the service's commit and the repository call is repaired). Idempotent, so several nodes doing it does
 * no harm. Ends that come with time are the scheduler's {@link ConsentExpiryJob}.
 */
@Component
class AuthorizationGroupMaintenance {

    private static final Logger log = LoggerFactory.getLogger(AuthorizationGroupMaintenance.class);

    private final JdbcAuthorizationStore store;
    private final RecordAccessEnforcer enforcer;
    private final String owner;

    AuthorizationGroupMaintenance(JdbcAuthorizationStore store, RecordAccessEnforcer enforcer, SchedulingProperties scheduling) {
        this.store = store;
        this.enforcer = enforcer;
        this.owner = scheduling.owner();
    }

    @EventListener(ApplicationReadyEvent.class)
    void reconcileAtStart() {
        int repaired = enforcer.reconcileGroups(store.all(), RecordAccessEnforcer.Actor.system("group-reconcile", owner));
        if (repaired > 0) {
            log.warn("Authorization groups repaired at start-up: {}", repaired);
        }
    }
}
