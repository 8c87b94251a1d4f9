package com.medcase.bench;

import com.medcase.retention.DispositionAction;
import com.medcase.retention.DispositionPlan;
import com.medcase.retention.RetentionFacts;
import com.medcase.retention.RetentionSchedule;
import com.medcase.retention.RetentionSchedules;
import com.medcase.retention.TriggerEvent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Disposition dates for 1,000,000 records against a realistic schedule set. */
@State(Scope.Benchmark)
public class RetentionBenchmark {

    RetentionSchedules schedules;
    List<RetentionFacts> records;

    @Setup
    public void setUp() {
        List<RetentionSchedule> list = new ArrayList<>();
        list.add(new RetentionSchedule("S-ALL", "*", "*", TriggerEvent.CASE_CLOSED, Period.ofYears(7), DispositionAction.DESTROY_ENTIRELY, Period.ofYears(6)));
        String[] jurisdictions = {"US-CA", "US-NY", "US-TX", "US-FL", "US-AL"};
        String[] categories = {"imaging", "laboratory", "billing", "pharmacy", "clinicalNotes"};
        for (String j : jurisdictions) {
            list.add(new RetentionSchedule("S-" + j, "*", j, TriggerEvent.CASE_CLOSED, Period.ofYears(10), DispositionAction.REVIEW, Period.ofYears(7)));
            for (String c : categories) {
                list.add(new RetentionSchedule("S-" + j + "-" + c, c, j, TriggerEvent.LAST_DATE_OF_SERVICE, Period.ofYears(8),
                        DispositionAction.DESTROY_CONTENT_KEEP_METADATA, Period.ofYears(5)));
            }
        }
        schedules = new RetentionSchedules(list, Map.of("US-AL", 19));
        records = new ArrayList<>(1_000_000);
        for (int i = 0; i < 1_000_000; i++) {
            records.add(new RetentionFacts("R-" + i, categories[i % 5] + (i % 7 == 0 ? "x" : ""), jurisdictions[i % 5],
                    LocalDate.of(2024, 1, 1).plusDays(i % 700), LocalDate.of(2023, 1, 1).plusDays(i % 900),
                    i % 3 == 0 ? null : LocalDate.of(2025, 6, 1).plusDays(i % 365), LocalDate.of(1980, 1, 1), false));
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public List<DispositionPlan> planOneMillionRecords() {
        return schedules.planAll(records);
    }
}
