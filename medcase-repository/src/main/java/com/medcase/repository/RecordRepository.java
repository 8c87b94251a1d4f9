package com.medcase.repository;

import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The narrow port through which MedCase touches a content repository: Alfresco over its public REST
 * API v1 in production and in the embedded default alike. Callers never see REST payloads.
 *
 * <p>Property and aspect names are the model's prefixed names ({@code mc:caseNumber},
 * {@code mc:legalHold}) from {@link com.medcase.model.MedCaseModel}. Every method acts as the service
 * account the adapter was opened with; per-user access is enforced by the repository's own ACLs,
 * which {@link #applyAccess} keeps in step with consent, and legal holds by the repository's native
 * holds ({@link RepositoryHolds}).
 */
public interface RecordRepository {

    /** Creates a claimant folder under the claimants root; fails if the claimant id already exists. */
    String createClaimant(String claimantId, Map<String, Object> properties);

    /** The mc:claimant properties of a claimant, if it exists. */
    Optional<Map<String, Object>> findClaimant(String claimantId);

    /** Claimants matching exactly on family name, given name and date of birth (their mc:claimantId values). */
    List<String> findClaimants(String familyName, String givenName, LocalDate dateOfBirth);

    /** Creates a case folder under the cases root; fails if the case number already exists. */
    CaseFolder createCase(NewCase newCase);

    Optional<CaseFolder> findCaseByNumber(String caseNumber);

    CaseFolder getCase(String caseFolderId);

    /** Cases whose claimant matches exactly on family name, given name and date of birth. */
    List<CaseFolder> findCasesByClaimant(String familyName, String givenName, LocalDate dateOfBirth);

    List<CaseFolder> listCases();

    /**
     * Files a record (content plus properties and aspects) into a case folder. When the record carries
     * an {@link NewRecord#access() ACL}, it is created with that ACL and inheritance off, so that it is
     * never readable by anyone the projection leaves out, not even for a moment.
     */
    StoredRecord fileRecord(String caseFolderId, NewRecord record);

    StoredRecord getRecord(String recordId);

    /** Records in a case folder, in name order. */
    List<StoredRecord> listRecords(String caseFolderId);

    /** Opens the record's content; the caller closes the stream. */
    InputStream readContent(String recordId);

    /** Sets (or, with a null value, clears) properties on a case or record. */
    void updateProperties(String objectId, Map<String, Object> properties);

    /** Adds an aspect with its properties; adding an aspect already present updates the properties. */
    void addAspect(String objectId, String aspect, Map<String, Object> properties);

    void removeAspect(String objectId, String aspect);

    StoredRecord moveRecord(String recordId, String targetCaseFolderId);

    /** Checks in new content as a new major version; refused on held records. */
    StoredRecord newVersion(String recordId, byte[] content, String mimeType, String comment);

    /**
     * The record's version history, newest first (ACS {@code GET /nodes/{id}/versions}). A record never
     * corrected is not versionable yet: its history is its current version alone.
     */
    List<RecordVersion> versions(String recordId);

    /**
     * Replaces the object's ACL with exactly this projection, inheritance off, in one call: anyone not
     * listed is refused by the repository itself.
     */
    void applyAccess(String objectId, AccessProjection projection);

    /**
     * The same, and sets an aspect's properties in the same call (one write per record when a
     * projection runs over a whole case). The aspect is added if the record lacks it.
     */
    default void applyAccess(StoredRecord record, AccessProjection projection, String aspect, Map<String, Object> aspectProperties) {
        applyAccess(record.id(), projection);
        addAspect(record.id(), aspect, aspectProperties);
    }

    /** The ACL currently set on the object (its direct entries), as the repository reports it. */
    AccessProjection readAccess(String objectId);

    /**
     * Destroys a record for disposition: its version history first, then the node, then its trashcan
     * entry, so that nothing of it remains to be restored. Refused while the record is held.
     */
    DestructionReceipt destroy(String recordId);

    /**
     * Disposition "destroy content, keep metadata": the content and every earlier version of it are
     * removed, the node with its properties stays. Refused while the record is held.
     */
    DestructionReceipt destroyContent(String recordId);
}
