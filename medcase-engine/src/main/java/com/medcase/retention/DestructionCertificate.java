package com.medcase.retention;

import java.time.Instant;
import java.util.List;

/**
 * Proof of a disposition: what was destroyed (record id and content SHA-256), when, under which
 * schedule, who approved, who executed, and what the repository actually removed ({@code purged}:
 * e.g. {@code version:1.0}, {@code node}, {@code trashcan}). {@code certificateHash} seals all of it.
 */
public record DestructionCertificate(String certificateId, String recordId, DispositionAction action, String scheduleId,
                                     Instant executedAt, String executedBy, List<Approval> approvals,
                                     String contentSha256, List<String> purged, String certificateHash) {

    public DestructionCertificate {
        approvals = List.copyOf(approvals);
        purged = purged == null ? List.of() : List.copyOf(purged);
    }

    static DestructionCertificate issue(String certificateId, DispositionItem item, Instant at, String executedBy, String contentSha256) {
        // Sealed at the precision databases keep (microseconds): a certificate read back must still match its hash.
        return sealed(certificateId, item.recordId(), item.action(), item.scheduleId(), at.truncatedTo(java.time.temporal.ChronoUnit.MICROS),
                executedBy, item.approvals(), contentSha256, List.of());
    }

    /** The same certificate, completed with what the repository removed, and sealed again. */
    public DestructionCertificate withPurged(List<String> removed) {
        return sealed(certificateId, recordId, action, scheduleId, executedAt, executedBy, approvals, contentSha256, removed);
    }

    /** Recomputes the seal from the fields: a certificate whose fields were edited no longer matches its hash. */
    public boolean intact() {
        return sealed(certificateId, recordId, action, scheduleId, executedAt, executedBy, approvals, contentSha256, purged)
                .certificateHash().equals(certificateHash);
    }

    private static DestructionCertificate sealed(String certificateId, String recordId, DispositionAction action, String scheduleId,
                                                 Instant at, String executedBy, List<Approval> approvals, String contentSha256,
                                                 List<String> purged) {
        StringBuilder sb = new StringBuilder();
        sb.append(certificateId).append('|').append(recordId).append('|').append(action).append('|')
                .append(scheduleId).append('|').append(at).append('|').append(executedBy).append('|').append(contentSha256);
        for (Approval a : approvals) {
            sb.append('|').append(a.approver()).append('@').append(a.at());
        }
        // Certificates issued before the repository reported what it purged keep their original seal.
        if (!purged.isEmpty()) {
            sb.append("|purged:").append(String.join(",", purged));
        }
        return new DestructionCertificate(certificateId, recordId, action, scheduleId, at, executedBy, approvals, contentSha256,
                purged, com.medcase.hash.Sha256.hex(sb.toString()));
    }
}
