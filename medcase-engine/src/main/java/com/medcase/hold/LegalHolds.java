package com.medcase.hold;

import com.medcase.audit.AuditEvent;
import com.medcase.audit.AuditLedger;
import com.medcase.consent.Principal;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Creates, fills and releases legal holds; every action is audited under its real actor. */
public final class LegalHolds {

    private final HoldRepository repository;
    private final AuditLedger ledger;
    private final Clock clock;

    public LegalHolds(HoldRepository repository, AuditLedger ledger, Clock clock) {
        this.repository = repository;
        this.ledger = ledger;
        this.clock = clock;
    }

    public LegalHold create(Principal who, String name, String matter, String reason) {
        String subject = name == null || name.isBlank() ? "(new hold)" : name;
        requireAdministrator(who, "hold.create", subject, "create a legal hold");
        requireText(who, "hold.create", subject, name, "name", "give the hold a name");
        requireText(who, "hold.create", subject, matter, "matter", "name the matter (case, claim or litigation) the hold is for");
        requireText(who, "hold.create", subject, reason, "reason", "state why the records must be preserved");
        LegalHold hold = new LegalHold("HOLD-" + UUID.randomUUID(), name, matter, reason, who.id(), clock.instant(),
                LegalHold.Status.ACTIVE, null, null, null);
        repository.save(hold);
        ledger.append(new AuditEvent(who.id(), null, "hold.create", hold.id(), "DONE", reason, Map.of("matter", matter)));
        return hold;
    }

    public HeldStateChange addItems(Principal who, String holdId, Set<String> itemIds) {
        requireAdministrator(who, "hold.add-items", holdId, "add items to a legal hold");
        LegalHold hold = activeHold(who, "hold.add-items", holdId);
        return add(who, hold, itemIds);
    }

    /**
     * Adds the items a scope resolves to. Who may do it and whether the hold is active are checked
     * first: a refused request resolves nothing and is audited as refused.
     */
    public HeldStateChange addScope(Principal who, String holdId, HoldScope scope, HoldScopeResolver resolver) {
        requireAdministrator(who, "hold.add-scope", holdId, "add a scope to a legal hold");
        LegalHold hold = activeHold(who, "hold.add-scope", holdId);
        Set<String> items = resolver.resolve(scope);
        ledger.append(new AuditEvent(who.id(), null, "hold.add-scope", holdId, "RESOLVED", null,
                Map.of("scope", scope.kind().name(), "items", Integer.toString(items.size()))));
        return add(who, hold, items);
    }

    /**
     * Adds records that fall in a scope the hold already covers (a case, a claimant, a saved query) as
     * the system job {@code system:<job>}, on behalf of the administrator who placed the hold: their
     * decision to hold the scope is what authorizes it, so no role is checked; the hold must be active.
     */
    public HeldStateChange coverInScope(String job, String holdId, Set<String> itemIds) {
        LegalHold hold = repository.find(holdId).orElse(null);
        if (hold == null || !hold.active()) {
            return new HeldStateChange(holdId, Set.of(), Set.of()); // released meanwhile: nothing to cover
        }
        return add("system:" + job, hold.createdBy(), hold, itemIds);
    }

    private HeldStateChange add(Principal who, LegalHold hold, Set<String> itemIds) {
        return add(who.id(), null, hold, itemIds);
    }

    private HeldStateChange add(String actor, String onBehalfOf, LegalHold hold, Set<String> itemIds) {
        Set<String> wasHeld = new HashSet<>();
        for (String item : itemIds) {
            if (!repository.activeHoldsOf(item).isEmpty()) {
                wasHeld.add(item);
            }
        }
        Set<String> added = repository.addItems(hold.id(), itemIds, actor);
        Set<String> nowHeld = new HashSet<>(added);
        nowHeld.removeAll(wasHeld);
        ledger.append(new AuditEvent(actor, onBehalfOf, "hold.add-items", hold.id(), "DONE", null,
                Map.of("added", Integer.toString(added.size()), "newlyHeld", Integer.toString(nowHeld.size()))));
        return new HeldStateChange(hold.id(), nowHeld, Set.of());
    }

