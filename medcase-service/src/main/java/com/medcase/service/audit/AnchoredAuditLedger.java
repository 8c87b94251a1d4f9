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
    private final java.net.URI anchorUrl;
    private final java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
            .connectTimeout(java.time.Duration.ofSeconds(10)).followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();

    public AnchoredAuditLedger(JdbcAuditLedger ledger, LedgerAnchors anchors) {
        this(ledger, anchors, null);
    }

    /** @param anchorUrl where each new anchor is also POSTed (null: the file only) */
    public AnchoredAuditLedger(JdbcAuditLedger ledger, LedgerAnchors anchors, java.net.URI anchorUrl) {
        this.ledger = ledger;
        this.anchors = anchors;
        this.anchorUrl = anchorUrl;
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
        anchors.anchor(ledger).ifPresent(head -> {
            log.debug("Ledger anchored at entry {}", head.lastSequence());
            if (anchorUrl != null) {
                publish(head);
            }
        });
    }

    /** Sends the anchor to the external endpoint; a failure is logged (the file anchor stands) and retried with the next one. */
    private void publish(com.medcase.audit.LedgerHead head) {
        String json = "{\"sequence\":" + head.lastSequence() + ",\"hash\":\"" + head.lastHash() + "\",\"at\":\""
                + java.time.Instant.now() + "\"}";
        try {
            var response = http.send(java.net.http.HttpRequest.newBuilder(anchorUrl).timeout(java.time.Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                log.warn("The ledger anchor endpoint answered {} for entry {}", response.statusCode(), head.lastSequence());
            }
        } catch (java.io.IOException e) {
            log.warn("The ledger anchor endpoint is unreachable ({}); the file anchor of entry {} stands", e.getMessage(),
                    head.lastSequence());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
