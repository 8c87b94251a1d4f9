package com.medcase.consent;

/** What is asked of a record. */
public enum Action {
    /** See that the record exists and its metadata (no clinical content). */
    READ_METADATA,
    /** Read (and so disclose) the content. */
    READ_CONTENT,
    /** Change content or metadata. */
    WRITE
}
