package com.medcase.audit;

import java.util.Objects;

/**
 * The anchor of a ledger's tail, kept apart from the entries: the last sequence appended and its
 * hash. Removing entries from the end leaves a chain that verifies on its own; the head shows they
 * are gone.
 */
public record LedgerHead(long lastSequence, String lastHash) {

    public static final LedgerHead EMPTY = new LedgerHead(0, AuditEntry.GENESIS);

    public LedgerHead {
        Objects.requireNonNull(lastHash, "lastHash");
    }
}
