package com.medcase.retention;

import com.medcase.audit.InMemoryAuditLedger;
import com.medcase.consent.Principal;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Retention as the schedules, the legal minimums and the overlap policy say, one truth table per rule. */
class RetentionRegulationTruthTableTest {

    static RetentionSchedule single(String id, String category, String jurisdiction, TriggerEvent trigger, String period) {
        return new RetentionSchedule(id, category, jurisdiction, trigger, Period.parse(period), DispositionAction.DESTROY_ENTIRELY, null);
    }

    static RetentionFacts facts(String category, String jurisdiction, LocalDate received, LocalDate lastService, LocalDate closed,
                                LocalDate birth) {
        return new RetentionFacts("R1", category, jurisdiction, received, lastService, closed, birth, false);
    }

    @Nested
    class LegalMinimums {
        static final LegalMinimum CA_HOSPITAL = new LegalMinimum("clinicalNotes", "US-CA", TriggerEvent.LAST_DATE_OF_SERVICE,
                Period.ofYears(7), "Cal. Health & Safety Code 123145");

        @ParameterizedTest(name = "legal minimum 7y after last service for clinicalNotes/US-CA: schedule {0}/{1} {2} after {3} -> accepted {4}")
        @CsvSource(textBlock = """
                clinicalNotes, US-CA, P6Y,  LAST_DATE_OF_SERVICE, false
                clinicalNotes, US-CA, P83M, LAST_DATE_OF_SERVICE, false
                clinicalNotes, US-CA, P7Y,  LAST_DATE_OF_SERVICE, true
                clinicalNotes, US-CA, P84M, LAST_DATE_OF_SERVICE, true
                clinicalNotes, US-NY, P1Y,  LAST_DATE_OF_SERVICE, true
                imaging,       US-CA, P1Y,  LAST_DATE_OF_SERVICE, true
                clinicalNotes, US-CA, P1Y,  CASE_CLOSED,          true
                """)
        void aScheduleBelowTheLegalMinimumIsRefusedNamingIt(String category, String jurisdiction, String period, TriggerEvent trigger,
                                                           boolean accepted) {
            RetentionRules rules = RetentionRules.DEFAULT.withLegalMinimums(List.of(CA_HOSPITAL));
            List<RetentionSchedule> set = List.of(single("S-1", category, jurisdiction, trigger, period));
            if (accepted) {
                assertThatCode(() -> new RetentionSchedules(set, Map.of(), rules)).doesNotThrowAnyException();
            } else {
                assertThatThrownBy(() -> new RetentionSchedules(set, Map.of(), rules)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("below the legal minimum of P7Y").hasMessageContaining("123145");
            }
        }

        @ParameterizedTest(name = "a plan never falls before the legal minimum: last service {0}, case closed {1} -> {2}")
        @CsvSource(textBlock = """
                2020-01-10, 2021-01-01, 2027-01-10
                2020-01-10, 2026-01-01, 2028-01-01
                ,           2021-01-01,
                """)
        void aPlanIsHeldToTheLegalMinimumWhateverScheduleApplies(LocalDate lastService, LocalDate closed, LocalDate expected) {
            // The catch-all counts from case closure, which the minimum does not: plans are held to it instead.
            RetentionSchedules schedules = new RetentionSchedules(List.of(single("S-ALL", "*", "*", TriggerEvent.CASE_CLOSED, "P2Y")),
                    Map.of(), RetentionRules.DEFAULT.withLegalMinimums(List.of(CA_HOSPITAL)));
            DispositionPlan plan = schedules.plan(facts("clinicalNotes", "US-CA", null, lastService, closed, null));
            assertThat(plan.dispositionDate()).isEqualTo(expected);
            if (expected == null) {
                assertThat(plan.pendingReason()).contains("legal minimum").contains("123145");
            } else {
                assertThat(plan.minimumRetentionUntil()).isAfterOrEqualTo(plan.legalMinimumUntil());
            }
        }

        @ParameterizedTest(name = "the workflow re-checks the legal minimum at {0}: today {1}, minimum until {2} -> allowed {3}")
        @CsvSource(textBlock = """
                approval,  2030-01-01, 2030-01-02, false
                approval,  2030-01-02, 2030-01-02, true
                execution, 2030-01-01, 2030-01-02, false
                execution, 2030-01-05, 2030-01-02, true
                approval,  2030-01-05, +999999999-12-31, false
                """)
        void theDispositionWorkflowRechecksTheMinimumAtApprovalAndExecution(String step, LocalDate today, LocalDate minimumUntil,
                                                                            boolean allowed) {
            Clock clock = Clock.fixed(today.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(3600), ZoneOffset.UTC);
            DispositionWorkflow workflow = new DispositionWorkflow(r -> Set.of(), item -> minimumUntil, new InMemoryAuditLedger(clock), clock);
            Principal manager = Principal.recordsTeam("m.one", Principal.Role.RECORDS_MANAGER);
            DispositionItem due = new DispositionItem("R1", "S", DispositionAction.DESTROY_ENTIRELY, LocalDate.of(2029, 1, 1), false,
                    DispositionItem.Status.DUE, List.of(), minimumUntil);
            DispositionItem approved = new DispositionItem("R1", "S", DispositionAction.DESTROY_ENTIRELY, LocalDate.of(2029, 1, 1), false,
                    DispositionItem.Status.APPROVED, List.of(new Approval("m.two", Instant.EPOCH)), minimumUntil);
            Runnable act = step.equals("approval") ? () -> workflow.approve(due, manager) : () -> workflow.execute(approved, manager, "x");
            if (allowed) {
                assertThatCode(act::run).doesNotThrowAnyException();
            } else {
                assertThatThrownBy(act::run).isInstanceOf(DispositionException.class).hasMessageContaining("legal minimum");
            }
        }

        @Test
        void theItemCarriesThePlannedLegalMinimumToTheWorkflow() {
            RetentionSchedules schedules = new RetentionSchedules(List.of(single("S-ALL", "*", "*", TriggerEvent.CASE_CLOSED, "P2Y")),
                    Map.of(), RetentionRules.DEFAULT.withLegalMinimums(List.of(CA_HOSPITAL)));
            DispositionItem item = DispositionItem.from(schedules.plan(facts("clinicalNotes", "US-CA", null,
                    LocalDate.of(2020, 1, 10), LocalDate.of(2021, 1, 1), null)), false);
            assertThat(item.legalMinimumUntil()).isEqualTo(LocalDate.of(2027, 1, 10));
            assertThat(item.dueDate()).isEqualTo(LocalDate.of(2027, 1, 10));
        }
    }

