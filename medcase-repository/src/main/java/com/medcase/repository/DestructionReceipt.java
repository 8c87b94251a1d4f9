package com.medcase.repository;

import java.time.Instant;
import java.util.List;

/**
 * What a destruction actually removed from the repository, for the certificate: the versions whose
 * content was deleted, whether the node itself went and whether its trashcan entry was purged.
 *
 * @param contentSha256 hash of the content that was destroyed (as it was before destruction), if known
 */
public record DestructionReceipt(String recordId, String name, List<String> versionsDeleted, boolean nodeDeleted,
                                 boolean purgedFromTrashcan, String contentSha256, Instant at) {
    public DestructionReceipt {
        versionsDeleted = List.copyOf(versionsDeleted);
    }
}
