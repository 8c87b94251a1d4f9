package com.medcase.audit;

/**
 * Walks a ledger in stored order and reports the first place it was tampered with:
 * an edited entry (its hash no longer matches its content), a deleted entry (a gap in the
 * sequence or a broken back-link), or a reordering (sequence not increasing by one).
 * Streaming: constant memory however long the ledger.
 */
public final class LedgerVerifier {

    private long expectedSequence = 1;
    private String expectedPrevious = AuditEntry.GENESIS;
    private long checked;
    private LedgerVerification failure;

    /** Feeds the next entry in stored order; returns false once a break was found. */
    public boolean accept(AuditEntry e) {
        if (failure != null) {
            return false;
        }
        if (e.sequence() != expectedSequence) {
            failure = LedgerVerification.broken(checked, expectedSequence, e.sequence() > expectedSequence
                    ? "entry " + expectedSequence + " is missing (next stored entry is " + e.sequence() + "): deleted"
                    : "entry " + e.sequence() + " appears after " + (expectedSequence - 1) + ": reordered or duplicated");
            return false;
        }
        String recomputed = AuditEntry.computeHash(e.sequence(), e.timestamp(), e.event(), e.previousHash());
        if (!recomputed.equals(e.hash())) {
            failure = LedgerVerification.broken(checked, e.sequence(), "entry " + e.sequence()
                    + " does not match its hash: its content was edited after it was written");
            return false;
        }
        if (!e.previousHash().equals(expectedPrevious)) {
            failure = LedgerVerification.broken(checked, e.sequence(), "entry " + e.sequence()
                    + " does not point back to entry " + (e.sequence() - 1) + ": an entry before it was replaced or removed");
            return false;
        }
        expectedSequence++;
        expectedPrevious = e.hash();
        checked++;
        return true;
    }

    public LedgerVerification result() {
        return failure != null ? failure : LedgerVerification.ok(checked);
    }

    public static LedgerVerification verify(Iterable<AuditEntry> entries) {
        LedgerVerifier v = new LedgerVerifier();
        for (AuditEntry e : entries) {
            if (!v.accept(e)) {
                break;
            }
        }
        return v.result();
    }
}
