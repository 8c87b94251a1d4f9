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
    void anEditThatAlsoRehashesTheEntryIsFoundAtTheEditedEntryNotItsSuccessor() {
        ledger.tamper(list -> {
            AuditEntry e = list.get(4);
            list.set(4, AuditEntry.seal(e.sequence(), e.timestamp(),
                    new AuditEvent("m.jones", null, "consent.decide", "R-5", "DENY", "A-1", Map.of()), e.previousHash()));
            return list;
        });
        assertThat(ledger.verify()).satisfies(v -> {
            assertThat(v.firstBadSequence()).isEqualTo(5);
            assertThat(v.problem()).contains("entry 5 was edited");
        });
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
        assertThat(ledger.verify()).satisfies(v -> {
            assertThat(v.firstBadSequence()).isEqualTo(3);
            assertThat(v.problem()).contains("reordered").doesNotContain("deleted");
        });
    }

    @Test
    void aTruncatedTailIsFoundWithTheLedgersOwnHeadAnchor() {
        ledger.tamper(list -> new java.util.ArrayList<>(list.subList(0, 8)));
        assertThat(ledger.verify()).satisfies(v -> {
            assertThat(v.intact()).isFalse();
            assertThat(v.firstBadSequence()).isEqualTo(9);
            assertThat(v.problem()).contains("head records entry 10").contains("truncated");
        });
        // Without the anchor the shortened chain is self-consistent: that is why the head is kept apart.
        assertThat(LedgerVerifier.verify(ledger.read(1, 100))).isEqualTo(LedgerVerification.ok(8));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "tamper-evident ledger (45 CFR 164.312(b), 164.316(b)(2)): {0} -> entry {1}, {2}")
    @org.junit.jupiter.params.provider.CsvSource(textBlock = """
            edit-5,             5,  edited
            edit-rehash-5,      5,  edited
            edit-rehash-1,      1,  edited
            delete-7,           7,  deleted
            delete-1,           1,  deleted
            swap-3-4,           3,  reordered
            move-2-to-end,      2,  reordered
            move-9-to-front,    1,  reordered
            truncate-after-6,   7,  truncated
            """)
    void theVerifierNamesTheTamperedEntryAndHow(String tampering, long expected, String how) {
        ledger.tamper(list -> {
            String[] t = tampering.split("-");
            switch (t[0]) {
                case "edit" -> {
                    int i = Integer.parseInt(t[t.length - 1]) - 1;
                    AuditEntry e = list.get(i);
                    AuditEvent changed = new AuditEvent("m.jones", null, "consent.decide", e.event().subjectId(), "DENY", "A-1", Map.of());
                    list.set(i, t[1].equals("rehash") ? AuditEntry.seal(e.sequence(), e.timestamp(), changed, e.previousHash())
                            : new AuditEntry(e.sequence(), e.timestamp(), changed, e.previousHash(), e.hash()));
                }
                case "delete" -> list.remove(Integer.parseInt(t[1]) - 1);
                case "swap" -> {
                    AuditEntry a = list.get(2);
                    list.set(2, list.get(3));
                    list.set(3, a);
                }
                case "move" -> {
                    AuditEntry moved = list.remove(Integer.parseInt(t[1]) - 1);
                    if (t[3].equals("end")) {
                        list.add(moved);
                    } else {
                        list.add(0, moved);
                    }
                }
                default -> {
                    return new java.util.ArrayList<>(list.subList(0, 6));
                }
            }
            return list;
        });
        assertThat(ledger.verify()).satisfies(v -> {
            assertThat(v.intact()).isFalse();
            assertThat(v.firstBadSequence()).isEqualTo(expected);
            assertThat(v.problem()).contains(how);
        });
    }

    @Test
    void systemActionsMustNameTheirRealInitiator() {
        assertThatThrownBy(() -> AuditEvent.of("system:expiry-sweep", "consent.expire", "A-1", "DONE", "expired"))
                .hasMessageContaining("onBehalfOf");
    }
}
