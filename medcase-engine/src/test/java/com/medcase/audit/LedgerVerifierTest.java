package com.medcase.audit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LedgerVerifierTest {

    InMemoryAuditLedger ledger;

    @BeforeEach
    void tenEntries() {
        ledger = new InMemoryAuditLedger(Clock.fixed(Instant.parse("2026-05-01T10:00:00Z"), ZoneOffset.UTC));
        for (int i = 1; i <= 10; i++) {
            ledger.append(new AuditEvent("m.jones", null, "consent.decide", "R-" + i, "PERMIT", "A-1", Map.of("purpose", "LITIGATION")));
        }
    }

    @Test
    void anUntouchedLedgerVerifies() {
        assertThat(ledger.verify()).isEqualTo(LedgerVerification.ok(10));
    }

    @Test
    void anEditIsFoundAtTheEditedEntry() {
        ledger.tamper(list -> {
            AuditEntry e = list.get(4);
            list.set(4, new AuditEntry(e.sequence(), e.timestamp(),
                    new AuditEvent("m.jones", null, "consent.decide", "R-5", "DENY", "A-1", Map.of()), e.previousHash(), e.hash()));
            return list;
        });
        assertThat(ledger.verify()).satisfies(v -> {
            assertThat(v.intact()).isFalse();
            assertThat(v.firstBadSequence()).isEqualTo(5);
            assertThat(v.problem()).contains("edited");
        });
    }

    @Test
    void anEditThatAlsoRehashesTheEntryIsFoundAtTheNextOne() {
        ledger.tamper(list -> {
            AuditEntry e = list.get(4);
            list.set(4, AuditEntry.seal(e.sequence(), e.timestamp(),
                    new AuditEvent("m.jones", null, "consent.decide", "R-5", "DENY", "A-1", Map.of()), e.previousHash()));
            return list;
        });
        assertThat(ledger.verify().firstBadSequence()).isEqualTo(6);
    }

    @Test
    void aDeletionIsFoundWhereTheGapIs() {
        ledger.tamper(list -> {
            list.remove(6);
            return list;
        });
        assertThat(ledger.verify()).satisfies(v -> {
            assertThat(v.firstBadSequence()).isEqualTo(7);
            assertThat(v.problem()).contains("missing");
        });
    }

    @Test
    void aReorderingIsFound() {
        ledger.tamper(list -> {
            AuditEntry third = list.get(2);
            list.set(2, list.get(3));
            list.set(3, third);
            return list;
        });
        assertThat(ledger.verify().firstBadSequence()).isEqualTo(3);
    }

    @Test
    void truncatingTheTailIsNotAnEditButTheCountShowsIt() {
        ledger.tamper(list -> list.subList(0, 8));
        assertThat(ledger.verify()).isEqualTo(LedgerVerification.ok(8));
    }

    @Test
    void systemActionsMustNameTheirRealInitiator() {
        assertThatThrownBy(() -> AuditEvent.of("system:expiry-sweep", "consent.expire", "A-1", "DONE", "expired"))
                .hasMessageContaining("onBehalfOf");
    }
}
