package com.medcase.hold;

/** Adds items to a hold by scope rather than one by one. */
public record HoldScope(Kind kind, String value) {
    public enum Kind {
        /** Every record of a case (value: case number). */
        CASE,
        /** Every record of a claimant (value: claimant id). */
        CLAIMANT,
        /** The records a repository query returns (value: the query). */
        QUERY
    }
}