    @Nested
    class Overlaps {
        static final List<RetentionSchedule> LAB_AND_CA = List.of(
                single("S-LAB", "laboratory", "*", TriggerEvent.RECORD_RECEIVED, "P3Y"),
                single("S-CA", "*", "US-CA", TriggerEvent.CASE_CLOSED, "P10Y"),
                single("S-ALL", "*", "*", TriggerEvent.CASE_CLOSED, "P6Y"));

        @Test
        void byDefaultTwoSchedulesNeitherMoreSpecificAreRefusedAsAmbiguous() {
            assertThatThrownBy(() -> new RetentionSchedules(LAB_AND_CA, Map.of()))
                    .hasMessageContaining("S-LAB and S-CA both cover category 'laboratory' in jurisdiction 'US-CA'")
                    .hasMessageContaining("neither is more specific");
        }

        @Test
        void aScheduleForExactlyTheSharedScopeResolvesTheOverlap() {
            List<RetentionSchedule> resolved = new java.util.ArrayList<>(LAB_AND_CA);
            resolved.add(single("S-LAB-CA", "laboratory", "US-CA", TriggerEvent.RECORD_RECEIVED, "P4Y"));
            RetentionSchedules schedules = new RetentionSchedules(resolved, Map.of());
            assertThat(schedules.select("laboratory", "US-CA").id()).isEqualTo("S-LAB-CA");
        }

