package com.medcase.service.records;

import com.medcase.audit.AuditEvent;
import com.medcase.audit.AuditLedger;
import com.medcase.consent.AccessDecision;
import com.medcase.consent.Action;
import com.medcase.consent.ConsentEngine;
import com.medcase.consent.Purpose;
import com.medcase.consent.RecordFacts;
import com.medcase.enforcement.RecordAccessEnforcer;
import com.medcase.model.MedCaseModel;
import com.medcase.repository.CaseFolder;
import com.medcase.repository.ContentNotFoundException;
import com.medcase.repository.NodeNotFoundException;
import com.medcase.repository.RecordRepository;
import com.medcase.repository.StoredRecord;
import com.medcase.service.security.Caller;
import com.medcase.retention.DestructionCertificate;
import com.medcase.store.consent.JdbcAuthorizationStore;
import com.medcase.store.retention.JdbcDispositionQueue;
import org.springframework.stereotype.Service;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Consent at request time: the repository's ACLs already keep outside parties out, but the API
 * decides again with the engine (consents may have changed since the last projection) and writes
 * every decision, permit or deny, to the audit ledger.
 */
@Service
public class RecordAccess {

    private final RecordRepository repository;
    private final ConsentEngine engine;
    private final JdbcAuthorizationStore authorizations;
    private final AuditLedger ledger;
    private final Clock clock;
    private final JdbcDispositionQueue disposition;
    private final java.util.Map<String, CaseFolder> caseById = new java.util.concurrent.ConcurrentHashMap<>();

    RecordAccess(RecordRepository repository, ConsentEngine engine, JdbcAuthorizationStore authorizations,
                 AuditLedger ledger, Clock clock, JdbcDispositionQueue disposition) {
        this.repository = repository;
        this.engine = engine;
        this.authorizations = authorizations;
        this.ledger = ledger;
        this.clock = clock;
        this.disposition = disposition;
    }

    /** A record with the decision that let the caller see it. */
    public record Permitted(StoredRecord record, RecordFacts facts, AccessDecision decision) {
        public boolean needsRedisclosureNotice() {
            return decision.obligations().contains(AccessDecision.Obligation.PART2_REDISCLOSURE_NOTICE);
        }
    }

    /** Decides, audits, and returns the record or throws {@link AccessDeniedByConsent}. */
    public Permitted require(Caller caller, String recordId, Action action, Purpose purpose) {
        StoredRecord record;
        try {
            record = repository.getRecord(recordId);
        } catch (NodeNotFoundException e) {
            throw missing(caller, recordId, action, purpose, false);
        }
        RecordFacts facts = factsOf(record);
        AccessDecision decision = engine.decide(caller.asPrincipal(), action, facts, purpose, clock.instant(),
                authorizations.consentsOf(facts.claimantId()));
        ledger.append(new AuditEvent(caller.id(), null, "record." + action.name().toLowerCase(), recordId,
                decision.outcome().name(), String.join(",", decision.reasons()), Map.of("purpose", purpose.name())));
        if (!decision.permitted()) {
            throw new AccessDeniedByConsent(recordId, decision.reasons());
        }
        return new Permitted(record, facts, decision);
    }

    /**
     * The content of a record the caller was permitted to read ({@link #require} with {@code READ_CONTENT}).
     * Content that disposition destroyed (metadata kept) answers {@link RecordDestroyed}, audited.
     */
    public InputStream content(Caller caller, String recordId, Purpose purpose) {
        try {
            return repository.readContent(recordId);
        } catch (ContentNotFoundException e) {
            throw missing(caller, recordId, Action.READ_CONTENT, purpose, true);
        } catch (NodeNotFoundException e) {
            throw missing(caller, recordId, Action.READ_CONTENT, purpose, false);
        }
    }

