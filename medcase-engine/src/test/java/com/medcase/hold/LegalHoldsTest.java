package com.medcase.hold;

import com.medcase.audit.InMemoryAuditLedger;
import com.medcase.consent.Principal;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LegalHoldsTest {

    final InMemoryAuditLedger ledger = new InMemoryAuditLedger(Clock.systemUTC());
    final LegalHolds holds = new LegalHolds(new InMemoryHoldRepository(), ledger, Clock.systemUTC());
    final Principal admin = Principal.recordsTeam("h.admin", Principal.Role.LEGAL_HOLD_ADMINISTRATOR);
    final Principal manager = Principal.recordsTeam("m.jones", Principal.Role.RECORDS_MANAGER);

    @Test
    void releasingOneHoldKeepsItemsHeldByAnother() {
        LegalHold first = holds.create(admin, "Smith v. Acme", "CLM-1", "litigation pending");
        LegalHold second = holds.create(admin, "Regulator inquiry", "INQ-7", "regulator request");
        assertThat(holds.addItems(admin, first.id(), Set.of("R1", "R2")).nowHeld()).containsExactlyInAnyOrder("R1", "R2");
        assertThat(holds.addItems(admin, second.id(), Set.of("R2", "R3")).nowHeld()).containsExactly("R3");

        HeldStateChange released = holds.release(admin, first.id(), "settled 2026-05-01");
        assertThat(released.nowFree()).containsExactly("R1");
        assertThat(holds.isHeld("R1")).isFalse();
        assertThat(holds.isHeld("R2")).isTrue();
        assertThat(holds.holdsOf("R2")).containsExactly(second.id());
        assertThat(ledger.verify().intact()).isTrue();
        assertThat(ledger.read(1, 100)).extracting(e -> e.event().action())
                .containsExactly("hold.create", "hold.create", "hold.add-items", "hold.add-items", "hold.release");
    }

    /** Removing single records (Governance Services "remove from hold"): role, reason, audit; freed only when no other hold has them. */
    @Test
    void removingRecordsFromAHoldFreesOnlyThoseNoOtherHoldHas() {
        LegalHold first = holds.create(admin, "Smith v. Acme", "CLM-1", "litigation pending");
        LegalHold second = holds.create(admin, "Regulator inquiry", "INQ-7", "regulator request");
        holds.addItems(admin, first.id(), Set.of("R1", "R2", "R3"));
        holds.addItems(admin, second.id(), Set.of("R2"));

        assertThatThrownBy(() -> holds.removeItems(manager, first.id(), Set.of("R1"), "filed in error"))
                .hasMessageContaining("only legal hold administrators");
        assertThatThrownBy(() -> holds.removeItems(admin, first.id(), Set.of("R1"), " ")).hasMessageContaining("needs a reason");
        HeldStateChange removed = holds.removeItems(admin, first.id(), Set.of("R1", "R2", "R9"), "filed in error");
        assertThat(removed.nowFree()).containsExactly("R1");
        assertThat(holds.isHeld("R1")).isFalse();
        assertThat(holds.holdsOf("R2")).containsExactly(second.id());
        assertThat(holds.isHeld("R3")).isTrue();
        assertThat(ledger.read(1, 100)).filteredOn(e -> e.event().action().equals("hold.remove-items"))
                .extracting(e -> e.event().outcome()).containsExactly("REFUSED", "REFUSED", "DONE");
        assertThat(ledger.verify().intact()).isTrue();
    }

    @Test
    void scopeIsResolvedToItems() {
        LegalHold hold = holds.create(admin, "Case hold", "CLM-2", "anticipated litigation");
        HeldStateChange change = holds.addScope(admin, hold.id(), new HoldScope(HoldScope.Kind.CASE, "CLM-2"),
                scope -> Set.of("R10", "R11"));
        assertThat(change.nowHeld()).containsExactlyInAnyOrder("R10", "R11");
    }

    @Test
    void onlyAdministratorsCreateOrRelease() {
        assertThatThrownBy(() -> holds.create(manager, "x", "y", "z")).hasMessageContaining("only legal hold administrators");
        LegalHold hold = holds.create(admin, "x", "y", "z");
        assertThatThrownBy(() -> holds.release(manager, hold.id(), "done")).hasMessageContaining("only legal hold administrators");
    }

    @Test
    void reasonIsMandatoryToCreateAndRelease() {
        assertThatThrownBy(() -> holds.create(admin, "x", "y", " ")).hasMessageContaining("needs a reason");
        LegalHold hold = holds.create(admin, "x", "y", "z");
        assertThatThrownBy(() -> holds.release(admin, hold.id(), null)).hasMessageContaining("needs a reason");
        holds.release(admin, hold.id(), "settled");
        assertThatThrownBy(() -> holds.addItems(admin, hold.id(), Set.of("R1"))).hasMessageContaining("was released");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "FRCP 37(e) preservation: {0} by {1} -> refused before any side effect, audited REFUSED")
    @org.junit.jupiter.params.provider.CsvSource(textBlock = """
            add-scope, RECORDS_MANAGER
            add-scope, RECORDS_CLERK
            add-items, RECORDS_MANAGER
            release,   RECORDS_CLERK
            create,    RECORDS_MANAGER
            add-scope, RELEASED_HOLD
            add-items, UNKNOWN_HOLD
            """)
    void aRefusedHoldOperationIsAuditedAsRefusedNeverAsResolved(String operation, String refusal) {
        LegalHold hold = holds.create(admin, "Case hold", "CLM-3", "anticipated litigation");
        String holdId = hold.id();
        Principal who = admin;
        switch (refusal) {
            case "RELEASED_HOLD" -> holds.release(admin, holdId, "settled");
            case "UNKNOWN_HOLD" -> holdId = "HOLD-unknown";
            default -> who = Principal.recordsTeam("someone", Principal.Role.valueOf(refusal));
        }
        int before = ledger.read(1, 1000).size();
        java.util.concurrent.atomic.AtomicInteger resolved = new java.util.concurrent.atomic.AtomicInteger();
        Principal actor = who;
        String target = holdId;
        Runnable act = switch (operation) {
            case "add-scope" -> () -> holds.addScope(actor, target, new HoldScope(HoldScope.Kind.CASE, "CLM-3"), scope -> {
                resolved.incrementAndGet();
                return Set.of("R20");
            });
            case "add-items" -> () -> holds.addItems(actor, target, Set.of("R20"));
            case "release" -> () -> holds.release(actor, target, "done");
            default -> () -> holds.create(actor, "x", "y", "z");
        };
        assertThatThrownBy(act::run).isInstanceOf(HoldException.class);
        assertThat(resolved).hasValue(0);
        assertThat(holds.isHeld("R20")).isFalse();
        var after = ledger.read(before + 1, 1000);
        assertThat(after).hasSize(1);
        assertThat(after.get(0).event().outcome()).isEqualTo("REFUSED");
        assertThat(after.get(0).event().action()).isEqualTo("hold." + operation);
        assertThat(ledger.verify().intact()).isTrue();
    }
}
