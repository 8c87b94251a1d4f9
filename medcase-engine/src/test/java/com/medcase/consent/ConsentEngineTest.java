package com.medcase.consent;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static com.medcase.consent.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

class ConsentEngineTest {

    final ConsentEngine engine = new ConsentEngine();

    AccessDecision decide(Principal p, Action action, RecordFacts r, Purpose purpose, java.time.Instant at, Authorization... auths) {
        return engine.decide(p, action, r, purpose, at, ClaimantConsents.of(CLAIMANT, List.of(auths)));
    }

    @Nested
    class RecordsTeamRoles {
        @ParameterizedTest(name = "{0} {1} {2} -> {3}")
        @CsvSource(textBlock = """
                RECORDS_MANAGER,          READ_CONTENT,  psychotherapyNotes,    PERMIT
                RECORDS_MANAGER,          WRITE,         substanceUseTreatment, PERMIT
                RECORDS_CLERK,            READ_CONTENT,  clinicalNotes,         PERMIT
                RECORDS_CLERK,            WRITE,         imaging,               PERMIT
                RECORDS_CLERK,            READ_METADATA, psychotherapyNotes,    PERMIT
                RECORDS_CLERK,            READ_CONTENT,  psychotherapyNotes,    DENY
                RECORDS_CLERK,            READ_CONTENT,  substanceUseTreatment, DENY
                RECORDS_CLERK,            WRITE,         substanceUseTreatment, DENY
                LEGAL_HOLD_ADMINISTRATOR, READ_METADATA, clinicalNotes,         PERMIT
                LEGAL_HOLD_ADMINISTRATOR, READ_CONTENT,  clinicalNotes,         DENY
                LEGAL_HOLD_ADMINISTRATOR, WRITE,         billing,               DENY
                OPERATIONS,               READ_CONTENT,  psychotherapyNotes,    DENY
                OPERATIONS,               READ_CONTENT,  substanceUseTreatment, DENY
                OPERATIONS,               READ_CONTENT,  clinicalNotes,         DENY
                OPERATIONS,               READ_METADATA, clinicalNotes,         DENY
                OPERATIONS,               WRITE,         billing,               DENY
                """)
        void roleTable(Principal.Role role, Action action, String category, AccessDecision.Outcome expected) {
            AccessDecision d = decide(Principal.recordsTeam("u1", role), action, record(category), Purpose.LITIGATION, NOW);
            assertThat(d.outcome()).isEqualTo(expected);
            assertThat(d.reasons()).allSatisfy(r -> assertThat(r).startsWith("role:"));
        }

        /** Issue 10: the operations role runs the service; no purpose, not even an administrative one, opens content to it. */
        @ParameterizedTest(name = "operations {0} for {1}")
        @CsvSource(textBlock = """
                psychotherapyNotes,    RECORDS_ADMINISTRATION
                substanceUseTreatment, LITIGATION
                clinicalNotes,         TREATMENT
                """)
        void operationsNeverReadsContent(String category, Purpose purpose) {
            AccessDecision d = decide(Principal.recordsTeam("ops", Principal.Role.OPERATIONS), Action.READ_CONTENT, record(category), purpose, NOW,
                    general("A-OPS", Recipient.named("ops"), permitAll()));
            assertThat(d.outcome()).isEqualTo(AccessDecision.Outcome.DENY);
            assertThat(d.reasons()).containsExactly("role:operations:no-content");
        }

        @org.junit.jupiter.api.Test
        void aRoleTableCannotOpenContentToOperations() {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RoleTable(
                            java.util.Map.of(Principal.Role.OPERATIONS, java.util.Map.of(Action.READ_CONTENT, RoleTable.Reach.ALL)), null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("OPERATIONS");
        }
    }

    @Nested
    class OutsideParties {
        final Principal adjuster = Principal.outsideParty("adjuster1", "GROUP_ACME_ADJUSTERS");

        @ParameterizedTest(name = "{0} record under {1} authorization for {2} -> {3} ({4})")
        @CsvSource(textBlock = """
                clinicalNotes,         GENERAL_HIPAA,       named, PERMIT, A-1
                clinicalNotes,         GENERAL_HIPAA,       class, PERMIT, A-1
                psychotherapyNotes,    GENERAL_HIPAA,       named, DENY,   rule:psychotherapy-notes-need-standalone-authorization
                psychotherapyNotes,    PSYCHOTHERAPY_NOTES, named, PERMIT, A-1
                clinicalNotes,         PSYCHOTHERAPY_NOTES, named, DENY,   rule:no-applicable-authorization
                substanceUseTreatment, GENERAL_HIPAA,       named, DENY,   rule:part2-needs-consent-naming-recipient
                substanceUseTreatment, PART2_SUD,           named, PERMIT, A-1
                substanceUseTreatment, PART2_SUD,           class, PERMIT, A-1
                clinicalNotes,         PART2_SUD,           named, DENY,   rule:no-applicable-authorization
                """)
        // 2.31(a)(4) as amended in 2024: a specifically identified class is a valid Part 2 recipient (row 8).
        void kindsAndRecipients(String category, AuthorizationKind kind, String recipientForm,
                                AccessDecision.Outcome expected, String reason) {
            Recipient recipient = recipientForm.equals("named") ? Recipient.named("adjuster1") : Recipient.classOf("GROUP_ACME_ADJUSTERS");
            Authorization a = authorization("A-1", kind, recipient, permit(category));
            AccessDecision d = decide(adjuster, Action.READ_CONTENT, record(category), Purpose.LITIGATION, NOW, a);
            assertThat(d.outcome()).isEqualTo(expected);
            assertThat(d.reasons()).containsExactly(reason);
        }

