package com.medcase.service.audit;

import com.medcase.audit.AuditLedger;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Anchors the ledger's head outside the database every {@code medcase.protection.ledger.anchor-interval}. */
@Component
class LedgerAnchoring {

    private final AuditLedger ledger;

    LedgerAnchoring(AuditLedger ledger) {
        this.ledger = ledger;
    }

    @Scheduled(fixedDelayString = "${medcase.protection.ledger.anchor-interval:5m}", initialDelayString = "${medcase.protection.ledger.anchor-interval:5m}")
    void anchor() {
        if (ledger instanceof AnchoredAuditLedger anchored) {
            anchored.anchor();
        }
    }
}
