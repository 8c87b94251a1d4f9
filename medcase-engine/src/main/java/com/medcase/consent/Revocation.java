package com.medcase.consent;

import java.time.Instant;
import java.util.Objects;

/**
 * A revocation. It takes effect on receipt (45 CFR 164.508(b)(5); 42 CFR 2.31(a)(6)): a letter received
 * on Monday and entered on Wednesday ends the authorization on Monday. Both instants are kept, and the
 * effective instant is never before the receipt (a revocation cannot be dated before it arrived).
 * Disclosures made before the effective instant stay lawful.
 *
 * @param effectiveAt when it ends the authorization: the receipt
 * @param recordedBy  who received and entered it
 * @param receivedAt  when the covered entity received it; absent in bodies stored before it was kept,
 *                    where it is taken to be {@code effectiveAt}
 * @param enteredAt   when it was entered into MedCase; defaults to {@code receivedAt}
 */
public record Revocation(Instant effectiveAt, String recordedBy, String reason, Instant receivedAt, Instant enteredAt) {

    public Revocation {
        Objects.requireNonNull(effectiveAt, "effectiveAt");
        Objects.requireNonNull(recordedBy, "recordedBy");
        receivedAt = receivedAt == null ? effectiveAt : receivedAt;
        enteredAt = enteredAt == null ? receivedAt : enteredAt;
        if (effectiveAt.isBefore(receivedAt)) {
            throw new IllegalArgumentException("A revocation cannot take effect (" + effectiveAt + ") before it was received ("
                    + receivedAt + "), 164.508(b)(5)");
        }
        if (enteredAt.isBefore(receivedAt)) {
            throw new IllegalArgumentException("A revocation cannot be entered (" + enteredAt + ") before it was received ("
                    + receivedAt + ")");
        }
    }

    /** The pre-receipt shape: received, entered and effective at one instant. */
    public Revocation(Instant effectiveAt, String recordedBy, String reason) {
        this(effectiveAt, recordedBy, reason, effectiveAt, effectiveAt);
    }

    /** A revocation received at {@code receivedAt} and entered at {@code enteredAt}: effective on receipt. */
    public static Revocation received(Instant receivedAt, Instant enteredAt, String recordedBy, String reason) {
        return new Revocation(receivedAt, recordedBy, reason, receivedAt, enteredAt);
    }
}
