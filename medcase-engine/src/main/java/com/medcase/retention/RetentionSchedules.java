package com.medcase.retention;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The schedule set in force and the arithmetic on it. Selection: the most specific matching schedule
 * wins (category and jurisdiction, then category, then jurisdiction, then catch-all). Two schedules
 * equally specific for the same category and jurisdiction are a configuration error, refused when
 * the set is built, so that selection never depends on order.
 */
public final class RetentionSchedules {

    public static final int DEFAULT_AGE_OF_MAJORITY = 18;

    private final List<RetentionSchedule> schedules;
    private final Map<String, Integer> ageOfMajorityByJurisdiction;

    public RetentionSchedules(List<RetentionSchedule> schedules, Map<String, Integer> ageOfMajorityByJurisdiction) {
        this.schedules = List.copyOf(schedules);
        this.ageOfMajorityByJurisdiction = Map.copyOf(ageOfMajorityByJurisdiction);
        for (int i = 0; i < this.schedules.size(); i++) {
            for (int j = i + 1; j < this.schedules.size(); j++) {
                RetentionSchedule a = this.schedules.get(i);
                RetentionSchedule b = this.schedules.get(j);
                if (a.category().equals(b.category()) && a.jurisdiction().equals(b.jurisdiction())) {
                    throw new IllegalArgumentException("Schedules " + a.id() + " and " + b.id() + " both cover category '"
                            + a.category() + "' in jurisdiction '" + a.jurisdiction() + "'; keep one or narrow the other");
                }
            }
        }
    }

    public List<RetentionSchedule> all() {
        return schedules;
    }

    public RetentionSchedule select(String category, String jurisdiction) {
        RetentionSchedule best = null;
        for (RetentionSchedule s : schedules) {
            if (s.matches(category, jurisdiction) && (best == null || s.specificity() > best.specificity())) {
                best = s;
            }
        }
        if (best == null) {
            throw new IllegalStateException("No retention schedule covers category '" + category + "' in jurisdiction '"
                    + jurisdiction + "'; add one (a catch-all '*'/'*' schedule is recommended)");
        }
        return best;
    }

    public DispositionPlan plan(RetentionFacts facts) {
        RetentionSchedule s = select(facts.category(), facts.jurisdiction());
        LocalDate trigger = triggerDate(s.trigger(), facts);
        if (trigger == null) {
            return new DispositionPlan(facts.recordId(), s.id(), s.action(), null, null, null,
                    "waiting for " + s.trigger().name().toLowerCase().replace('_', ' '));
        }
        return new DispositionPlan(facts.recordId(), s.id(), s.action(), trigger, trigger.plus(s.retainFor()),
                trigger.plus(s.minimumRetention()), null);
    }

    /** Plans many records; the list is in input order. */
    public List<DispositionPlan> planAll(List<RetentionFacts> facts) {
        List<DispositionPlan> plans = new ArrayList<>(facts.size());
        for (RetentionFacts f : facts) {
            plans.add(plan(f));
        }
        return plans;
    }

    private LocalDate triggerDate(TriggerEvent trigger, RetentionFacts f) {
        return switch (trigger) {
            case CASE_CLOSED -> f.caseClosedDate();
            case LAST_DATE_OF_SERVICE -> f.lastDateOfService();
            case RECORD_RECEIVED -> f.receivedDate();
            case CLAIMANT_REACHES_MAJORITY -> f.claimantBirthDate() == null ? null
                    : f.claimantBirthDate().plusYears(ageOfMajorityByJurisdiction.getOrDefault(
                            f.jurisdiction(), DEFAULT_AGE_OF_MAJORITY));
        };
    }
}