    /**
     * A read of a record (or of its content) the repository no longer has. A destruction certificate says
     * why: the answer is "gone", naming the certificate; without one it is "not found". Either way the
     * attempt is audited with identifiers only (record id, certificate id, purpose), never content or names.
     */
    private RuntimeException missing(Caller caller, String recordId, Action action, Purpose purpose, boolean contentOnly) {
        List<DestructionCertificate> certificates = disposition.certificatesOf(recordId);
        String auditAction = "record." + action.name().toLowerCase();
        if (certificates.isEmpty()) {
            ledger.append(new AuditEvent(caller.id(), null, auditAction, recordId, "NOT_FOUND", "no such record in the repository",
                    Map.of("purpose", purpose.name())));
            return new RecordNotFound(recordId, contentOnly);
        }
        DestructionCertificate last = certificates.getLast();
        ledger.append(new AuditEvent(caller.id(), null, auditAction, recordId, "GONE", "destroyed by disposition",
                Map.of("purpose", purpose.name(), "certificateId", last.certificateId())));
        return new RecordDestroyed(recordId, last.certificateId(), last.action().name(), last.executedAt(), contentOnly);
    }

    /**
     * The record's version history, newest first, for whoever may read its metadata (decided and audited
     * as a metadata read). The REST API and the console's record page both use it.
     */
    public java.util.List<com.medcase.repository.RecordVersion> versions(Caller caller, String recordId, Purpose purpose) {
        require(caller, recordId, Action.READ_METADATA, purpose);
        return repository.versions(recordId);
    }

    /** The consent engine's view of a record; claimant and jurisdiction come from the case it is filed in. */
    public RecordFacts factsOf(StoredRecord record) {
        return RecordAccessEnforcer.facts(record, caseOf(record.caseFolderId()));
    }

    /** The claimant of a case folder. */
    public String claimantOfCase(String caseFolderId) {
        return (String) caseOf(caseFolderId).properties().get(MedCaseModel.PROP_CASE_CLAIMANT_ID);
    }

    /**
     * A case folder, cached: its claimant and jurisdiction are set when the case is opened, and looking
     * the case up on each request made reads slow (see the load bench).
     */
    private CaseFolder caseOf(String caseFolderId) {
        return caseById.computeIfAbsent(caseFolderId, id -> {
            CaseFolder folder = repository.getCase(id);
            if (folder.properties().get(MedCaseModel.PROP_CASE_CLAIMANT_ID) == null) {
                throw new IllegalStateException("Case folder " + id + " has no " + MedCaseModel.PROP_CASE_CLAIMANT_ID
                        + "; set it before filing records");
            }
            return folder;
        });
    }

    /** The record (or its content) was destroyed by disposition; the certificate proves it and says when. */
    public static final class RecordDestroyed extends RuntimeException {
        private final String recordId;
        private final String certificateId;
        private final String disposition;
        private final Instant destroyedAt;

        RecordDestroyed(String recordId, String certificateId, String disposition, Instant destroyedAt, boolean contentOnly) {
            super((contentOnly ? "The content of record " : "Record ") + recordId + " was destroyed by disposition on " + destroyedAt
                    + " (" + disposition + "); destruction certificate " + certificateId
                    + " proves it: GET /api/disposition/certificates/" + certificateId);
            this.recordId = recordId;
            this.certificateId = certificateId;
            this.disposition = disposition;
            this.destroyedAt = destroyedAt;
        }

        public String recordId() {
            return recordId;
        }

        public String certificateId() {
            return certificateId;
        }

        public String disposition() {
            return disposition;
        }

        public Instant destroyedAt() {
            return destroyedAt;
        }
    }

    /** No such record (never filed, or deleted outside disposition, or not visible to the service account). */
    public static final class RecordNotFound extends NoSuchElementException {
        RecordNotFound(String recordId, boolean contentOnly) {
            super(contentOnly ? "Record " + recordId + " has no content in the repository"
                    : "No record " + recordId + " in the repository; check the id (GET /api/cases/{caseNumber}/records lists a case's records)");
        }
    }

    /** Consent refused access; the reasons are rule ids, never record content. */
    public static final class AccessDeniedByConsent extends RuntimeException {
        private final java.util.List<String> reasons;

        AccessDeniedByConsent(String recordId, java.util.List<String> reasons) {
            super("Access to record " + recordId + " is refused by consent rules " + reasons
                    + "; ask the records team for an authorization that covers it");
            this.reasons = java.util.List.copyOf(reasons);
        }

        public java.util.List<String> reasons() {
            return reasons;
        }
    }
}