    public HeldStateChange release(Principal who, String holdId, String reason) {
        requireAdministrator(who, "hold.release", holdId, "release a legal hold");
        requireText(who, "hold.release", holdId, reason, "reason", "state why the hold can be released (e.g. matter settled on a date)");
        activeHold(who, "hold.release", holdId);
        LegalHold hold = repository.find(holdId).orElseThrow();
        repository.save(hold.released(who.id(), clock.instant(), reason));
        Set<String> nowFree = new HashSet<>();
        for (String item : repository.itemsOf(holdId)) {
            if (repository.activeHoldsOf(item).isEmpty()) {
                nowFree.add(item);
            }
        }
        ledger.append(new AuditEvent(who.id(), null, "hold.release", holdId, "DONE", reason,
                Map.of("nowFree", Integer.toString(nowFree.size()))));
        return new HeldStateChange(holdId, Set.of(), nowFree);
    }

    /**
     * Takes items out of an active hold (a record put on hold in error, or no longer relevant to the
     * matter), as Governance Services' "remove from hold": administrators only, with a reason, audited.
     * An item stays held while another active hold contains it; {@code nowFree} are those no hold keeps.
     */
    public HeldStateChange removeItems(Principal who, String holdId, Set<String> itemIds, String reason) {
        requireAdministrator(who, "hold.remove-items", holdId, "remove items from a legal hold");
        requireText(who, "hold.remove-items", holdId, reason, "reason", "state why these records no longer need preserving under this hold");
        activeHold(who, "hold.remove-items", holdId);
        Set<String> removed = repository.removeItems(holdId, itemIds);
        Set<String> nowFree = new HashSet<>();
        for (String item : removed) {
            if (repository.activeHoldsOf(item).isEmpty()) {
                nowFree.add(item);
            }
        }
        ledger.append(new AuditEvent(who.id(), null, "hold.remove-items", holdId, "DONE", reason,
                Map.of("removed", Integer.toString(removed.size()), "nowFree", Integer.toString(nowFree.size()))));
        return new HeldStateChange(holdId, Set.of(), nowFree);
    }

    public boolean isHeld(String itemId) {
        return !repository.activeHoldsOf(itemId).isEmpty();
    }

    public Set<String> holdsOf(String itemId) {
        return repository.activeHoldsOf(itemId);
    }

    public List<LegalHold> all() {
        return repository.all();
    }

    private LegalHold activeHold(Principal who, String action, String holdId) {
        LegalHold hold = repository.find(holdId).orElse(null);
        if (hold == null) {
            throw refuse(who, action, holdId, "No legal hold " + holdId + "; list holds to find its id");
        }
        if (!hold.active()) {
            throw refuse(who, action, holdId, "Legal hold " + holdId + " was released on " + hold.releasedAt() + "; create a new hold");
        }
        return hold;
    }

    /** Role first, before any side effect (resolving a scope, touching the repository). */
    private void requireAdministrator(Principal who, String action, String subject, String what) {
        if (who.role() != Principal.Role.LEGAL_HOLD_ADMINISTRATOR) {
            throw refuse(who, action, subject, who.id() + " may not " + what + ": only legal hold administrators may");
        }
    }

    private void requireText(Principal who, String action, String subject, String value, String element, String fix) {
        if (value == null || value.isBlank()) {
            throw refuse(who, action, subject, "A legal hold needs a " + element + ": " + fix);
        }
    }

    /** A refused operation is audited as REFUSED, with why, and changes nothing else. */
    private HoldException refuse(Principal who, String action, String subject, String why) {
        ledger.append(new AuditEvent(who.id(), null, action, subject == null ? "(none)" : subject, "REFUSED", why, Map.of()));
        return new HoldException(why);
    }
}
