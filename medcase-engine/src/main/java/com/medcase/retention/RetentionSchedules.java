package com.medcase.retention;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The schedule set in force and the arithmetic on it.
 * <p>
 * Selection: of the schedules matching a record, those not overridden by a more specific matching one
 * apply. "More specific" is scope inclusion: {@code imaging/US-CA} is more specific than
 * {@code imaging/*}, {@code * /US-CA} and {@code * / *}; but {@code imaging/*} and {@code * /US-CA} are
 * not comparable, and neither are two schedules of the same scope. Where two incomparable schedules
 * would both apply and no schedule covers exactly their shared scope, the {@link RetentionRules.OverlapPolicy}
 * decides: the set is refused as ambiguous (default), or the schedule keeping the record longer
 * applies. The shorter one never silently wins, and selection never depends on order.
 * <p>
 * Legal minimums: a schedule below a legal minimum for its category and jurisdiction is refused,
 * naming the minimum; and no plan's disposition date falls before the legal minimum of its record,
 * whatever schedule applies.
 */
public final class RetentionSchedules {

    public static final int DEFAULT_AGE_OF_MAJORITY = 18;

    /** Periods are compared by adding them to one fixed day (so P12M equals P1Y). */
    private static final LocalDate PERIOD_ORIGIN = LocalDate.of(2000, 1, 1);

    private final List<RetentionSchedule> schedules;
    private final Map<String, Integer> ageOfMajorityByJurisdiction;
    private final RetentionRules rules;

    public RetentionSchedules(List<RetentionSchedule> schedules, Map<String, Integer> ageOfMajorityByJurisdiction) {
        this(schedules, ageOfMajorityByJurisdiction, RetentionRules.DEFAULT);
    }

    public RetentionSchedules(List<RetentionSchedule> schedules, Map<String, Integer> ageOfMajorityByJurisdiction,
                              RetentionRules rules) {
        this.schedules = List.copyOf(schedules);
        this.ageOfMajorityByJurisdiction = Map.copyOf(ageOfMajorityByJurisdiction);
        this.rules = rules == null ? RetentionRules.DEFAULT : rules;
        for (RetentionSchedule s : this.schedules) {
            refuseBelowLegalMinimum(s);
        }
        if (this.rules.overlap() == RetentionRules.OverlapPolicy.REFUSE) {
            refuseAmbiguous();
        }
    }

    public List<RetentionSchedule> all() {
        return schedules;
    }

    public RetentionRules rules() {
        return rules;
    }

    /**
     * The schedule that applies to a category and jurisdiction. Where overlapping schedules are
     * accepted and several apply, the one with the longest retention period; {@link #plan} compares
     * the actual dates instead.
     */
    public RetentionSchedule select(String category, String jurisdiction) {
        List<RetentionSchedule> applicable = applicable(category, jurisdiction);
        RetentionSchedule best = applicable.get(0);
        for (RetentionSchedule s : applicable) {
            if (longest(s).isAfter(longest(best))) {
                best = s;
            }
        }
        return best;
    }

    public DispositionPlan plan(RetentionFacts facts) {
        List<RetentionSchedule> applicable = applicable(facts.category(), facts.jurisdiction());
        DispositionPlan chosen = null;
        for (RetentionSchedule s : applicable) {
            DispositionPlan p = planUnder(s, facts);
            chosen = chosen == null ? p : longer(chosen, p);
        }
        return chosen;
    }

    /** Plans many records; the list is in input order. */
    public List<DispositionPlan> planAll(List<RetentionFacts> facts) {
        List<DispositionPlan> plans = new ArrayList<>(facts.size());
        for (RetentionFacts f : facts) {
            plans.add(plan(f));
        }
        return plans;
    }

    /**
     * The first day the law allows disposing of a record: the latest of the applicable legal minimums.
     * Null when none applies; {@link LocalDate#MAX} while a minimum's trigger has not happened.
     */
    public LocalDate legalMinimumUntil(RetentionFacts facts) {
        LocalDate until = null;
        for (LegalMinimum m : rules.legalMinimums()) {
            if (!m.matches(facts.category(), facts.jurisdiction())) {
                continue;
            }
            LocalDate trigger = triggerDate(m.trigger(), facts);
            LocalDate date = trigger == null ? LocalDate.MAX : trigger.plus(m.minimum());
            until = until == null || date.isAfter(until) ? date : until;
        }
        return until;
    }

    private DispositionPlan planUnder(RetentionSchedule s, RetentionFacts facts) {
        LocalDate t1 = triggerDate(s.trigger(), facts);
        LocalDate d1 = t1 == null ? null : t1.plus(s.retainFor());
        LocalDate trigger = t1;
        LocalDate date = d1;
        String waitingFor = t1 == null ? words(s.trigger()) : null;
        if (s.composite()) {
            LocalDate t2 = triggerDate(s.alternativeTrigger(), facts);
            LocalDate d2 = t2 == null ? null : t2.plus(s.alternativeRetainFor());
            if (s.combination() == RetentionSchedule.Combination.LATER) {
                // Whichever is later: an unknown date could be the later one, so the plan waits for it.
                if (d1 == null || d2 == null) {
                    date = null;
                    waitingFor = d1 == null && d2 == null ? words(s.trigger()) + " and " + words(s.alternativeTrigger())
                            : d1 == null ? words(s.trigger()) : words(s.alternativeTrigger());
                } else if (d2.isAfter(d1)) {
                    date = d2;
                    trigger = t2;
                }
            } else {
                // Whichever is earlier: a known date bounds it; an unknown one can only bring it forward later.
                if (d1 == null && d2 == null) {
                    waitingFor = words(s.trigger()) + " or " + words(s.alternativeTrigger());
                } else if (d1 == null || (d2 != null && d2.isBefore(d1))) {
                    date = d2;
                    trigger = t2;
                    waitingFor = null;
                } else {
                    waitingFor = null;
                }
            }
        }
        LocalDate legal = legalMinimumUntil(facts);
        if (date == null) {
            return new DispositionPlan(facts.recordId(), s.id(), s.action(), null, null, null, "waiting for " + waitingFor,
                    legal == LocalDate.MAX ? null : legal);
        }
        if (legal == LocalDate.MAX) {
            return new DispositionPlan(facts.recordId(), s.id(), s.action(), trigger, null, null,
                    "waiting for the trigger of a legal minimum " + pendingLegal(facts), null);
        }
        LocalDate minimumUntil = trigger.plus(s.minimumRetention());
        if (legal != null) {
            date = date.isBefore(legal) ? legal : date;
            minimumUntil = minimumUntil.isBefore(legal) ? legal : minimumUntil;
        }
        return new DispositionPlan(facts.recordId(), s.id(), s.action(), trigger, date, minimumUntil, null, legal);
    }

    private String pendingLegal(RetentionFacts facts) {
        StringBuilder sb = new StringBuilder();
        for (LegalMinimum m : rules.legalMinimums()) {
            if (m.matches(facts.category(), facts.jurisdiction()) && triggerDate(m.trigger(), facts) == null) {
                sb.append(sb.isEmpty() ? "" : "; ").append(m.describe());
            }
        }
        return sb.toString();
    }

    /** Of two plans for one record, the one keeping it longer; a pending plan could be the longer one. */
    private static DispositionPlan longer(DispositionPlan a, DispositionPlan b) {
        if (a.pending() || b.pending()) {
            return a.pending() ? a : b;
        }
        DispositionPlan later = b.dispositionDate().isAfter(a.dispositionDate()) ? b : a;
        DispositionPlan other = later == a ? b : a;
        LocalDate minimumUntil = later.minimumRetentionUntil().isBefore(other.minimumRetentionUntil())
                ? other.minimumRetentionUntil() : later.minimumRetentionUntil();
        return new DispositionPlan(later.recordId(), later.scheduleId(), later.action(), later.triggerDate(),
                later.dispositionDate(), minimumUntil, null, later.legalMinimumUntil());
    }

    /** The matching schedules no more specific matching schedule overrides; never empty. */
    private List<RetentionSchedule> applicable(String category, String jurisdiction) {
        List<RetentionSchedule> matching = new ArrayList<>();
        for (RetentionSchedule s : schedules) {
            if (s.matches(category, jurisdiction)) {
                matching.add(s);
            }
        }
        if (matching.isEmpty()) {
            throw new IllegalStateException("No retention schedule covers category '" + category + "' in jurisdiction '"
                    + jurisdiction + "'; add one (a catch-all '*'/'*' schedule is recommended)");
        }
        List<RetentionSchedule> result = new ArrayList<>(matching.size());
        for (RetentionSchedule s : matching) {
            boolean overridden = false;
            for (RetentionSchedule t : matching) {
                overridden |= t.moreSpecificThan(s);
            }
            if (!overridden) {
                result.add(s);
            }
        }
        return result;
    }

    private void refuseAmbiguous() {
        for (int i = 0; i < schedules.size(); i++) {
            for (int j = i + 1; j < schedules.size(); j++) {
                RetentionSchedule a = schedules.get(i);
                RetentionSchedule b = schedules.get(j);
                String category = meet(a.category(), b.category());
                String jurisdiction = meet(a.jurisdiction(), b.jurisdiction());
                if (category == null || jurisdiction == null || a.moreSpecificThan(b) || b.moreSpecificThan(a)) {
                    continue; // disjoint, or one plainly overrides the other
                }
                boolean resolved = false;
                for (RetentionSchedule t : schedules) {
                    resolved |= t != a && t != b && t.category().equals(category) && t.jurisdiction().equals(jurisdiction);
                }
                if (!resolved) {
                    throw new IllegalArgumentException("Schedules " + a.id() + " and " + b.id() + " both cover category '" + category
                            + "' in jurisdiction '" + jurisdiction + "' and neither is more specific; add a schedule for exactly that"
                            + " scope, narrow one of them, or let the longer one apply (overlap policy LONGER_APPLIES)");
                }
            }
        }
    }

    /** The intersection of two scope values, or null when disjoint. */
    private static String meet(String a, String b) {
        if (a.equals(RetentionSchedule.ANY)) {
            return b;
        }
        if (b.equals(RetentionSchedule.ANY) || a.equals(b)) {
            return a;
        }
        return null;
    }

    /**
     * Refuses a schedule below a legal minimum that binds it. A minimum binds a schedule when it
     * covers the schedule's scope (the schedule is the one applied to those records). A term counted
     * from the minimum's own trigger is compared directly; where the triggers differ, plans are held to
     * the minimum instead.
     */
    private void refuseBelowLegalMinimum(RetentionSchedule s) {
        for (LegalMinimum m : rules.legalMinimums()) {
            boolean binds = (m.category().equals(RetentionSchedule.ANY) || m.category().equals(s.category()))
                    && (m.jurisdiction().equals(RetentionSchedule.ANY) || m.jurisdiction().equals(s.jurisdiction()));
            if (!binds) {
                continue;
            }
            boolean firstBelow = s.trigger() == m.trigger() && shorter(s.retainFor(), m.minimum());
            boolean below;
            if (!s.composite()) {
                below = firstBelow;
            } else {
                boolean secondBelow = s.alternativeTrigger() == m.trigger() && shorter(s.alternativeRetainFor(), m.minimum());
                boolean bothSameTrigger = s.trigger() == m.trigger() && s.alternativeTrigger() == m.trigger();
                below = s.combination() == RetentionSchedule.Combination.EARLIER
                        ? firstBelow || secondBelow
                        : bothSameTrigger && firstBelow && secondBelow;
            }
            if (below) {
                throw new IllegalArgumentException("Schedule " + s.id() + " keeps records " + describe(s)
                        + ", below the legal minimum of " + m.describe() + "; keep them at least " + m.minimum());
            }
        }
    }

    private static String describe(RetentionSchedule s) {
        String first = s.retainFor() + " after " + words(s.trigger());
        return !s.composite() ? first : first + " or " + s.alternativeRetainFor() + " after " + words(s.alternativeTrigger())
                + ", whichever is " + s.combination().name().toLowerCase(Locale.ROOT);
    }

    private static boolean shorter(Period a, Period b) {
        return PERIOD_ORIGIN.plus(a).isBefore(PERIOD_ORIGIN.plus(b));
    }

    private static LocalDate longest(RetentionSchedule s) {
        LocalDate first = PERIOD_ORIGIN.plus(s.retainFor());
        if (!s.composite()) {
            return first;
        }
        LocalDate second = PERIOD_ORIGIN.plus(s.alternativeRetainFor());
        return second.isAfter(first) ? second : first;
    }

    static String words(TriggerEvent trigger) {
        return trigger.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private LocalDate triggerDate(TriggerEvent trigger, RetentionFacts f) {
        return switch (trigger) {
            case CASE_CLOSED -> f.caseClosedDate();
            case LAST_DATE_OF_SERVICE -> f.lastDateOfService();
            case RECORD_RECEIVED -> f.receivedDate();
            case RELATIONSHIP_ENDED -> f.relationshipEndedDate();
            case CLAIMANT_REACHES_MAJORITY -> f.claimantBirthDate() == null ? null
                    : f.claimantBirthDate().plusYears(ageOfMajorityByJurisdiction.getOrDefault(
                            f.jurisdiction(), DEFAULT_AGE_OF_MAJORITY));
        };
    }
}
