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
        requireAdministrator(who, "create a legal hold");
        requireText(name, "name", "give the hold a name");
        requireText(matter, "matter", "name the matter (case, claim or litigation) the hold is for");
        requireText(reason, "reason", "state why the records must be preserved");
        LegalHold hold = new LegalHold("HOLD-" + UUID.randomUUID(), name, matter, reason, who.id(), clock.instant(),
                LegalHold.Status.ACTIVE, null, null, null);
        repository.save(hold);
        ledger.append(new AuditEvent(who.id(), null, "hold.create", hold.id(), "DONE", reason, Map.of("matter", matter)));
        return hold;
    }

    public HeldStateChange addItems(Principal who, String holdId, Set<String> itemIds) {
        requireAdministrator(who, "add items to a legal hold");
        LegalHold hold = activeHold(holdId);
        Set<String> wasHeld = new HashSet<>();
        for (String item : itemIds) {
            if (!repository.activeHoldsOf(item).isEmpty()) {
                wasHeld.add(item);
            }
        }
        Set<String> added = repository.addItems(hold.id(), itemIds, who.id());
        Set<String> nowHeld = new HashSet<>(added);
        nowHeld.removeAll(wasHeld);
        ledger.append(new AuditEvent(who.id(), null, "hold.add-items", hold.id(), "DONE", null,
                Map.of("added", Integer.toString(added.size()), "newlyHeld", Integer.toString(nowHeld.size()))));
        return new HeldStateChange(hold.id(), nowHeld, Set.of());
    }

    public HeldStateChange addScope(Principal who, String holdId, HoldScope scope, HoldScopeResolver resolver) {
        Set<String> items = resolver.resolve(scope);
        ledger.append(new AuditEvent(who.id(), null, "hold.add-scope", holdId, "RESOLVED", null,
                Map.of("scope", scope.kind().name(), "items", Integer.toString(items.size()))));
        return addItems(who, holdId, items);
    }

    public HeldStateChange release(Principal who, String holdId, String reason) {
        requireAdministrator(who, "release a legal hold");
        requireText(reason, "reason", "state why the hold can be released (e.g. matter settled on a date)");
        LegalHold hold = activeHold(holdId);
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

    public boolean isHeld(String itemId) {
        return !repository.activeHoldsOf(itemId).isEmpty();
    }

    public Set<String> holdsOf(String itemId) {
        return repository.activeHoldsOf(itemId);
    }

    public List<LegalHold> all() {
        return repository.all();
    }

    private LegalHold activeHold(String holdId) {
        LegalHold hold = repository.find(holdId)
                .orElseThrow(() -> new HoldException("No legal hold " + holdId + "; list holds to find its id"));
        if (!hold.active()) {
            throw new HoldException("Legal hold " + holdId + " was released on " + hold.releasedAt() + "; create a new hold");
        }
        return hold;
    }

    private static void requireAdministrator(Principal who, String what) {
        if (who.role() != Principal.Role.LEGAL_HOLD_ADMINISTRATOR) {
            throw new HoldException(who.id() + " may not " + what + ": only legal hold administrators may");
        }
    }

    private static void requireText(String value, String element, String fix) {
        if (value == null || value.isBlank()) {
            throw new HoldException("A legal hold needs a " + element + ": " + fix);
        }
    }
}
