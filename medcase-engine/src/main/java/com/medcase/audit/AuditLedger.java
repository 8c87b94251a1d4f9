package com.medcase.audit;

import java.util.List;

/** The append-only audit ledger. Implementations keep the chain intact under concurrent appends. */
public interface AuditLedger {

    /** Seals and appends an event; returns the entry with its sequence and hash. */
    AuditEntry append(AuditEvent event);

    /** Entries from {@code fromSequence} (inclusive, 1-based) in sequence order, at most {@code limit}. */
    List<AuditEntry> read(long fromSequence, int limit);

    /** Checks the whole chain. */
    LedgerVerification verify();
}
