package com.medcase.consent;

/** One authority allowed on a record, at one level; what the repository binding turns into an ACE. */
public record ReaderGrant(String authority, Level level) {
    public enum Level { READ, WRITE }
}
