package com.medcase.consent;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static com.medcase.consent.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The consent rules as 45 CFR 164.508 and 42 CFR Part 2 (as amended in 2024) read, one truth table per rule. */
class ConsentRegulationTruthTableTest {

    final ConsentEngine engine = new ConsentEngine();
    final AuthorizationValidator validator = new AuthorizationValidator();
    final Principal adjuster = Principal.outsideParty("adjuster1", "GROUP_ACME_ADJUSTERS");

    AccessDecision decide(Principal p, RecordFacts r, Instant at, Authorization... auths) {
        return engine.decide(p, Action.READ_CONTENT, r, Purpose.LITIGATION, at, ClaimantConsents.of(CLAIMANT, List.of(auths)));
    }

    static Set<AuthorizationKind> kinds(String list) {
        return list.isBlank() ? Set.of() : Arrays.stream(list.trim().split("\\+")).map(String::trim).map(AuthorizationKind::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(AuthorizationKind.class)));
    }

    @Nested
    class PsychotherapyCompound {
        @ParameterizedTest(name = "164.508(b)(3)(ii), (b)(2)(iii): {0} + [{1}] on {2} -> valid {3}, {4}")
        @CsvSource(textBlock = """
                PSYCHOTHERAPY_NOTES, '',                  psychotherapyNotes,    true,  PERMIT
                PSYCHOTHERAPY_NOTES, PSYCHOTHERAPY_NOTES, psychotherapyNotes,    true,  PERMIT
                PSYCHOTHERAPY_NOTES, GENERAL_HIPAA,       psychotherapyNotes,    false, DENY
                PSYCHOTHERAPY_NOTES, GENERAL_HIPAA,       clinicalNotes,         false, DENY
                GENERAL_HIPAA,       PSYCHOTHERAPY_NOTES, psychotherapyNotes,    false, DENY
                GENERAL_HIPAA,       PSYCHOTHERAPY_NOTES, clinicalNotes,         false, DENY
                PSYCHOTHERAPY_NOTES, PART2_SUD,           psychotherapyNotes,    false, DENY
                PART2_SUD,           PSYCHOTHERAPY_NOTES, substanceUseTreatment, false, DENY
                GENERAL_HIPAA,       PART2_SUD,           clinicalNotes,         true,  PERMIT
                """)
        void aPsychotherapyAuthorizationCombinesOnlyWithAnother(AuthorizationKind kind, String others, String category,
                                                               boolean valid, AccessDecision.Outcome expected) {
            Authorization a = combined("A-1", kind, kinds(others), Recipient.named("adjuster1"), permit(category), permit("psychotherapyNotes"));
            if (valid) {
                assertThatCode(() -> validator.validate(a)).doesNotThrowAnyException();
            } else {
                assertThatThrownBy(() -> validator.validate(a)).isInstanceOf(InvalidAuthorizationException.class)
                        .hasMessageContaining("164.508(b)(3)(ii)");
            }
            assertThat(decide(adjuster, record(category), NOW, a).outcome()).isEqualTo(expected);
        }
    }

    @Nested
    class Restrictions {
        @ParameterizedTest(name = "restriction 2025-01-01..2025-06-30 vs record {0}..{1} -> {2}")
        @CsvSource(textBlock = """
                2025-02-01, 2025-02-02, DENY
                2024-12-01, 2025-01-15, DENY
                2025-06-15, 2025-08-01, DENY
                2024-01-01, 2026-01-01, DENY
                2025-06-30, ,           DENY
                ,           ,           DENY
                2024-01-01, 2024-12-31, PERMIT
                2025-07-01, 2025-07-02, PERMIT
                """)
        void aRestrictionCoversEveryRecordOverlappingItsPeriodAndUndatedOnes(LocalDate from, LocalDate to,
                                                                             AccessDecision.Outcome expected) {
            Authorization a = general("A-1", Recipient.named("adjuster1"), permitAll(),
                    Provision.deny(Set.of(), Set.of(), LocalDate.of(2025, 1, 1), LocalDate.of(2025, 6, 30)));
            RecordFacts r = new RecordFacts("R-1", CLAIMANT, "clinicalNotes", Set.of(), from, to);
            assertThat(decide(adjuster, r, NOW, a).outcome()).isEqualTo(expected);
        }

        @ParameterizedTest(name = "a restriction in a {0} authorization still restricts")
        @CsvSource(textBlock = """
                revoked
                expired
                not-yet-started
                other-purpose
                other-kind
                class-recipient
                """)
        void aRestrictionNeverLapsesIntoAccess(String state) {
            Authorization permit = general("A-1", Recipient.named("adjuster1"), permit("", "hiv"));
            Authorization restriction = general("A-2", state.equals("class-recipient") ? Recipient.classOf("GROUP_ACME_ADJUSTERS")
                    : Recipient.named("adjuster1"), permitAll(), Provision.deny(Set.of(), Set.of("hiv")));
            restriction = switch (state) {
                case "revoked" -> restriction.revoke(new Revocation(T0.plusSeconds(60), "m", "letter"));
                case "expired" -> restriction.expireAt(T0.plusSeconds(60));
                case "not-yet-started" -> withDates(restriction, NOW.plusSeconds(3600), EXPIRY, null, SIGNED);
                case "other-purpose" -> new Authorization(restriction.id(), CLAIMANT, restriction.kind(), restriction.discloser(),
                        restriction.recipient(), Set.of(Purpose.RESEARCH), restriction.provisions(), restriction.informationDescription(),
                        restriction.validFrom(), restriction.expiresAt(), null, SIGNED, "Claimant", null, null, true, null,
                        Set.of(), null, HOW_TO_REVOKE, true, true);
                case "other-kind" -> authorization("A-2", AuthorizationKind.PSYCHOTHERAPY_NOTES, Recipient.named("adjuster1"),
                        permit("psychotherapyNotes"), Provision.deny(Set.of(), Set.of("hiv")));
                default -> restriction;
            };
            AccessDecision d = decide(adjuster, record("laboratory", "hiv"), NOW, permit, restriction);
            assertThat(d.outcome()).isEqualTo(AccessDecision.Outcome.DENY);
            assertThat(d.reasons()).containsExactly("deny-provision:A-2");
        }
    }

    @Nested
    class EffectivePeriod {
        @ParameterizedTest(name = "164.508(c)(1)(v),(vi): signed {0}, start {1}, at {2} -> {3}")
        @CsvSource(textBlock = """
                2026-02-01, 2026-01-01T00:00:00Z, 2026-01-15T00:00:00Z, DENY
                2026-02-01, 2026-01-01T00:00:00Z, 2026-01-31T23:59:59Z, DENY
                2026-02-01, 2026-01-01T00:00:00Z, 2026-02-01T00:00:00Z, PERMIT
                2026-02-01, ,                     2026-02-01T00:00:00Z, PERMIT
                2026-02-01, ,                     2026-01-31T12:00:00Z, DENY
                2026-02-01, 2026-03-01T00:00:00Z, 2026-02-15T00:00:00Z, DENY
                2026-02-01, 2026-03-01T00:00:00Z, 2026-03-01T00:00:00Z, PERMIT
                """)
        void effectiveFromTheSignatureOrALaterStartNeverEarlier(LocalDate signed, Instant start, Instant at,
                                                                AccessDecision.Outcome expected) {
            Authorization a = withDates(general("A-1", Recipient.named("adjuster1"), permitAll()), start, EXPIRY, null, signed);
            assertThat(decide(adjuster, record("clinicalNotes"), at, a).outcome()).isEqualTo(expected);
            assertThat(a.isActiveAt(at)).isEqualTo(expected == AccessDecision.Outcome.PERMIT);
        }

        @ParameterizedTest(name = "164.508(b)(2)(i): signed {0}, expires {1} -> valid {2}")
        @CsvSource(textBlock = """
                2026-02-01, 2026-01-31T00:00:00Z, false
                2026-02-01, 2026-02-01T00:00:00Z, false
                2026-02-01, 2026-02-01T00:00:01Z, true
                2026-02-01, 2027-01-01T00:00:00Z, true
                """)
        void anExpiryBeforeTheSignatureIsInvalid(LocalDate signed, Instant expires, boolean valid) {
            Authorization a = withDates(general("A-1", Recipient.named("adjuster1"), permitAll()), null, expires, null, signed);
            if (valid) {
                assertThatCode(() -> validator.validate(a)).doesNotThrowAnyException();
            } else {
                assertThatThrownBy(() -> validator.validate(a)).hasMessageContaining("'expiration'");
                assertThat(decide(adjuster, record("clinicalNotes"), expires.minusSeconds(1), a).permitted()).isFalse();
            }
        }

        @ParameterizedTest(name = "164.508(c)(1)(v) expiry event recorded {0}, at {1} -> {2}")
        @CsvSource(textBlock = """
                ,                     2026-06-01T00:00:00Z, PERMIT
                2026-05-01T10:00:00Z, 2026-05-01T09:59:59Z, PERMIT
                2026-05-01T10:00:00Z, 2026-05-01T10:00:00Z, DENY
                2026-05-01T10:00:00Z, 2026-06-01T00:00:00Z, DENY
                """)
        void anExpiryEventEndsTheAuthorizationWhenRecorded(Instant recorded, Instant at, AccessDecision.Outcome expected) {
            Authorization a = withDates(general("A-1", Recipient.named("adjuster1"), permitAll()), null, null, "end of the litigation", SIGNED);
            assertThatCode(() -> validator.validate(a)).doesNotThrowAnyException();
            Authorization b = recorded == null ? a : a.recordExpiryEvent(recorded);
            assertThat(decide(adjuster, record("clinicalNotes"), at, b).outcome()).isEqualTo(expected);
            assertThat(b.isActiveAt(at)).isEqualTo(expected == AccessDecision.Outcome.PERMIT);
        }

        @Test
        void onlyAStatedExpiryEventCanBeRecorded() {
            assertThatThrownBy(() -> general("A-1", Recipient.named("adjuster1"), permitAll()).recordExpiryEvent(NOW))
                    .hasMessageContaining("states no expiry event");
        }
    }

    @Nested
    class PurposeOfTheRequest {
        @ParameterizedTest(name = "164.508(c)(1)(iv): {0} asking without a purpose -> DENY")
        @CsvSource(textBlock = """
                OUTSIDE_PARTY
                RECORDS_MANAGER
                RECORDS_CLERK
                LEGAL_HOLD_ADMINISTRATOR
                """)
        void aMissingPurposeIsDeniedNeverDefaulted(Principal.Role role) {
            Principal p = role == Principal.Role.OUTSIDE_PARTY ? adjuster : Principal.recordsTeam("u1", role);
            Authorization a = general("A-1", Recipient.named("adjuster1"), permitAll());
            AccessDecision d = engine.decide(p, Action.READ_METADATA, record("clinicalNotes"), null, NOW,
                    ClaimantConsents.of(CLAIMANT, List.of(a)));
            assertThat(d.outcome()).isEqualTo(AccessDecision.Outcome.DENY);
            assertThat(d.reasons()).containsExactly(ConsentEngine.RULE_PURPOSE_REQUIRED);
        }
    }

    @Nested
    class RevocationOnReceipt {
        @ParameterizedTest(name = "164.508(b)(5): received {0}, entered {1}, at {2} -> {3}")
        @CsvSource(textBlock = """
                2026-05-04T09:00:00Z, 2026-05-06T15:00:00Z, 2026-05-04T08:59:59Z, PERMIT
                2026-05-04T09:00:00Z, 2026-05-06T15:00:00Z, 2026-05-04T09:00:00Z, DENY
                2026-05-04T09:00:00Z, 2026-05-06T15:00:00Z, 2026-05-05T12:00:00Z, DENY
                2026-05-04T09:00:00Z, 2026-05-04T09:00:00Z, 2026-05-07T00:00:00Z, DENY
                """)
        void aRevocationTakesEffectOnReceiptNotEntry(Instant received, Instant entered, Instant at, AccessDecision.Outcome expected) {
            Revocation r = Revocation.received(received, entered, "m.jones", "claimant letter");
            assertThat(r.effectiveAt()).isEqualTo(received);
            assertThat(r.enteredAt()).isEqualTo(entered);
            Authorization a = general("A-1", Recipient.named("adjuster1"), permitAll());
            validator.validateRevocation(a, r, entered);
            assertThat(decide(adjuster, record("clinicalNotes"), at, a.revoke(r)).outcome()).isEqualTo(expected);
        }
    }

    @Nested
    class Part2Recipients {
        @ParameterizedTest(name = "2.31(a)(4) as amended: {0} recipient {1}, asked by {2} -> valid {3}, {4}")
        @CsvSource(textBlock = """
                PERSON,     adjuster1,                    adjuster1,       true,  PERMIT
                PERSON,     adjuster1,                    other-person,    true,  DENY
                ENTITY,     GROUP_FIRM_SMITH_LLP,         smith-associate, true,  PERMIT
                ENTITY,     GROUP_FIRM_SMITH_LLP,         other-person,    true,  DENY
                CLASS,      GROUP_ACME_ADJUSTERS,         adjuster1,       true,  PERMIT
                CLASS,      GROUP_ACME_ADJUSTERS,         other-person,    true,  DENY
                OPEN_CLASS, any attorney representing me, adjuster1,       false, DENY
                OPEN_CLASS, any attorney representing me, smith-associate, false, DENY
                """)
        void aPersonAnEntityOrASpecificClassButNeverAnOpenEndedOne(Recipient.Form form, String authority, String requester,
                                                                   boolean valid, AccessDecision.Outcome expected) {
            Recipient recipient = new Recipient(authority, form != Recipient.Form.PERSON, form);
            Authorization a = authorization("A-1", AuthorizationKind.PART2_SUD, recipient, permit("substanceUseTreatment"));
            if (valid) {
                assertThatCode(() -> validator.validate(a)).doesNotThrowAnyException();
            } else {
                assertThatThrownBy(() -> validator.validate(a)).hasMessageContaining("'recipient'").hasMessageContaining("2.31(a)(4)");
            }
            Principal p = switch (requester) {
                case "adjuster1" -> adjuster;
                case "smith-associate" -> Principal.outsideParty("smith-associate", "GROUP_FIRM_SMITH_LLP");
                default -> Principal.outsideParty(requester, "GROUP_OTHER");
            };
            ClaimantConsents consents = ClaimantConsents.of(CLAIMANT, List.of(a));
            RecordFacts r = record("substanceUseTreatment");
            assertThat(decide(p, r, NOW, a).outcome()).isEqualTo(expected);
            // The ACL projection agrees: the grant goes to the recipient's authority exactly when its members are permitted.
            boolean granted = new ReadersProjection(engine).readersOf(r, consents, NOW).contains(new ReaderGrant(authority, ReaderGrant.Level.READ));
            assertThat(granted).isEqualTo(valid);
        }
    }

    @Nested
    class CombinedForms {
        @ParameterizedTest(name = "2.31(b), 164.508(a)(2): Part 2 psychotherapy notes under [{0}] -> {1} {2}")
        @CsvSource(textBlock = """
                PSYCHOTHERAPY_NOTES,                         DENY,   rule:part2-needs-consent-naming-recipient
                PART2_SUD,                                   DENY,   rule:psychotherapy-notes-need-standalone-authorization
                GENERAL_HIPAA+PART2_SUD,                     DENY,   rule:psychotherapy-notes-need-standalone-authorization
                PSYCHOTHERAPY_NOTES;PART2_SUD,               PERMIT, A-1;A-2
                PSYCHOTHERAPY_NOTES;GENERAL_HIPAA+PART2_SUD, PERMIT, A-1;A-2
                PSYCHOTHERAPY_NOTES+PART2_SUD,               DENY,   rule:psychotherapy-compound-authorization-defective
                """)
        void eachGateOfARecordIsSatisfiedByOneFormOrByTwo(String forms, AccessDecision.Outcome expected, String reasons) {
            String[] each = forms.split(";");
            Authorization[] auths = new Authorization[each.length];
            for (int i = 0; i < each.length; i++) {
                Set<AuthorizationKind> k = kinds(each[i]);
                AuthorizationKind first = k.iterator().next();
                Set<AuthorizationKind> rest = EnumSet.copyOf(k);
                rest.remove(first);
                auths[i] = combined("A-" + (i + 1), first, rest, Recipient.named("adjuster1"),
                        permit("psychotherapyNotes", "substanceUse", "psychotherapy"));
            }
            RecordFacts r = record("psychotherapyNotes", "substanceUse", "psychotherapy");
            AccessDecision d = decide(adjuster, r, NOW, auths);
            assertThat(d.outcome()).isEqualTo(expected);
            assertThat(d.reasons()).containsExactlyInAnyOrder(reasons.split(";"));
        }

        @ParameterizedTest(name = "2.31(b) as amended: a HIPAA authorization and a Part 2 consent on one form cover {0} -> {1}")
        @CsvSource(textBlock = """
                clinicalNotes,         PERMIT
                substanceUseTreatment, PERMIT
                psychotherapyNotes,    DENY
                """)
        void oneFormMayCarryAHipaaAuthorizationAndAPart2Consent(String category, AccessDecision.Outcome expected) {
            Authorization a = combined("A-1", AuthorizationKind.GENERAL_HIPAA, Set.of(AuthorizationKind.PART2_SUD),
                    Recipient.named("adjuster1"), permit(category));
            assertThatCode(() -> validator.validate(a)).doesNotThrowAnyException();
            assertThat(decide(adjuster, record(category), NOW, a).outcome()).isEqualTo(expected);
        }
    }

    @Nested
    class Part2Disclosures {
        @ParameterizedTest(name = "2.32(a),(b) as amended: {0} disclosed -> notice and consent copy {1}")
        @CsvSource(textBlock = """
                substanceUseTreatment, true
                clinicalNotes,         false
                """)
        void eachPart2DisclosureCarriesTheNoticeAndTheConsent(String category, boolean part2) {
            Authorization a = combined("A-1", AuthorizationKind.GENERAL_HIPAA, Set.of(AuthorizationKind.PART2_SUD),
                    Recipient.named("adjuster1"), permit(category));
            AccessDecision d = decide(adjuster, record(category), NOW, a);
            assertThat(d.permitted()).isTrue();
            assertThat(d.reasons()).containsExactly("A-1");
            if (part2) {
                assertThat(d.obligations()).containsExactlyInAnyOrder(AccessDecision.Obligation.PART2_REDISCLOSURE_NOTICE,
                        AccessDecision.Obligation.PART2_CONSENT_COPY);
            } else {
                assertThat(d.obligations()).isEmpty();
            }
            assertThat(AccessDecision.PART2_REDISCLOSURE_NOTICE_TEXT).contains("civil, criminal, administrative, or legislative proceedings");
            assertThat(AccessDecision.PART2_REDISCLOSURE_NOTICE_ABBREVIATED_TEXT)
                    .isEqualTo("42 CFR part 2 prohibits unauthorized use or disclosure of these records.");
        }
    }

    @Nested
    class SensitivityLabels {
        @ParameterizedTest(name = "164.508(c)(1)(i) with state labels: {0} record in {1}, permit naming [{2}] -> {3}")
        @CsvSource(textBlock = """
                genetic,      US-XX, '',      PERMIT
                hiv,          US-XX, '',      DENY
                genetic,      US-NY, '',      DENY
                genetic,      ,      '',      DENY
                genetic,      US-NY, genetic, PERMIT
                reproductive, US-NY, '',      DENY
                """)
        void whichLabelsMustBeNamedIsConfiguredPerJurisdiction(String label, String jurisdiction, String named,
                                                               AccessDecision.Outcome expected) {
            ConsentEngine configured = new ConsentEngine(RoleTable.DEFAULT, new SensitivityLabelPolicy(null,
                    Map.of("US-XX", Set.of("hiv", "mentalHealth", "reproductive", "substanceUse", "psychotherapy"))));
            Authorization a = general("A-1", Recipient.named("adjuster1"), named.isBlank() ? permitAll() : permit("", named));
            RecordFacts r = new RecordFacts("R-1", CLAIMANT, "laboratory", Set.of(label), LocalDate.of(2025, 3, 1), null, jurisdiction);
            assertThat(configured.decide(adjuster, Action.READ_CONTENT, r, Purpose.LITIGATION, NOW,
                    ClaimantConsents.of(CLAIMANT, List.of(a))).outcome()).isEqualTo(expected);
        }
    }

    @Nested
    class RecordsTeam {
        @ParameterizedTest(name = "role table: clerk {0} on {1} for {2}, administrative purposes [{3}] -> {4}")
        @CsvSource(textBlock = """
                WRITE,        psychotherapyNotes,    RECORDS_ADMINISTRATION, '',                     DENY
                WRITE,        psychotherapyNotes,    RECORDS_ADMINISTRATION, RECORDS_ADMINISTRATION, PERMIT
                READ_CONTENT, substanceUseTreatment, RECORDS_ADMINISTRATION, RECORDS_ADMINISTRATION, PERMIT
                READ_CONTENT, substanceUseTreatment, TREATMENT,              RECORDS_ADMINISTRATION, DENY
                READ_CONTENT, clinicalNotes,         TREATMENT,              '',                     PERMIT
                """)
        void aClerkHandlesProtectedRecordsAdministrativelyWhereTheFirmSaysSo(Action action, String category, Purpose purpose,
                                                                            String administrative, AccessDecision.Outcome expected) {
            RoleTable table = administrative.isBlank() ? RoleTable.DEFAULT
                    : RoleTable.withAdministrativePurposes(Principal.Role.RECORDS_CLERK, Set.of(Purpose.valueOf(administrative)));
            AccessDecision d = new ConsentEngine(table, SensitivityLabelPolicy.DEFAULT).decide(
                    Principal.recordsTeam("c.one", Principal.Role.RECORDS_CLERK), action, record(category), purpose, NOW,
                    ClaimantConsents.of(CLAIMANT, List.of()));
            assertThat(d.outcome()).isEqualTo(expected);
            if (expected == AccessDecision.Outcome.PERMIT && !category.equals("clinicalNotes")) {
                assertThat(d.reasons()).containsExactly("role:records-clerk:administrative:" + purpose.name());
            }
        }
    }
}