        @Test
        void part2DisclosureCarriesTheRedisclosureNotice() {
            Authorization a = authorization("A-2", AuthorizationKind.PART2_SUD, Recipient.named("adjuster1"), permit("substanceUseTreatment"));
            AccessDecision d = decide(adjuster, Action.READ_CONTENT, record("substanceUseTreatment"), Purpose.LITIGATION, NOW, a);
            assertThat(d.obligations()).containsExactlyInAnyOrder(AccessDecision.Obligation.PART2_REDISCLOSURE_NOTICE,
                    AccessDecision.Obligation.PART2_CONSENT_COPY);
            assertThat(AccessDecision.PART2_REDISCLOSURE_NOTICE_TEXT).contains("42 CFR part 2");
        }

        @ParameterizedTest(name = "at {0} -> {1}")
        @CsvSource(textBlock = """
                2025-12-31T23:59:59Z, DENY
                2026-01-01T00:00:00Z, PERMIT
                2026-12-31T23:59:59Z, PERMIT
                2027-01-01T00:00:00Z, DENY
                """)
        void validityWindowIsHalfOpen(java.time.Instant at, AccessDecision.Outcome expected) {
            Authorization a = general("A-1", Recipient.named("adjuster1"), permitAll());
            assertThat(decide(adjuster, Action.READ_CONTENT, record("clinicalNotes"), Purpose.LITIGATION, at, a).outcome()).isEqualTo(expected);
        }

        @Test
        void revocationTakesEffectWhenRecordedAndIsNotRetroactive() {
            Authorization a = general("A-1", Recipient.named("adjuster1"), permitAll())
                    .revoke(new Revocation(NOW, "records-manager-1", "claimant letter"));
            assertThat(decide(adjuster, Action.READ_CONTENT, record("clinicalNotes"), Purpose.LITIGATION, NOW.minusSeconds(1), a).permitted()).isTrue();
            assertThat(decide(adjuster, Action.READ_CONTENT, record("clinicalNotes"), Purpose.LITIGATION, NOW, a).permitted()).isFalse();
        }

        @Test
        void denyProvisionOverridesAPermitInAnotherAuthorization() {
            Authorization permitAllAuth = general("A-1", Recipient.named("adjuster1"), permitAll(), permit("", "hiv"));
            Authorization denyHiv = general("A-2", Recipient.classOf("GROUP_ACME_ADJUSTERS"), permitAll(), Provision.deny(Set.of(), Set.of("hiv")));
            AccessDecision d = decide(adjuster, Action.READ_CONTENT, record("laboratory", "hiv"), Purpose.LITIGATION, NOW, permitAllAuth, denyHiv);
            assertThat(d.outcome()).isEqualTo(AccessDecision.Outcome.DENY);
            assertThat(d.reasons()).containsExactly("deny-provision:A-2");
        }

        @Test
        void sensitiveLabelsMustBeNamedToBeCovered() {
            Authorization a = general("A-1", Recipient.named("adjuster1"), permitAll());
            assertThat(decide(adjuster, Action.READ_CONTENT, record("laboratory", "hiv"), Purpose.LITIGATION, NOW, a).permitted()).isFalse();
            Authorization named = general("A-2", Recipient.named("adjuster1"), permit("", "hiv"));
            assertThat(decide(adjuster, Action.READ_CONTENT, record("laboratory", "hiv"), Purpose.LITIGATION, NOW, named).permitted()).isTrue();
        }

        @Test
        void purposeMustBeAuthorized() {
            Authorization a = general("A-1", Recipient.named("adjuster1"), permitAll());
            assertThat(decide(adjuster, Action.READ_CONTENT, record("clinicalNotes"), Purpose.RESEARCH, NOW, a).reasons())
                    .containsExactly(ConsentEngine.RULE_NO_APPLICABLE_AUTHORIZATION);
        }

        @Test
        void datesOfServiceOutsideTheCoveredPeriodAreNotDisclosed() {
            Authorization a = general("A-1", Recipient.named("adjuster1"),
                    Provision.permit(Set.of(), Set.of(), LocalDate.of(2025, 1, 1), LocalDate.of(2025, 2, 28)));
            assertThat(decide(adjuster, Action.READ_CONTENT, record("clinicalNotes"), Purpose.LITIGATION, NOW, a).permitted()).isFalse();
        }

        @Test
        void outsidePartiesNeverWriteAndOtherPartiesSeeNothing() {
            Authorization a = general("A-1", Recipient.named("adjuster1"), permitAll());
            assertThat(decide(adjuster, Action.WRITE, record("clinicalNotes"), Purpose.LITIGATION, NOW, a).reasons())
                    .containsExactly(ConsentEngine.RULE_OUTSIDE_PARTY_READ_ONLY);
            assertThat(decide(Principal.outsideParty("someone-else"), Action.READ_CONTENT, record("clinicalNotes"), Purpose.LITIGATION, NOW, a).permitted())
                    .isFalse();
        }

        @Test
        void anotherClaimantsConsentsNeverApply() {
            Authorization a = general("A-1", Recipient.named("adjuster1"), permitAll());
            RecordFacts other = new RecordFacts("R-9", "CL-2", "clinicalNotes", Set.of(), null, null);
            assertThat(decide(adjuster, Action.READ_CONTENT, other, Purpose.LITIGATION, NOW, a).reasons())
                    .containsExactly(ConsentEngine.RULE_CLAIMANT_MISMATCH);
        }
    }
}
