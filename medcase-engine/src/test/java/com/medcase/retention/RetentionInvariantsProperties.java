package com.medcase.retention;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Invariants over random schedule sets, legal minimums and record facts. */
class RetentionInvariantsProperties {

    static final List<String> CATEGORIES = List.of("*", "laboratory", "imaging");
    static final List<String> JURISDICTIONS = List.of("*", "US-CA", "US-NY");

    @Property(tries = 500)
    void aScheduleNeverYieldsADueDateBeforeTheLegalMinimum(@ForAll("scheduleSets") List<RetentionSchedule> schedules,
                                                           @ForAll("minimums") List<LegalMinimum> minimums,
                                                           @ForAll("facts") RetentionFacts facts,
                                                           @ForAll boolean longerApplies) {
        RetentionRules rules = new RetentionRules(minimums, longerApplies ? RetentionRules.OverlapPolicy.LONGER_APPLIES
                : RetentionRules.OverlapPolicy.REFUSE);
        RetentionSchedules set;
        try {
            set = new RetentionSchedules(withCatchAll(schedules), Map.of("US-CA", 18), rules);
        } catch (IllegalArgumentException refused) {
            Assume.that(false); // a refused set plans nothing
            return;
        }
        DispositionPlan plan = set.plan(facts);
        for (LegalMinimum m : minimums) {
            if (!m.matches(facts.category(), facts.jurisdiction())) {
                continue;
            }
            LocalDate trigger = trigger(m.trigger(), facts);
            if (trigger == null) {
                assertThat(plan.pending()).as("legal trigger unknown, so no date: " + plan).isTrue();
            } else if (!plan.pending()) {
                assertThat(plan.dispositionDate()).as(m.describe()).isAfterOrEqualTo(trigger.plus(m.minimum()));
                assertThat(plan.minimumRetentionUntil()).isAfterOrEqualTo(trigger.plus(m.minimum()));
            }
        }
        if (!plan.pending()) {
            DispositionItem item = DispositionItem.from(plan, facts.sensitive());
            assertThat(item.legalMinimumUntil() == null || !item.dueDate().isBefore(item.legalMinimumUntil())).isTrue();
        }
    }

    static List<RetentionSchedule> withCatchAll(List<RetentionSchedule> schedules) {
        if (schedules.stream().anyMatch(s -> s.category().equals("*") && s.jurisdiction().equals("*"))) {
            return schedules;
        }
        List<RetentionSchedule> all = new java.util.ArrayList<>(schedules);
        all.add(new RetentionSchedule("S-ALL", "*", "*", TriggerEvent.CASE_CLOSED, Period.ofYears(1), DispositionAction.REVIEW, null));
        return all;
    }

    static LocalDate trigger(TriggerEvent t, RetentionFacts f) {
        return switch (t) {
            case CASE_CLOSED -> f.caseClosedDate();
            case LAST_DATE_OF_SERVICE -> f.lastDateOfService();
            case RECORD_RECEIVED -> f.receivedDate();
            case CLAIMANT_REACHES_MAJORITY -> f.claimantBirthDate() == null ? null : f.claimantBirthDate().plusYears(18);
            case RELATIONSHIP_ENDED -> f.relationshipEndedDate();
        };
    }

    @Provide
    Arbitrary<List<RetentionSchedule>> scheduleSets() {
        Arbitrary<RetentionSchedule.Combination> combination = Arbitraries.of(RetentionSchedule.Combination.class).injectNull(0.5);
        Arbitrary<RetentionSchedule> schedule = Combinators.combine(Arbitraries.of(CATEGORIES), Arbitraries.of(JURISDICTIONS),
                        Arbitraries.of(TriggerEvent.class), Arbitraries.integers().between(0, 12), Arbitraries.of(TriggerEvent.class),
                        Arbitraries.integers().between(0, 12), combination, Arbitraries.integers().between(0, 5))
                .as((c, j, t1, y1, t2, y2, comb, min) -> new RetentionSchedule("S", c, j, t1, Period.ofYears(y1),
                        DispositionAction.DESTROY_ENTIRELY, Period.ofYears(min), comb == null ? null : t2,
                        comb == null ? null : Period.ofYears(y2), comb));
        return schedule.list().ofMinSize(1).ofMaxSize(4).map(list -> {
            List<RetentionSchedule> unique = new java.util.ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                RetentionSchedule s = list.get(i);
                unique.add(new RetentionSchedule("S-" + i, s.category(), s.jurisdiction(), s.trigger(), s.retainFor(), s.action(),
                        s.minimumRetention(), s.alternativeTrigger(), s.alternativeRetainFor(), s.combination()));
            }
            return unique;
        });
    }

    @Provide
    Arbitrary<List<LegalMinimum>> minimums() {
        return Combinators.combine(Arbitraries.of(CATEGORIES), Arbitraries.of(JURISDICTIONS), Arbitraries.of(TriggerEvent.class),
                        Arbitraries.integers().between(0, 10))
                .as((c, j, t, y) -> new LegalMinimum(c, j, t, Period.ofYears(y), "law " + c + "/" + j))
                .list().ofMaxSize(3);
    }

    @Provide
    Arbitrary<RetentionFacts> facts() {
        Arbitrary<LocalDate> day = Arbitraries.integers().between(0, 20 * 365).map(d -> LocalDate.of(2000, 1, 1).plusDays(d));
        return Combinators.combine(Arbitraries.of("laboratory", "imaging", "billing"), Arbitraries.of("US-CA", "US-NY", "US-TX"),
                        day.injectNull(0.2), day.injectNull(0.2), day.injectNull(0.3), day.injectNull(0.3))
                .as((c, j, received, service, closed, born) -> new RetentionFacts("R", c, j, received, service, closed, born, false));
    }
}
