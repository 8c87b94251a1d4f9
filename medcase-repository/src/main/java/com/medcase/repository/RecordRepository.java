package com.medcase.repository;

import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The narrow port through which MedCase touches a content repository: Alfresco over CMIS in
 * production, the embedded OpenCMIS server by default. Callers never see CMIS types.
 *
 * <p>Property and aspect names are the model's prefixed names ({@code mc:caseNumber},
 * {@code mc:legalHold}) from {@link com.medcase.model.MedCaseModel}. Adapters translate them.
 * Every method acts as the service account the adapter was opened with; per-user access is
 * enforced by the repository's own ACLs, which {@link #applyAccess} keeps in step with consent.
 */
public interface RecordRepository {

    /** Creates a claimant folder under the claimants root; fails if the claimant id already exists. */
    String createClaimant(String claimantId, Map<String, Object> properties);

    /** The mc:claimant properties of a claimant, if it exists. */
    Optional<Map<String, Object>> findClaimant(String claimantId);

    /** Creates a case folder under the cases root; fails if the case number already exists. */
    CaseFolder createCase(NewCase newCase);

    Optional<CaseFolder> findCaseByNumber(String caseNumber);

    /** Cases whose claimant matches exactly on family name, given name and date of birth. */
    List<CaseFolder> findCasesByClaimant(String familyName, String givenName, LocalDate dateOfBirth);

    List<CaseFolder> listCases();

    /** Files a record (content plus properties and aspects) into a case folder. */
    StoredRecord fileRecord(String caseFolderId, NewRecord record);

    StoredRecord getRecord(String recordId);

    /** Records in a case folder, in name order. */
    List<StoredRecord> listRecords(String caseFolderId);

    /** A record already stored with this content hash, for de-duplication. */
    Optional<StoredRecord> findRecordBySha256(String sha256);

    /** Opens the record's content; the caller closes the stream. */
    InputStream readContent(String recordId);

    /** Sets (or, with a null value, clears) properties on a case or record. */
    void updateProperties(String objectId, Map<String, Object> properties);

    /** Adds an aspect with its properties; adding an aspect already present updates the properties. */
    void addAspect(String objectId, String aspect, Map<String, Object> properties);

    void removeAspect(String objectId, String aspect);

    StoredRecord moveRecord(String recordId, String targetCaseFolderId);

    /**
     * Checks in new content as a new major version, where the repository versions documents
     * ({@link RepositoryCapability#VERSIONING}); refused on held records.
     */
    default StoredRecord newVersion(String recordId, byte[] content, String mimeType, String comment) {
        throw new RepositoryException("This repository does not version records; file the corrected document as a new record");
    }

    /**
     * Destroys a record's content and keeps its metadata (disposition "destroy content, keep
     * metadata"); refused while the record is held.
     */
    default void destroyContent(String recordId) {
        throw new RepositoryException("This repository cannot remove content from a record");
    }

    /**
     * Replaces the object's ACL with exactly this projection, breaking inheritance from its
     * folder, so that the repository itself refuses anyone the projection leaves out.
     */
    void applyAccess(String objectId, AccessProjection projection);

    /** The ACL currently in force, as the repository reports it. */
    AccessProjection readAccess(String objectId);

    /**
     * Marks an object undeletable (legal hold) or releases that mark. Adapters use
     * {@code sys:undeletable} where the repository knows it and refuse deletes themselves otherwise.
     */
    void setUndeletable(String objectId, boolean undeletable);

    /** Deletes an object; fails with {@link RecordHeldException} when it is undeletable. */
    void delete(String objectId);

    /** Which capabilities the connected repository has (versioning, sys:undeletable, ...). */
    Set<RepositoryCapability> capabilities();
}
