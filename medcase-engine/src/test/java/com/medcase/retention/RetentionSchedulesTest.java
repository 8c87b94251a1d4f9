package com.medcase.retention;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetentionSchedulesTest {

    static final RetentionSchedules SCHEDULES = new RetentionSchedules(List.of(
            new RetentionSchedule("S-ALL", "*", "*", TriggerEvent.CASE_CLOSED, Period.ofYears(7), DispositionAction.DESTROY_ENTIRELY, Period.ofYears(6)),
            new RetentionSchedule("S-CA", "*", "US-CA", TriggerEvent.CASE_CLOSED, Period.ofYears(10), DispositionAction.REVIEW, Period.ofYears(7)),
            new RetentionSchedule("S-IMG", "imaging", "*", TriggerEvent.LAST_DATE_OF_SERVICE, Period.ofYears(5), DispositionAction.DESTROY_CONTENT_KEEP_METADATA, null),
            new RetentionSchedule("S-IMG-CA", "imaging", "US-CA", TriggerEvent.RECORD_RECEIVED, Period.ofYears(8), DispositionAction.TRANSFER, null),
            new RetentionSchedule("S-MINOR", "pharmacy", "*", TriggerEvent.CLAIMANT_REACHES_MAJORITY, Period.ofYears(3), DispositionAction.DESTROY_ENTIRELY, Period.ofYears(1)),
            // pharmacy/* and */US-CA are not comparable: their shared scope needs its own schedule.
            new RetentionSchedule("S-MINOR-CA", "pharmacy", "US-CA", TriggerEvent.CLAIMANT_REACHES_MAJORITY, Period.ofYears(10), DispositionAction.REVIEW, Period.ofYears(1))),
            Map.of("US-AL", 19));

    @Nested
    class Selection {
        @ParameterizedTest(name = "{0} in {1} -> {2}")
        @CsvSource(textBlock = """
                imaging,       US-CA, S-IMG-CA
                imaging,       US-NY, S-IMG
                clinicalNotes, US-CA, S-CA
                clinicalNotes, US-NY, S-ALL
                pharmacy,      US-CA, S-MINOR-CA
                pharmacy,      US-NY, S-MINOR
                """)
        void mostSpecificWins(String category, String jurisdiction, String expected) {
            assertThat(SCHEDULES.select(category, jurisdiction).id()).isEqualTo(expected);
        }

        @Test
        void ambiguousSchedulesAreRefused() {
            assertThatThrownBy(() -> new RetentionSchedules(List.of(
                    new RetentionSchedule("A", "lab", "*", TriggerEvent.CASE_CLOSED, Period.ofYears(1), DispositionAction.REVIEW, null),
                    new RetentionSchedule("B", "lab", "*", TriggerEvent.CASE_CLOSED, Period.ofYears(2), DispositionAction.REVIEW, null)), Map.of()))
                    .hasMessageContaining("A and B both cover category 'lab'").hasMessageContaining("neither is more specific");
        }
    }

    @Nested
    class Dates {
        @ParameterizedTest(name = "{0}/{1}: trigger {2} -> disposition {3}")
        @CsvSource(textBlock = """
                clinicalNotes, US-NY, 2026-03-31, 2033-03-31
                imaging,       US-NY, 2024-02-29, 2029-02-28
                imaging,       US-CA, 2025-01-10, 2033-01-10
                pharmacy,      US-NY, 2008-07-01, 2029-07-01
                pharmacy,      US-AL, 2008-07-01, 2030-07-01
                """)
        void dispositionDateFollowsTriggerAndPeriod(String category, String jurisdiction, LocalDate trigger, LocalDate expected) {
            RetentionFacts facts = new RetentionFacts("R1", category, jurisdiction, LocalDate.of(2025, 1, 10), LocalDate.of(2024, 2, 29),
                    LocalDate.of(2026, 3, 31), LocalDate.of(2008, 7, 1), false);
            DispositionPlan plan = SCHEDULES.plan(facts);
            assertThat(plan.dispositionDate()).isEqualTo(expected);
            assertThat(plan.triggerDate()).isNotNull();
        }

        @Test
        void anOpenCaseHasNoDateUntilItClosesThenTheDateIsRecomputed() {
            RetentionFacts open = new RetentionFacts("R1", "clinicalNotes", "US-NY", LocalDate.of(2025, 1, 1), null, null, null, false);
            DispositionPlan pending = SCHEDULES.plan(open);
            assertThat(pending.pending()).isTrue();
            assertThat(pending.pendingReason()).isEqualTo("waiting for case closed");
            RetentionFacts closed = new RetentionFacts("R1", "clinicalNotes", "US-NY", LocalDate.of(2025, 1, 1), null, LocalDate.of(2026, 1, 15), null, false);
            assertThat(SCHEDULES.plan(closed).dispositionDate()).isEqualTo(LocalDate.of(2033, 1, 15));
        }
    }
}
