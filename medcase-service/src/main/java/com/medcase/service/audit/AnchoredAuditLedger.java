package com.medcase.service.audit;

import com.medcase.audit.AuditEntry;
import com.medcase.audit.AuditEvent;
import com.medcase.audit.AuditLedger;
import com.medcase.audit.LedgerVerification;
import com.medcase.store.audit.JdbcAuditLedger;
import com.medcase.store.audit.LedgerAnchors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The service's ledger: the keyed JDBC ledger whose head is anchored outside the database from time to time (and at
 * shutdown). Verification checks the keyed chain and then every anchor.
 */
public final class AnchoredAuditLedger implements AuditLedger, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AnchoredAuditLedger.class);

    private final JdbcAuditLedger ledger;
    private final LedgerAnchors anchors;

    public AnchoredAuditLedger(JdbcAuditLedger ledger, LedgerAnchors anchors) {
        this.ledger = ledger;
        this.anchors = anchors;
    }

    @Override
    public AuditEntry append(AuditEvent event) {
        return ledger.append(event);
    }

    @Override
    public List<AuditEntry> read(long fromSequence, int limit) {
        return ledger.read(fromSequence, limit);
    }

    @Override
    public LedgerVerification verify() {
        LedgerVerification chain = ledger.verify();
        if (!chain.intact()) {
            return chain;
        }
        LedgerVerification anchored = anchors.verify(ledger);
        return anchored.intact() ? chain : anchored;
    }

    /** Appends the head to the anchor file if it moved; called on a schedule and at shutdown. */
    public void anchor() {
        anchors.anchor(ledger).ifPresent(head -> log.debug("Ledger anchored at entry {}", head.lastSequence()));
    }

    public JdbcAuditLedger jdbc() {
        return ledger;
    }

    @Override
    public void close() {
        try {
            anchor();
        } catch (RuntimeException e) {
            log.warn("Could not anchor the ledger at shutdown: {}", e.getMessage());
        }
    }
}
