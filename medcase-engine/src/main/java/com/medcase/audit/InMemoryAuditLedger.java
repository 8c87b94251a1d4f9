package com.medcase.audit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** A ledger in memory: for tests, benchmarks and tools. The service uses the JDBC ledger. */
public final class InMemoryAuditLedger implements AuditLedger {

    private final Clock clock;
    private final List<AuditEntry> entries = new ArrayList<>();
    /** Kept apart from the entries, as the JDBC ledger's head row is, so a truncated tail is found. */
    private LedgerHead head = LedgerHead.EMPTY;

    public InMemoryAuditLedger(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized AuditEntry append(AuditEvent event) {
        String previous = entries.isEmpty() ? AuditEntry.GENESIS : entries.get(entries.size() - 1).hash();
        AuditEntry entry = AuditEntry.seal(entries.size() + 1L, clock.instant(), event, previous);
        entries.add(entry);
        head = new LedgerHead(entry.sequence(), entry.hash());
        return entry;
    }

    @Override
    public synchronized List<AuditEntry> read(long fromSequence, int limit) {
        int from = (int) Math.max(0, fromSequence - 1);
        return List.copyOf(entries.subList(Math.min(from, entries.size()), Math.min(entries.size(), from + limit)));
    }

    @Override
    public synchronized LedgerVerification verify() {
        return LedgerVerifier.verify(entries, head);
    }

    public synchronized LedgerHead head() {
        return head;
    }

    /** Test hook: replaces the stored list wholesale (not the head), as an attacker with database access could. */
    synchronized void tamper(java.util.function.UnaryOperator<List<AuditEntry>> change) {
        List<AuditEntry> next = change.apply(new ArrayList<>(entries));
        entries.clear();
        entries.addAll(next);
    }
}
