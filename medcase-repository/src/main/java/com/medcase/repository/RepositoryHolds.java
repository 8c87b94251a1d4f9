package com.medcase.repository;

import java.util.Collection;

/**
 * Native legal holds of the repository (Alfresco Governance Services holds): a held node is frozen
 * ({@code rma:frozen}) and the repository itself refuses to delete, move, edit or re-content it,
 * whoever asks, until the last hold containing it is released. MedCase holds are mapped one to one by
 * their id.
 */
public interface RepositoryHolds {

    /** Creates the repository hold for a MedCase hold unless it exists; returns the repository's hold id. */
    String ensureHold(String holdId, String name, String reason);

    /** Adds records (documents only: folders cannot be held) to the hold. */
    void addToHold(String holdId, Collection<String> recordIds);

    /**
     * Takes records out of the hold (GS {@code DELETE /holds/{id}/children/{childId}}): each is unfrozen
     * by the repository only when no other hold contains it. Records not in the hold are ignored.
     */
    void removeFromHold(String holdId, Collection<String> recordIds);

    /** Releases the hold with a reason: every record it held and no other hold holds is unfrozen. */
    void releaseHold(String holdId, String reason);
}
