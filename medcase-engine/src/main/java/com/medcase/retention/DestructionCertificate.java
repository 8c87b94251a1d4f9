package com.medcase.retention;

import java.time.Instant;
import java.util.List;

/**
 * Proof of a disposition: what was destroyed (record id and content SHA-256), when, under which
 * schedule, who approved and who executed. {@code certificateHash} seals all of it.
 */
public record DestructionCertificate(String certificateId, String recordId, DispositionAction action, String scheduleId,
                                     Instant executedAt, String executedBy, List<Approval> approvals,
                                     String contentSha256, String certificateHash) {

    public DestructionCertificate {
        approvals = List.copyOf(approvals);
    }

    static DestructionCertificate issue(String certificateId, DispositionItem item, Instant at, String executedBy, String contentSha256) {
        StringBuilder sb = new StringBuilder();
        sb.append(certificateId).append('|').append(item.recordId()).append('|').append(item.action()).append('|')
                .append(item.scheduleId()).append('|').append(at).append('|').append(executedBy).append('|').append(contentSha256);
        for (Approval a : item.approvals()) {
            sb.append('|').append(a.approver()).append('@').append(a.at());
        }
        return new DestructionCertificate(certificateId, item.recordId(), item.action(), item.scheduleId(), at, executedBy,
                item.approvals(), contentSha256, com.medcase.hash.Sha256.hex(sb.toString()));
    }
}
