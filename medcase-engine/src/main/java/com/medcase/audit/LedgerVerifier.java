package com.medcase.audit;

/**
 * Walks a ledger in stored order and reports the first place it was tampered with:
 * <ul>
 *   <li>an edited entry: its hash no longer matches its content, or it was rehashed to hide the edit
 *       and its successor's back-link no longer matches it. Either way the edited entry is named, not
 *       its successor;</li>
 *   <li>a deleted entry: its sequence never appears;</li>
 *   <li>a reordered entry: its sequence appears, but after a later one. The verifier reads on past a
 *       gap to tell the two apart;</li>
 *   <li>a truncated tail: the entries end before the ledger's own {@link LedgerHead}.</li>
 * </ul>
 * Streaming: constant memory however long the ledger.
 */
public final class LedgerVerifier {

    private long expectedSequence = 1;
    private String expectedPrevious = AuditEntry.GENESIS;
    private long checked;
    private LedgerVerification failure;
    /** A sequence skipped over: deleted, unless it turns up later (reordered). -1 when none. */
    private long missing = -1;
    private long missingFollowedBy;
    private long checkedBeforeMissing;

    /** Feeds the next entry in stored order; returns false once the finding is certain. */
    public boolean accept(AuditEntry e) {
        if (failure != null) {
            return false;
        }
        if (missing > 0) {
            if (e.sequence() == missing) {
                failure = LedgerVerification.broken(checkedBeforeMissing, missing, "entry " + missing + " is stored after entry "
                        + missingFollowedBy + ": reordered");
                return false;
            }
            return true; // keep reading: the skipped entry may still turn up
        }
        if (e.sequence() != expectedSequence) {
            if (e.sequence() > expectedSequence) {
                missing = expectedSequence;
                missingFollowedBy = e.sequence();
                checkedBeforeMissing = checked;
                return true;
            }
            failure = LedgerVerification.broken(checked, e.sequence(), "entry " + e.sequence() + " appears again after entry "
                    + (expectedSequence - 1) + ": duplicated");
            return false;
        }
        String recomputed = AuditEntry.computeHash(e.sequence(), e.timestamp(), e.event(), e.previousHash());
        if (!recomputed.equals(e.hash())) {
            failure = LedgerVerification.broken(checked, e.sequence(), "entry " + e.sequence()
                    + " does not match its hash: its content was edited after it was written");
            return false;
        }
        if (!e.previousHash().equals(expectedPrevious)) {
            // The entry is self-consistent but its back-link does not match its predecessor as stored: the
            // predecessor was edited and rehashed (its successor still records its original hash).
            long edited = e.sequence() - 1;
            failure = edited == 0
                    ? LedgerVerification.broken(checked, 1, "entry 1 does not start from the genesis hash: it was edited and rehashed")
                    : LedgerVerification.broken(checked - 1, edited, "entry " + edited + " was edited after it was written and "
                    + "rehashed to hide it: entry " + e.sequence() + " recorded a different hash for it");
            return false;
        }
        expectedSequence++;
        expectedPrevious = e.hash();
        checked++;
        return true;
    }

    /** The finding over the entries fed so far, without a head anchor. */
    public LedgerVerification result() {
        if (failure != null) {
            return failure;
        }
        if (missing > 0) {
            return LedgerVerification.broken(checkedBeforeMissing, missing, "entry " + missing
                    + " is missing (next stored entry is " + missingFollowedBy + "): deleted");
        }
        return LedgerVerification.ok(checked);
    }

    /** The finding, with the tail checked against the ledger's head anchor. */
    public LedgerVerification result(LedgerHead head) {
        LedgerVerification chain = result();
        if (!chain.intact()) {
            return chain;
        }
        long last = expectedSequence - 1;
        if (head.lastSequence() != last || !head.lastHash().equals(expectedPrevious)) {
            return LedgerVerification.broken(checked, last + 1, "the ledger ends at entry " + last + " but its head records entry "
                    + head.lastSequence() + (head.lastSequence() > last ? ": entries at the end were deleted (truncated tail)"
                    : ": the end of the ledger was replaced"));
        }
        return chain;
    }

    public static LedgerVerification verify(Iterable<AuditEntry> entries) {
        LedgerVerifier v = feed(entries);
        return v.result();
    }

    public static LedgerVerification verify(Iterable<AuditEntry> entries, LedgerHead head) {
        LedgerVerifier v = feed(entries);
        return v.result(head);
    }

    private static LedgerVerifier feed(Iterable<AuditEntry> entries) {
        LedgerVerifier v = new LedgerVerifier();
        for (AuditEntry e : entries) {
            if (!v.accept(e)) {
                break;
            }
        }
        return v;
    }
}
