package com.medcase.retention;

import com.medcase.audit.InMemoryAuditLedger;
import com.medcase.consent.Principal;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DispositionWorkflowTest {

    final Map<String, Set<String>> holds = new HashMap<>();
    final InMemoryAuditLedger ledger = new InMemoryAuditLedger(Clock.systemUTC());
    final DispositionWorkflow workflow = new DispositionWorkflow(id -> holds.getOrDefault(id, Set.of()), ledger, Clock.systemUTC());
    final Principal manager1 = Principal.recordsTeam("m.one", Principal.Role.RECORDS_MANAGER);
    final Principal manager2 = Principal.recordsTeam("m.two", Principal.Role.RECORDS_MANAGER);
    final Principal clerk = Principal.recordsTeam("c.one", Principal.Role.RECORDS_CLERK);
    static final LocalDate DUE = LocalDate.of(2030, 1, 1);

    DispositionItem item(boolean sensitive) {
        return new DispositionItem("R1", "S-ALL", DispositionAction.DESTROY_ENTIRELY, DUE, sensitive, DispositionItem.Status.SCHEDULED, List.of());
    }

    @Test
    void ordinaryRecordNeedsOneApprovalThenYieldsACertificate() {
        DispositionItem due = workflow.refresh(item(false), DUE);
        assertThat(workflow.refresh(item(false), DUE.minusDays(1)).status()).isEqualTo(DispositionItem.Status.SCHEDULED);
        assertThat(due.status()).isEqualTo(DispositionItem.Status.DUE);
        DispositionItem approved = workflow.approve(due, manager1);
        assertThat(approved.status()).isEqualTo(DispositionItem.Status.APPROVED);
        DestructionCertificate cert = workflow.execute(approved, manager1, "ab".repeat(32));
        assertThat(cert.recordId()).isEqualTo("R1");
        assertThat(cert.scheduleId()).isEqualTo("S-ALL");
        assertThat(cert.approvals()).extracting(Approval::approver).containsExactly("m.one");
        assertThat(cert.contentSha256()).isEqualTo("ab".repeat(32));
        assertThat(cert.certificateHash()).hasSize(64);
        assertThat(ledger.read(1, 10)).extracting(e -> e.event().action()).containsExactly("disposition.approve", "disposition.execute");
    }

    @Test
    void sensitiveRecordNeedsASecondDifferentApprover() {
        DispositionItem once = workflow.approve(workflow.refresh(item(true), DUE), manager1);
        assertThat(once.status()).isEqualTo(DispositionItem.Status.DUE);
        assertThatThrownBy(() -> workflow.approve(once, manager1)).hasMessageContaining("second, different approver");
        assertThatThrownBy(() -> workflow.execute(once, manager1, "x")).hasMessageContaining("needs 2 approval(s)");
        assertThat(workflow.approve(once, manager2).status()).isEqualTo(DispositionItem.Status.APPROVED);
    }

    @Test
    void clerksCannotApprove() {
        assertThatThrownBy(() -> workflow.approve(workflow.refresh(item(false), DUE), clerk)).hasMessageContaining("only records managers");
    }

    @Test
    void aHoldBlocksAtDueTimeAndAHoldAddedAfterApprovalStopsExecution() {
        holds.put("R1", Set.of("HOLD-1"));
        assertThat(workflow.refresh(item(false), DUE).status()).isEqualTo(DispositionItem.Status.BLOCKED_BY_HOLD);
        holds.clear();
        DispositionItem approved = workflow.approve(workflow.refresh(workflow.refresh(item(false), DUE), DUE), manager1);
        holds.put("R1", Set.of("HOLD-2"));
        assertThatThrownBy(() -> workflow.execute(approved, manager1, "x")).hasMessageContaining("under legal hold [HOLD-2]");
    }

    @Property(tries = 100)
    void aHeldItemNeverBecomesDestroyable(@ForAll @IntRange(min = 0, max = 4000) int daysAfter, @ForAll boolean sensitive) {
        Map<String, Set<String>> heldForever = Map.of("R1", Set.of("HOLD-X"));
        DispositionWorkflow w = new DispositionWorkflow(heldForever::get, new InMemoryAuditLedger(Clock.systemUTC()), Clock.systemUTC());
        DispositionItem refreshed = w.refresh(item(sensitive), DUE.plusDays(daysAfter));
        assertThat(refreshed.status()).isEqualTo(DispositionItem.Status.BLOCKED_BY_HOLD);
        assertThatThrownBy(() -> w.approve(refreshed, manager1)).isInstanceOf(DispositionException.class);
        DispositionItem forged = new DispositionItem("R1", "S", DispositionAction.DESTROY_ENTIRELY, DUE, sensitive,
                DispositionItem.Status.APPROVED, List.of());
        assertThatThrownBy(() -> w.execute(forged, manager1, "x")).isInstanceOf(DispositionException.class);
    }

    @Test
    void erasureIsRefusedUnderHoldOrMinimumRetentionAndGrantedAfter() {
        ErasurePolicy policy = new ErasurePolicy();
        DispositionPlan plan = new DispositionPlan("R1", "S-ALL", DispositionAction.DESTROY_ENTIRELY, LocalDate.of(2020, 1, 1),
                LocalDate.of(2027, 1, 1), LocalDate.of(2026, 1, 1), null);
        assertThat(policy.decide(plan, Set.of("HOLD-1"), LocalDate.of(2026, 6, 1)).reason()).contains("legal hold");
        assertThat(policy.decide(plan, Set.of(), LocalDate.of(2025, 6, 1))).satisfies(d -> {
            assertThat(d.granted()).isFalse();
            assertThat(d.reason()).contains("runs until 2026-01-01");
        });
        assertThat(policy.decide(plan, Set.of(), LocalDate.of(2026, 6, 1)).granted()).isTrue();
    }
}
