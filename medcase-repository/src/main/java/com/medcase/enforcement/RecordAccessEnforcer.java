package com.medcase.enforcement;

import com.medcase.audit.AuditEvent;
import com.medcase.audit.AuditLedger;
import com.medcase.consent.Authorization;
import com.medcase.consent.ClaimantConsents;
import com.medcase.consent.ReaderGrant;
import com.medcase.consent.ReadersProjection;
import com.medcase.consent.RecordFacts;
import com.medcase.model.MedCaseModel;
import com.medcase.repository.AccessProjection;
import com.medcase.repository.AccessProjection.AccessLevel;
import com.medcase.repository.CaseFolder;
import com.medcase.repository.RecordRepository;
import com.medcase.repository.StoredRecord;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Keeps each record's ACL equal to what consent and holds allow right now. Idempotent: enforcing a
 * record twice changes nothing the second time. Every projection is audited under the real actor.
 */
public final class RecordAccessEnforcer {

    private final RecordRepository repository;
    private final ReadersProjection projection;
    private final Function<String, ClaimantConsents> consentsOf;
    private final Function<String, Set<String>> activeHoldsOf;
    private final AuditLedger ledger;
    private final Clock clock;

    public RecordAccessEnforcer(RecordRepository repository, ReadersProjection projection, Function<String, ClaimantConsents> consentsOf,
                                Function<String, Set<String>> activeHoldsOf, AuditLedger ledger, Clock clock) {
        this.repository = repository;
        this.projection = projection;
        this.consentsOf = consentsOf;
        this.activeHoldsOf = activeHoldsOf;
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * Who acts: a user, or {@code system:<job>} on behalf of the user who scheduled it, recorded as
     * such in the audit ledger (Alfresco's own audit would show only "System").
     */
    public record Actor(String id, String onBehalfOf) {
        public static Actor user(String id) {
            return new Actor(id, null);
        }

        public static Actor system(String job, String onBehalfOf) {
            return new Actor("system:" + job, onBehalfOf);
        }
    }

    /** Projects consent and holds onto one record; returns the ACL now in force. */
    public AccessProjection enforce(String recordId, String claimantId, Actor actor) {
        StoredRecord record = repository.getRecord(recordId);
        return enforce(record, claimantId, consentsOf.apply(claimantId), clock.instant(), actor);
    }

    /** Re-projects every record of every case of the claimant the changed authorization can affect. */
    public int reprojectAfter(Authorization changed, Actor actor) {
        ClaimantConsents consents = consentsOf.apply(changed.claimantId());
        Instant now = clock.instant();
        int count = 0;
        for (StoredRecord record : recordsOfClaimant(changed.claimantId())) {
            enforce(record, changed.claimantId(), consents, now, actor);
            count++;
        }
        ledger.append(new AuditEvent(actor.id(), actor.onBehalfOf(), "consent.reproject", changed.id(), "DONE", null,
                Map.of("records", Integer.toString(count), "claimant", changed.claimantId())));
        return count;
    }

    /** Applies a hold change (from LegalHolds) to the records whose held state changed. */
    public void applyHoldChange(Collection<String> recordIds, Function<String, String> claimantOfRecord, Actor actor) {
        Instant now = clock.instant();
        for (String recordId : recordIds) {
            String claimantId = claimantOfRecord.apply(recordId);
            enforce(repository.getRecord(recordId), claimantId, consentsOf.apply(claimantId), now, actor);
        }
    }

    AccessProjection enforce(StoredRecord record, String claimantId, ClaimantConsents consents, Instant now, Actor actor) {
        RecordFacts facts = facts(record, claimantId);
        Set<ReaderGrant> grants = projection.readersOf(facts, consents, now);
        Set<String> holds = activeHoldsOf.apply(record.id());
        boolean held = !holds.isEmpty();
        Map<String, AccessLevel> entries = new HashMap<>();
        for (ReaderGrant g : grants) {
            // A hold freezes the record: everyone keeps reading, nobody keeps writing.
            AccessLevel level = held || g.level() == ReaderGrant.Level.READ ? AccessLevel.READ : AccessLevel.WRITE;
            entries.merge(g.authority(), level, (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        if (held) {
            entries.put(MedCaseModel.GROUP_LEGAL_HOLD_ADMINISTRATORS, AccessLevel.READ);
        }
        AccessProjection acl = new AccessProjection(entries);
        repository.applyAccess(record.id(), acl);
        applyHoldMarks(record, holds, now);
        Set<String> governing = new TreeSet<>();
        for (Authorization a : consents.all()) {
            if (a.isActiveAt(now) && entries.containsKey(a.recipient().authority())) {
                governing.add(a.id());
            }
        }
        repository.addAspect(record.id(), MedCaseModel.ASPECT_AUTHORIZATION_GOVERNED, Map.of(
                MedCaseModel.PROP_GOVERNING_AUTHORIZATION_IDS, new ArrayList<>(governing),
                MedCaseModel.PROP_ACCESS_PROJECTED_AT, now));
        ledger.append(new AuditEvent(actor.id(), actor.onBehalfOf(), "consent.project", record.id(), held ? "HELD" : "DONE", null,
                Map.of("readers", Integer.toString(entries.size()), "authorizations", String.join(",", governing))));
        return acl;
    }

    private void applyHoldMarks(StoredRecord record, Set<String> holds, Instant now) {
        boolean marked = record.aspects().contains(MedCaseModel.ASPECT_LEGAL_HOLD);
        if (!holds.isEmpty()) {
            Object since = marked ? record.properties().get(MedCaseModel.PROP_HELD_SINCE) : null;
            repository.addAspect(record.id(), MedCaseModel.ASPECT_LEGAL_HOLD, Map.of(
                    MedCaseModel.PROP_HOLD_IDS, new ArrayList<>(new TreeSet<>(holds)),
                    MedCaseModel.PROP_HELD_SINCE, since != null ? since : now));
            repository.setUndeletable(record.id(), true);
        } else if (marked) {
            repository.removeAspect(record.id(), MedCaseModel.ASPECT_LEGAL_HOLD);
            repository.setUndeletable(record.id(), false);
        }
    }

    private List<StoredRecord> recordsOfClaimant(String claimantId) {
        List<StoredRecord> records = new ArrayList<>();
        for (CaseFolder c : repository.listCases()) {
            if (claimantId.equals(c.properties().get(MedCaseModel.PROP_CASE_CLAIMANT_ID))) {
                records.addAll(repository.listRecords(c.id()));
            }
        }
        return records;
    }

    /** What the consent rules need to know about a stored record. */
    @SuppressWarnings("unchecked")
    public static RecordFacts facts(StoredRecord r, String claimantId) {
        Map<String, Object> p = r.properties();
        Object labels = p.get(MedCaseModel.PROP_SENSITIVITY_LABELS);
        Set<String> labelSet = labels instanceof Collection<?> c ? new java.util.HashSet<>((Collection<String>) c) : Set.of();
        return new RecordFacts(r.id(), claimantId, (String) p.getOrDefault(MedCaseModel.PROP_RECORD_CATEGORY, "other"), labelSet,
                (LocalDate) p.get(MedCaseModel.PROP_SERVICE_DATE_FROM), (LocalDate) p.get(MedCaseModel.PROP_SERVICE_DATE_TO));
    }

}