        @ParameterizedTest(name = "overlap policy LONGER_APPLIES: {0}/{1}, received {2}, closed {3} -> {4} on {5}")
        @CsvSource(textBlock = """
                laboratory,    US-CA, 2020-01-01, 2021-01-01, S-CA,  2031-01-01
                laboratory,    US-CA, 2020-01-01, ,           S-CA,
                laboratory,    US-NY, 2020-01-01, 2021-01-01, S-LAB, 2023-01-01
                clinicalNotes, US-CA, 2020-01-01, 2021-01-01, S-CA,  2031-01-01
                """)
        void orTheLongerOneAppliesNeverTheShorter(String category, String jurisdiction, LocalDate received, LocalDate closed,
                                                  String expectedSchedule, LocalDate expected) {
            RetentionSchedules schedules = new RetentionSchedules(LAB_AND_CA, Map.of(),
                    RetentionRules.DEFAULT.withOverlap(RetentionRules.OverlapPolicy.LONGER_APPLIES));
            DispositionPlan plan = schedules.plan(facts(category, jurisdiction, received, null, closed, null));
            assertThat(plan.scheduleId()).isEqualTo(expectedSchedule);
            assertThat(plan.dispositionDate()).isEqualTo(expected);
        }
    }

    @Nested
    class CompositeTriggers {
        @ParameterizedTest(name = "3y after majority or 7y after last service, whichever is {0}: born {1}, last service {2} -> {3}")
        @CsvSource(textBlock = """
                LATER,   2010-05-01, 2020-03-01, 2031-05-01
                LATER,   2000-05-01, 2020-03-01, 2027-03-01
                LATER,   2010-05-01, ,
                LATER,   ,           2020-03-01,
                EARLIER, 2010-05-01, 2020-03-01, 2027-03-01
                EARLIER, 2000-05-01, 2020-03-01, 2021-05-01
                EARLIER, 2010-05-01, ,           2031-05-01
                EARLIER, ,           ,
                """)
        void whicheverIsLaterOrEarlier(RetentionSchedule.Combination combination, LocalDate born, LocalDate lastService,
                                       LocalDate expected) {
            RetentionSchedule s = new RetentionSchedule("S-MINOR", "*", "*", TriggerEvent.CLAIMANT_REACHES_MAJORITY, Period.ofYears(3),
                    DispositionAction.DESTROY_ENTIRELY, null, TriggerEvent.LAST_DATE_OF_SERVICE, Period.ofYears(7), combination);
            DispositionPlan plan = new RetentionSchedules(List.of(s), Map.of()).plan(facts("pharmacy", "US-NY", null, lastService, null, born));
            assertThat(plan.dispositionDate()).isEqualTo(expected);
            if (expected == null) {
                assertThat(plan.pendingReason()).startsWith("waiting for");
            }
        }

        @Test
        void aCompositeScheduleStatesWhichDateApplies() {
            assertThatThrownBy(() -> new RetentionSchedule("S", "*", "*", TriggerEvent.CLAIMANT_REACHES_MAJORITY, Period.ofYears(3),
                    DispositionAction.REVIEW, null, TriggerEvent.LAST_DATE_OF_SERVICE, Period.ofYears(7), null))
                    .hasMessageContaining("later or the earlier");
        }

        @ParameterizedTest(name = "legal minimum 7y after last service vs composite {0}: {1} or {2} -> accepted {3}")
        @CsvSource(textBlock = """
                EARLIER, P8Y, P6Y, false
                EARLIER, P8Y, P7Y, true
                LATER,   P8Y, P6Y, true
                LATER,   P6Y, P5Y, false
                """)
        void aCompositeScheduleBelowTheLegalMinimumIsRefused(RetentionSchedule.Combination combination, String first, String second,
                                                             boolean accepted) {
            RetentionSchedule s = new RetentionSchedule("S", "*", "*", TriggerEvent.LAST_DATE_OF_SERVICE, Period.parse(first),
                    DispositionAction.REVIEW, null, TriggerEvent.LAST_DATE_OF_SERVICE, Period.parse(second), combination);
            RetentionRules rules = RetentionRules.DEFAULT.withLegalMinimums(List.of(
                    new LegalMinimum("*", "*", TriggerEvent.LAST_DATE_OF_SERVICE, Period.ofYears(7), "state law")));
            if (accepted) {
                assertThatCode(() -> new RetentionSchedules(List.of(s), Map.of(), rules)).doesNotThrowAnyException();
            } else {
                assertThatThrownBy(() -> new RetentionSchedules(List.of(s), Map.of(), rules)).hasMessageContaining("legal minimum of P7Y");
            }
        }
    }
}
