package com.medcase.hold;

import java.time.Instant;
import java.util.Objects;

/** A legal hold: name, matter and mandatory reason; released with a reason, never deleted. */
public record LegalHold(String id, String name, String matter, String reason, String createdBy, Instant createdAt,
                        Status status, String releasedBy, Instant releasedAt, String releaseReason) {

    public enum Status { ACTIVE, RELEASED }

    public LegalHold {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
    }

    public boolean active() {
        return status == Status.ACTIVE;
    }

    LegalHold released(String by, Instant at, String why) {
        return new LegalHold(id, name, matter, reason, createdBy, createdAt, Status.RELEASED, by, at, why);
    }
}
