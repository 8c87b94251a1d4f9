package com.medcase.consent;

import java.time.Instant;
import java.util.Objects;

/** A revocation, effective from the instant it was recorded; disclosures made before stay lawful. */
public record Revocation(Instant effectiveAt, String recordedBy, String reason) {
    public Revocation {
        Objects.requireNonNull(effectiveAt, "effectiveAt");
        Objects.requireNonNull(recordedBy, "recordedBy");
    }
}
