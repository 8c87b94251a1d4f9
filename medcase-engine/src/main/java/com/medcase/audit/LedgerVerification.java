package com.medcase.audit;

/**
 * The verifier's finding: intact, or the first sequence where the chain breaks and how.
 *
 * @param firstBadSequence the sequence where the break was found (or the expected one, for a gap); -1 if intact
 */
public record LedgerVerification(boolean intact, long entriesChecked, long firstBadSequence, String problem) {

    public static LedgerVerification ok(long checked) {
        return new LedgerVerification(true, checked, -1, null);
    }

    public static LedgerVerification broken(long checked, long sequence, String problem) {
        return new LedgerVerification(false, checked, sequence, problem);
    }
}
