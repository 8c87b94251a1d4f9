package com.medcase.audit;

import java.time.Instant;
import java.util.Map;

/** A sealed ledger entry: its position, time, the event, the previous entry's hash and its own. */
public record AuditEntry(long sequence, Instant timestamp, AuditEvent event, String previousHash, String hash) {

    /** The hash the first entry points back to. */
    public static final String GENESIS = "0".repeat(64);

    /** Seals an event at a position in the chain. */
    public static AuditEntry seal(long sequence, Instant timestamp, AuditEvent event, String previousHash) {
        return new AuditEntry(sequence, timestamp, event, previousHash, computeHash(sequence, timestamp, event, previousHash));
    }

    /** SHA-256 over an unambiguous encoding (length-prefixed fields) of everything but the hash itself. */
    public static String computeHash(long sequence, Instant timestamp, AuditEvent e, String previousHash) {
        StringBuilder sb = new StringBuilder(256);
        field(sb, Long.toString(sequence));
        field(sb, timestamp.toString());
        field(sb, e.actor());
        field(sb, e.onBehalfOf());
        field(sb, e.action());
        field(sb, e.subjectId());
        field(sb, e.outcome());
        field(sb, e.reason());
        for (Map.Entry<String, String> d : e.details().entrySet()) {
            field(sb, d.getKey());
            field(sb, d.getValue());
        }
        field(sb, previousHash);
        return com.medcase.hash.Sha256.hex(sb.toString());
    }

    private static void field(StringBuilder sb, String value) {
        if (value == null) {
            sb.append("-1:");
        } else {
            sb.append(value.length()).append(':').append(value);
        }
    }
}
