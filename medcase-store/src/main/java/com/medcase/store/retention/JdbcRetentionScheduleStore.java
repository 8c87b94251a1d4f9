package com.medcase.store.retention;

import com.medcase.retention.DispositionAction;
import com.medcase.retention.RetentionRules;
import com.medcase.retention.RetentionSchedule;
import com.medcase.retention.RetentionSchedules;
import com.medcase.retention.TriggerEvent;
import com.medcase.store.StoreSupport;

import javax.sql.DataSource;
import java.time.Period;
import java.util.List;
import java.util.Map;

/** Retention schedules; the (category, jurisdiction) pair is unique, as the engine requires. */
public final class JdbcRetentionScheduleStore {

    private final StoreSupport db;

    public JdbcRetentionScheduleStore(DataSource dataSource) {
        this.db = new StoreSupport(dataSource);
    }

    public void save(RetentionSchedule s) {
        db.upsert("mc_retention_schedule", "id", s.id(),
                new String[]{"category", "jurisdiction", "trigger_event", "retain_for", "disposition", "minimum_retention",
                        "alternative_trigger_event", "alternative_retain_for", "combination"},
                s.category(), s.jurisdiction(), s.trigger().name(), s.retainFor().toString(), s.action().name(), s.minimumRetention().toString(),
                s.alternativeTrigger() == null ? null : s.alternativeTrigger().name(),
                s.alternativeRetainFor() == null ? null : s.alternativeRetainFor().toString(),
                s.combination() == null ? null : s.combination().name());
    }

    /** Saves a schedule and remembers who set it up: scheduled runs acting under it are audited on their behalf. */
    public void save(RetentionSchedule s, String createdBy) {
        save(s);
        db.update("UPDATE mc_retention_schedule SET created_by = ? WHERE id = ?", createdBy, s.id());
    }

    /** Schedule id to the user who set it up (absent for schedules stored before that was kept). */
    public Map<String, String> owners() {
        Map<String, String> owners = new java.util.HashMap<>();
        db.query("SELECT id, created_by FROM mc_retention_schedule WHERE created_by IS NOT NULL", rs -> owners.put(rs.getString(1), rs.getString(2)));
        return owners;
    }

    public List<RetentionSchedule> all() {
        return db.query("SELECT id, category, jurisdiction, trigger_event, retain_for, disposition, minimum_retention, "
                + "alternative_trigger_event, alternative_retain_for, combination "
                + "FROM mc_retention_schedule ORDER BY id", rs -> new RetentionSchedule(rs.getString(1), rs.getString(2), rs.getString(3),
                TriggerEvent.valueOf(rs.getString(4)), Period.parse(rs.getString(5)), DispositionAction.valueOf(rs.getString(6)),
                Period.parse(rs.getString(7)),
                rs.getString(8) == null ? null : TriggerEvent.valueOf(rs.getString(8)),
                rs.getString(9) == null ? null : Period.parse(rs.getString(9)),
                rs.getString(10) == null ? null : RetentionSchedule.Combination.valueOf(rs.getString(10))));
    }

    public RetentionSchedules inForce(Map<String, Integer> ageOfMajorityByJurisdiction) {
        return new RetentionSchedules(all(), ageOfMajorityByJurisdiction);
    }

    /** The schedules in force, checked against the legal minimums and overlap policy of {@code rules}. */
    public RetentionSchedules inForce(Map<String, Integer> ageOfMajorityByJurisdiction, RetentionRules rules) {
        return new RetentionSchedules(all(), ageOfMajorityByJurisdiction, rules);
    }

    public boolean delete(String id) {
        return db.update("DELETE FROM mc_retention_schedule WHERE id = ?", id) == 1;
    }
}
