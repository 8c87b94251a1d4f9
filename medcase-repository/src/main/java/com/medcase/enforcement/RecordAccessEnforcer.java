package com.medcase.enforcement;

import com.medcase.audit.AuditEvent;
import com.medcase.audit.AuditLedger;
import com.medcase.consent.Authorization;
import com.medcase.consent.ClaimantConsents;
import com.medcase.consent.ConsentEngine;
import com.medcase.consent.ReaderGrant;
import com.medcase.consent.ReadersProjection;
import com.medcase.consent.RecordFacts;
import com.medcase.model.MedCaseModel;
import com.medcase.repository.AccessProjection;
import com.medcase.repository.AccessProjection.AccessLevel;
import com.medcase.repository.AuthorityDirectory;
import com.medcase.repository.CaseFolder;
import com.medcase.repository.NewRecord;
import com.medcase.repository.RecordRepository;
import com.medcase.repository.RepositoryException;
import com.medcase.repository.RepositoryHolds;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Keeps the repository's enforcement equal to what consent and holds allow, with ACS's own mechanisms:
 *
 * <ul>
 *   <li><b>Authorization groups.</b> Each authorization is a repository group
 *       ({@link #groupOf GROUP_MC_AUTH_&lt;id&gt;}) whose member, while it is active, is its recipient (a user,
 *       or an organisation's group, nested). A record's ACL, inheritance off, is the records-team role
 *       groups by the role table, the groups of the authorizations that cover it (Consumer) and the
 *       service account. Ending an authorization (revocation, expiry) empties its group: one call that
 *       ACS applies at once to every read and every search, whatever the number of records
 *       (PermissionServiceImpl resolves membership at check time). A new authorization adds its group
 *       to the records it covers; access appears progressively and never lingers.</li>
 *   <li><b>Holds.</b> Native Governance Services holds freeze the records ({@code rma:frozen}); the
 *       {@code mc:legalHold} aspect is only the label Share shows.</li>
 * </ul>
 * Every change is audited under the real actor, without PHI (ids and counts only).
 */
public final class RecordAccessEnforcer implements AutoCloseable {

    /** Prefix of the authorization groups; ACS group ids allow letters, digits, '_' and '-'. */
    public static final String AUTHORIZATION_GROUP_PREFIX = "GROUP_MC_AUTH_";

    private final RecordRepository repository;
    private final AuthorityDirectory authorities;
    private final RepositoryHolds holds;
    private final ReadersProjection projection;
    private final Function<String, ClaimantConsents> consentsOf;
    private final AuditLedger ledger;
    private final Clock clock;
    private final ExecutorService bulk;
    /**
     * Authorization groups known to exist. MedCase never deletes one (ending an authorization empties it),
     * so filing need not ask the repository again for every record; start-up reconciliation asks afresh.
     */
    private final Set<String> knownGroups = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public RecordAccessEnforcer(RecordRepository repository, AuthorityDirectory authorities, RepositoryHolds holds, ConsentEngine engine,
                                Function<String, ClaimantConsents> consentsOf, AuditLedger ledger, Clock clock, int parallelism) {
        this.repository = repository;
        this.authorities = authorities;
        this.holds = holds;
        this.projection = new ReadersProjection(engine);
        this.consentsOf = consentsOf;
        this.ledger = ledger;
        this.clock = clock;
        this.bulk = Executors.newFixedThreadPool(Math.max(1, parallelism), r -> {
            Thread t = new Thread(r, "medcase-acl-projection");
            t.setDaemon(true);
            return t;
        });
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

    /** What a bulk projection did: the claimant's records examined, and how many got their ACL rewritten. */
    public record Projection(String authorizationId, int records, int rewritten) {
    }

    public static String groupOf(String authorizationId) {
        return AUTHORIZATION_GROUP_PREFIX + authorizationId.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    // ---- the ACL of one record ---------------------------------------------------------------

    /**
     * The record's complete ACL now: the records-team groups as the role table gives them, and the group
     * of every active authorization that covers it (ReadersProjection.groupsOf: an authorization's group
     * lands only where that authorization itself permits its recipient).
     */
    public AccessProjection aclFor(RecordFacts facts, ClaimantConsents consents, Instant now) {
        return acl(projection.groupsOf(facts, consents, now));
    }

    private static AccessProjection acl(ReadersProjection.GroupProjection groups) {
        Map<String, AccessLevel> entries = new HashMap<>();
        for (ReaderGrant g : groups.team()) {
            entries.put(g.authority(), g.level() == ReaderGrant.Level.WRITE ? AccessLevel.WRITE : AccessLevel.READ);
        }
        for (String id : groups.coveringAuthorizations()) {
            entries.put(groupOf(id), AccessLevel.READ);
        }
        Set<String> denied = new java.util.TreeSet<>(groups.restricted());
        denied.removeAll(entries.keySet()); // never deny the records team or an authorization group itself
        return new AccessProjection(entries, denied);
    }

    /**
     * A record about to be filed, with the ACL it must have from its first moment and the
     * authorization ids that govern it. The repository creates it closed to everyone else.
     */
    public NewRecord govern(CaseFolder caseFolder, NewRecord record) {
        Instant now = clock.instant();
        String claimantId = claimantOf(caseFolder);
        RecordFacts facts = facts("new", claimantId, jurisdictionOf(caseFolder), record.properties(), record.aspects());
        ClaimantConsents consents = consentsOf.apply(claimantId);
        ReadersProjection.GroupProjection groups = projection.groupsOf(facts, consents, now);
        Set<String> covering = groups.coveringAuthorizations();
        ensureGroups(consents, now);
        return record.governed(acl(groups), Map.of(MedCaseModel.ASPECT_AUTHORIZATION_GOVERNED, Map.of(
                MedCaseModel.PROP_GOVERNING_AUTHORIZATION_IDS, new ArrayList<>(covering),
                MedCaseModel.PROP_ACCESS_PROJECTED_AT, now)));
    }

    /**
     * Writes the record's ACL, unless its recorded governing authorizations already equal the new ones (and
     * no restriction names anyone on it): its ACL was then written from the same inputs, so a projection
     * over a whole claimant rewrites only the records the change affects. Returns null when left alone.
     */
    private AccessProjection project(StoredRecord record, String claimantId, String jurisdiction, ClaimantConsents consents, Instant now) {
        RecordFacts facts = facts(record.id(), claimantId, jurisdiction, record.properties(), Map.of());
        ReadersProjection.GroupProjection groups = projection.groupsOf(facts, consents, now);
        Set<String> covering = groups.coveringAuthorizations();
        AccessProjection acl = acl(groups);
        Object recorded = record.properties().get(MedCaseModel.PROP_GOVERNING_AUTHORIZATION_IDS);
        Set<?> current = recorded instanceof Collection<?> c ? Set.copyOf(c) : Set.of(); // an empty list is not stored
        if (groups.restricted().isEmpty() && record.aspects().contains(MedCaseModel.ASPECT_AUTHORIZATION_GOVERNED)
                && current.equals(covering)) {
            return null;
        }
        repository.applyAccess(record, acl, MedCaseModel.ASPECT_AUTHORIZATION_GOVERNED, Map.of(
                MedCaseModel.PROP_GOVERNING_AUTHORIZATION_IDS, new ArrayList<>(covering),
                MedCaseModel.PROP_ACCESS_PROJECTED_AT, now));
        return acl;
    }

    // ---- authorization lifecycle -------------------------------------------------------------

    /**
     * After an authorization was created, revoked, expired or amended. Ending it empties its group
     * first (effective at once for reads and search); then every record of the claimant it can affect
     * gets its ACL recomputed (adding the group where it now covers; dropping stale entries is
     * housekeeping, since an empty group grants nothing).
     */
    public Projection reprojectAfter(Authorization changed, Actor actor) {
        Instant now = clock.instant();
        String group = groupOf(changed.id());
        if (changed.isActiveAt(now)) {
            authorities.ensureGroup(group, "MedCase authorization " + changed.id());
            authorities.addMember(group, changed.recipient().authority());
            knownGroups.add(group);
        } else {
            emptyGroup(changed.id());
        }
        ledger.append(new AuditEvent(actor.id(), actor.onBehalfOf(), changed.isActiveAt(now) ? "consent.group.fill" : "consent.group.empty",
                changed.id(), "DONE", null, Map.of("group", group)));
        return reprojectClaimant(changed.claimantId(), changed.id(), actor);
    }

    /** Empties an authorization's group (revocation or expiry take effect with this one call per member). */
    public void emptyGroup(String authorizationId) {
        String group = groupOf(authorizationId);
        if (!authorities.exists(group)) {
            return;
        }
        for (String member : authorities.members(group)) {
            authorities.removeMember(group, member);
        }
    }

    /** Recomputes the ACL of every record of the claimant, in parallel; audited once with the counts. */
    public Projection reprojectClaimant(String claimantId, String becauseOf, Actor actor) {
        Instant now = clock.instant();
        ClaimantConsents consents = consentsOf.apply(claimantId);
        ensureGroups(consents, now);
        List<Future<AccessProjection>> results = new ArrayList<>();
        int records = 0;
        for (CaseFolder c : casesOf(claimantId)) {
            for (StoredRecord record : repository.listRecords(c.id())) {
                results.add(bulk.submit(() -> project(record, claimantId, jurisdictionOf(c), consents, now)));
                records++;
            }
        }
        int rewritten = 0;
        for (Future<AccessProjection> f : results) {
            try {
                rewritten += f.get() != null ? 1 : 0;
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new RepositoryException("ACL projection failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RepositoryException("Interrupted during ACL projection", e);
            }
        }
        ledger.append(new AuditEvent(actor.id(), actor.onBehalfOf(), "consent.reproject", becauseOf == null ? claimantId : becauseOf, "DONE", null,
                Map.of("records", Integer.toString(records), "rewritten", Integer.toString(rewritten), "claimant", claimantId)));
        return new Projection(becauseOf, records, rewritten);
    }

    /**
     * Makes every authorization group match the authorizations' state now (at start-up, and by the
     * scheduler): active ones contain their recipient, ended ones are empty. Repairs a crash between
     * the service's own commit and the repository call.
     */
    public int reconcileGroups(Collection<Authorization> all, Actor actor) {
        Instant now = clock.instant();
        int repaired = 0;
        for (Authorization a : all) {
            String group = groupOf(a.id());
            if (a.isActiveAt(now)) {
                if (!authorities.exists(group) || !authorities.members(group).contains(a.recipient().authority())) {
                    authorities.ensureGroup(group, "MedCase authorization " + a.id());
                    authorities.addMember(group, a.recipient().authority());
                    repaired++;
                }
                knownGroups.add(group);
            } else if (authorities.exists(group) && !authorities.members(group).isEmpty()) {
                emptyGroup(a.id());
                repaired++;
            }
        }
        if (repaired > 0) {
            ledger.append(new AuditEvent(actor.id(), actor.onBehalfOf(), "consent.group.reconcile", "authorizations", "DONE", null,
                    Map.of("repaired", Integer.toString(repaired))));
        }
        return repaired;
    }

    private void ensureGroups(ClaimantConsents consents, Instant now) {
        // A group must exist before an ACL names it (NodesImpl refuses unknown authorities).
        for (Authorization a : consents.all()) {
            String group = groupOf(a.id());
            if (a.isActiveAt(now) && !knownGroups.contains(group)) {
                if (!authorities.exists(group)) {
                    authorities.ensureGroup(group, "MedCase authorization " + a.id());
                    authorities.addMember(group, a.recipient().authority());
                }
                knownGroups.add(group);
            }
        }
    }

    // ---- holds -------------------------------------------------------------------------------

    /**
     * Records added to a hold: labelled ({@code mc:legalHold}) while they can still be changed, then
     * frozen by the native hold. Records already frozen by another hold keep their label as it is.
     */
    public void holdAdded(String holdId, String holdName, String reason, Collection<String> recordIds, Actor actor) {
        Instant now = clock.instant();
        List<String> documents = new ArrayList<>();
        for (String id : recordIds) {
            StoredRecord record;
            try {
                record = repository.getRecord(id);
            } catch (RepositoryException notADocument) {
                continue; // a case folder: held in MedCase's own hold state, its records are held one by one
            }
            documents.add(id);
            if (!record.aspects().contains("rma:frozen")) {
                repository.addAspect(id, MedCaseModel.ASPECT_LEGAL_HOLD, Map.of(
                        MedCaseModel.PROP_HOLD_IDS, List.of(holdId), MedCaseModel.PROP_HELD_SINCE, now));
            }
        }
        holds.ensureHold(holdId, holdName, reason);
        holds.addToHold(holdId, documents);
        ledger.append(new AuditEvent(actor.id(), actor.onBehalfOf(), "hold.freeze", holdId, "DONE", null,
                Map.of("records", Integer.toString(documents.size()))));
    }

    /**
     * A hold released: the native hold is deleted with the reason; records no other hold holds are
     * unfrozen by the repository, and lose the label.
     */
    public void holdReleased(String holdId, String reason, Collection<String> nowFree, Actor actor) {
        holds.releaseHold(holdId, reason);
        for (String id : nowFree) {
            try {
                StoredRecord record = repository.getRecord(id);
                if (!record.aspects().contains("rma:frozen") && record.aspects().contains(MedCaseModel.ASPECT_LEGAL_HOLD)) {
                    repository.removeAspect(id, MedCaseModel.ASPECT_LEGAL_HOLD);
                }
            } catch (RepositoryException notADocument) {
                // a case folder
            }
        }
        ledger.append(new AuditEvent(actor.id(), actor.onBehalfOf(), "hold.unfreeze", holdId, "DONE", null,
                Map.of("records", Integer.toString(nowFree.size()))));
    }

    /**
     * Items taken out of one hold: the documents leave its native hold; those no other hold keeps
     * ({@code nowFree}) are unfrozen by the repository and lose the label.
     */
    public void holdItemsRemoved(String holdId, Collection<String> removed, Collection<String> nowFree, Actor actor) {
        List<String> documents = new ArrayList<>();
        for (String id : removed) {
            try {
                repository.getRecord(id);
                documents.add(id);
            } catch (RepositoryException notADocument) {
                // a case folder or a scope marker: only in MedCase's own hold state
            }
        }
        holds.removeFromHold(holdId, documents);
        unlabel(nowFree);
        ledger.append(new AuditEvent(actor.id(), actor.onBehalfOf(), "hold.unfreeze-items", holdId, "DONE", null,
                Map.of("records", Integer.toString(documents.size()), "nowFree", Integer.toString(nowFree.size()))));
    }

    private void unlabel(Collection<String> nowFree) {
        for (String id : nowFree) {
            try {
                StoredRecord record = repository.getRecord(id);
                if (!record.aspects().contains("rma:frozen") && record.aspects().contains(MedCaseModel.ASPECT_LEGAL_HOLD)) {
                    repository.removeAspect(id, MedCaseModel.ASPECT_LEGAL_HOLD);
                }
            } catch (RepositoryException notADocument) {
                // a case folder
            }
        }
    }

    // ---- facts -------------------------------------------------------------------------------

    private List<CaseFolder> casesOf(String claimantId) {
        return repository.listCases().stream().filter(c -> claimantId.equals(claimantOf(c))).toList();
    }

    static String claimantOf(CaseFolder c) {
        return (String) c.properties().get(MedCaseModel.PROP_CASE_CLAIMANT_ID);
    }

    /** The case's jurisdiction decides which sensitivity labels must be named (SensitivityLabelPolicy). */
    static String jurisdictionOf(CaseFolder c) {
        return (String) c.properties().get(MedCaseModel.PROP_JURISDICTION);
    }

    /** What the consent rules need to know about a stored record filed in this case. */
    public static RecordFacts facts(StoredRecord r, CaseFolder caseFolder) {
        return facts(r.id(), claimantOf(caseFolder), jurisdictionOf(caseFolder), r.properties(), Map.of());
    }

    @SuppressWarnings("unchecked")
    private static RecordFacts facts(String id, String claimantId, String jurisdiction, Map<String, Object> properties,
                                     Map<String, Map<String, Object>> aspects) {
        Map<String, Object> p = new HashMap<>(properties);
        aspects.values().forEach(p::putAll);
        Object labels = p.get(MedCaseModel.PROP_SENSITIVITY_LABELS);
        Set<String> labelSet = labels instanceof Collection<?> c ? new java.util.HashSet<>((Collection<String>) c) : Set.of();
        return new RecordFacts(id, claimantId, (String) p.getOrDefault(MedCaseModel.PROP_RECORD_CATEGORY, "other"), labelSet,
                (LocalDate) p.get(MedCaseModel.PROP_SERVICE_DATE_FROM), (LocalDate) p.get(MedCaseModel.PROP_SERVICE_DATE_TO), jurisdiction);
    }

    @Override
    public void close() {
        bulk.shutdownNow();
    }
}
