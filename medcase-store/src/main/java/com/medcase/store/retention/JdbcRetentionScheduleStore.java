package com.medcase.store.retention;

import com.medcase.retention.DispositionAction;
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
                new String[]{"category", "jurisdiction", "trigger_event", "retain_for", "disposition", "minimum_retention"},
                s.category(), s.jurisdiction(), s.trigger().name(), s.retainFor().toString(), s.action().name(), s.minimumRetention().toString());
    }

    public List<RetentionSchedule> all() {
        return db.query("SELECT id, category, jurisdiction, trigger_event, retain_for, disposition, minimum_retention "
                + "FROM mc_retention_schedule ORDER BY id", rs -> new RetentionSchedule(rs.getString(1), rs.getString(2), rs.getString(3),
                TriggerEvent.valueOf(rs.getString(4)), Period.parse(rs.getString(5)), DispositionAction.valueOf(rs.getString(6)),
                Period.parse(rs.getString(7))));
    }

    public RetentionSchedules inForce(Map<String, Integer> ageOfMajorityByJurisdiction) {
        return new RetentionSchedules(all(), ageOfMajorityByJurisdiction);
    }

    public boolean delete(String id) {
        return db.update("DELETE FROM mc_retention_schedule WHERE id = ?", id) == 1;
    }
}
