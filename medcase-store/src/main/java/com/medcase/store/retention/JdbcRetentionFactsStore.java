package com.medcase.store.retention;

import com.medcase.retention.DispositionPlan;
import com.medcase.retention.RetentionFacts;
import com.medcase.store.PostgresCopy;
import com.medcase.store.StoreSupport;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The retention facts of every governed record (the dates its retention can count from) and the
 * planning that turns them into disposition-queue entries.
 * <p>
 * A record's facts are written when it is filed and its id enters the planning queue
 * ({@code mc_retention_unplanned}); a trigger event (case closed or reopened, birth date or end of
 * relationship learned) rewrites the facts of every record of the case or claimant with one statement and
 * queues them again. {@link #planUnplanned} then plans them in batches, each batch one transaction that
 * takes its ids off the queue (deleting the rows locks them: a trigger event queueing one of them again
 * waits, and is planned afresh after the commit, never lost; a second planner skips them), reads their
 * facts, and writes the disposition queue. A crash between batches loses nothing (the ids of an unfinished
 * batch are still queued) and doubles nothing (the disposition queue is keyed by record).
 */
public final class JdbcRetentionFactsStore {

    private static final String COLUMNS = "record_id, category, jurisdiction, received_date, last_service_date, case_closed_date, "
            + "claimant_birth_date, sensitive, relationship_ended_date";

    /** Queues records for planning (again): those of the facts rows matching {@code where}. */
    private static final String QUEUE = "INSERT INTO mc_retention_unplanned (record_id) SELECT record_id FROM mc_retention_facts WHERE ";

    /** Queue entries put there by a granted erasure request carry this schedule prefix. */
    public static final String ERASURE_PREFIX = "erasure:";

    private final DataSource dataSource;
    private final StoreSupport db;

    public JdbcRetentionFactsStore(DataSource dataSource) {
        this.dataSource = dataSource;
        this.db = new StoreSupport(dataSource);
    }

    /**
     * What planning did to the queue; {@code bySchedule} counts entries (re)scheduled per schedule, and
     * {@code dueBySchedule} / {@code blockedBySchedule} the new entries whose date had already come and that
     * entered the review queue at once (due, or blocked by a hold), when planning was asked to queue them.
     */
    public record PlanningOutcome(int planned, int scheduled, int rescheduled, int withdrawn, int waiting,
                                  List<String> withdrawnIds, Map<String, Integer> bySchedule,
                                  Map<String, Long> dueBySchedule, Map<String, Long> blockedBySchedule) {
        public static final PlanningOutcome NONE = new PlanningOutcome(0, 0, 0, 0, 0, List.of(), Map.of(), Map.of(), Map.of());

        public long due() {
            return dueBySchedule.values().stream().mapToLong(Long::longValue).sum();
        }

        public long blocked() {
            return blockedBySchedule.values().stream().mapToLong(Long::longValue).sum();
        }

        PlanningOutcome plus(PlanningOutcome o) {
            List<String> ids = new ArrayList<>(withdrawnIds);
            ids.addAll(o.withdrawnIds);
            Map<String, Integer> by = new TreeMap<>(bySchedule);
            o.bySchedule.forEach((k, v) -> by.merge(k, v, Integer::sum));
            Map<String, Long> due = new TreeMap<>(dueBySchedule);
            o.dueBySchedule.forEach((k, v) -> due.merge(k, v, Long::sum));
            Map<String, Long> blocked = new TreeMap<>(blockedBySchedule);
            o.blockedBySchedule.forEach((k, v) -> blocked.merge(k, v, Long::sum));
            return new PlanningOutcome(planned + o.planned, scheduled + o.scheduled, rescheduled + o.rescheduled,
                    withdrawn + o.withdrawn, waiting + o.waiting, ids, by, due, blocked);
        }
    }

    /** The facts of one record as filed (or filed again), queued to be planned. */
    public void record(RetentionFacts f, String caseId, String claimantId, String filedBy) {
        Object[] values = {caseId, claimantId, f.category(), f.jurisdiction(), f.receivedDate(), f.lastDateOfService(), f.caseClosedDate(),
                f.claimantBirthDate(), f.relationshipEndedDate(), f.sensitive(), filedBy, f.recordId()};
        db.inTransaction(c -> {
            if (StoreSupport.update(c, "UPDATE mc_retention_facts SET case_id = ?, claimant_id = ?, category = ?, jurisdiction = ?, "
                    + "received_date = ?, last_service_date = ?, case_closed_date = ?, claimant_birth_date = ?, relationship_ended_date = ?, "
                    + "sensitive = ?, filed_by = ? WHERE record_id = ?", values) == 0) {
                StoreSupport.update(c, "INSERT INTO mc_retention_facts (case_id, claimant_id, category, jurisdiction, received_date, "
                        + "last_service_date, case_closed_date, claimant_birth_date, relationship_ended_date, sensitive, filed_by, record_id) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values);
            }
            StoreSupport.update(c, QUEUE + "record_id = ? ON CONFLICT DO NOTHING", f.recordId());
            return null;
        });
    }

    /**
     * Many newly filed records' facts at once (bulk filing, imports, the bench), queued for planning, in one
     * transaction: {@code COPY} on PostgreSQL (one stream instead of a statement per row), batched inserts
     * elsewhere (H2).
     */
    public void recordAll(List<RetentionFacts> facts, Function<RetentionFacts, String> caseOf, Function<RetentionFacts, String> claimantOf,
                          String filedBy) {
        db.inTransaction(c -> {
            if (PostgresCopy.supported(c)) {
                PostgresCopy copy = new PostgresCopy("mc_retention_facts", "record_id", "case_id", "claimant_id", "category", "jurisdiction",
                        "received_date", "last_service_date", "case_closed_date", "claimant_birth_date", "relationship_ended_date",
                        "sensitive", "filed_by");
                PostgresCopy queue = new PostgresCopy("mc_retention_unplanned", "record_id");
                for (RetentionFacts f : facts) {
                    copy.add(f.recordId()).add(caseOf.apply(f)).add(claimantOf.apply(f)).add(f.category()).add(f.jurisdiction())
                            .add(f.receivedDate()).add(f.lastDateOfService()).add(f.caseClosedDate()).add(f.claimantBirthDate())
                            .add(f.relationshipEndedDate()).add(f.sensitive()).add(filedBy).row();
                    queue.add(f.recordId()).row();
                    if (copy.size() == COPY_CHUNK) {
                        copy.flush(c);
                        queue.flush(c);
                    }
                }
                copy.flush(c);
                queue.flush(c);
                return null;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO mc_retention_facts (record_id, case_id, claimant_id, category, "
                    + "jurisdiction, received_date, last_service_date, case_closed_date, claimant_birth_date, relationship_ended_date, "
                    + "sensitive, filed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement queue = c.prepareStatement("INSERT INTO mc_retention_unplanned (record_id) VALUES (?)")) {
                int n = 0;
                for (RetentionFacts f : facts) {
                    ps.setString(1, f.recordId());
                    ps.setString(2, caseOf.apply(f));
                    ps.setString(3, claimantOf.apply(f));
                    ps.setString(4, f.category());
                    ps.setString(5, f.jurisdiction());
                    date(ps, 6, f.receivedDate());
                    date(ps, 7, f.lastDateOfService());
                    date(ps, 8, f.caseClosedDate());
                    date(ps, 9, f.claimantBirthDate());
                    date(ps, 10, f.relationshipEndedDate());
                    ps.setBoolean(11, f.sensitive());
                    ps.setString(12, filedBy);
                    ps.addBatch();
                    queue.setString(1, f.recordId());
                    queue.addBatch();
                    if (++n % 5000 == 0) {
                        ps.executeBatch();
                        queue.executeBatch();
                    }
                }
                ps.executeBatch();
                queue.executeBatch();
            }
            return null;
        });
    }

    /** Rows streamed per COPY round: bounds the client-side buffer (about 150 bytes a row). */
    private static final int COPY_CHUNK = 50_000;

    public Optional<RetentionFacts> find(String recordId) {
        return db.queryOne("SELECT " + COLUMNS + " FROM mc_retention_facts WHERE record_id = ?", JdbcRetentionFactsStore::facts, recordId);
    }

    /** Who filed the record (scheduled actions on it are audited on that person's behalf when no schedule owner is known). */
    public Optional<String> filedBy(String recordId) {
        return db.queryOne("SELECT filed_by FROM mc_retention_facts WHERE record_id = ?", rs -> rs.getString(1), recordId);
    }

    /**
     * A birth date already known for the claimant, from the facts of another of their records. A bounded date
     * range, not {@code IS NOT NULL}: both databases then read the (claimant_id, claimant_birth_date) index between
     * two keys, which is empty when no record knows the date; {@code IS NOT NULL} read every record of such a
     * claimant at each filing.
     */
    public Optional<LocalDate> claimantBirthDateOf(String claimantId) {
        return db.queryOne(CLAIMANT_BIRTH_DATE, rs -> rs.getObject(1, LocalDate.class), claimantId);
    }

    static final String CLAIMANT_BIRTH_DATE = "SELECT claimant_birth_date FROM mc_retention_facts WHERE claimant_id = ? "
            + "AND claimant_birth_date BETWEEN DATE '0001-01-01' AND DATE '9999-12-31' LIMIT 1";

    public void delete(String recordId) {
        db.inTransaction(c -> {
            StoreSupport.update(c, "DELETE FROM mc_retention_unplanned WHERE record_id = ?", recordId);
            return StoreSupport.update(c, "DELETE FROM mc_retention_facts WHERE record_id = ?", recordId);
        });
    }

    /** Case closed (date) or reopened (null): its records' facts change and they are planned again. Returns how many. */
    public int caseClosed(String caseId, LocalDate closedOn) {
        return changeAndQueue("UPDATE mc_retention_facts SET case_closed_date = ? WHERE case_id = ?", "case_id = ?", closedOn, caseId);
    }

    public int claimantBirthDate(String claimantId, LocalDate birthDate) {
        return changeAndQueue("UPDATE mc_retention_facts SET claimant_birth_date = ? WHERE claimant_id = ?", "claimant_id = ?", birthDate,
                claimantId);
    }

    /** The firm's relationship with the claimant ended (date) or resumed (null). */
    public int relationshipEnded(String claimantId, LocalDate endedOn) {
        return changeAndQueue("UPDATE mc_retention_facts SET relationship_ended_date = ? WHERE claimant_id = ?", "claimant_id = ?", endedOn,
                claimantId);
    }

    /** A trigger event: one statement rewrites the facts of the scope, one queues its records for planning, atomically. */
    private int changeAndQueue(String update, String scope, LocalDate date, String scopeValue) {
        return db.inTransaction(c -> {
            int changed = StoreSupport.update(c, update, date, scopeValue);
            StoreSupport.update(c, QUEUE + scope + " ON CONFLICT DO NOTHING", scopeValue);
            return changed;
        });
    }

    public long unplannedCount() {
        return db.queryOne("SELECT COUNT(*) FROM mc_retention_unplanned", rs -> rs.getLong(1)).orElse(0L);
    }

    /**
     * Plans every unplanned record (optionally only those of one case or claimant), in batches of
     * {@code batchSize}, each in its own transaction: the facts are locked, {@code planner} computes the
     * plans (one per fact, in order, null when no schedule applies), and the queue is updated: a new
     * date is scheduled, a changed date reschedules (approvals given for the old date no longer count),
     * a plan waiting for its trigger (a reopened case) withdraws the entry. Completed entries are never
     * touched.
     */
    public PlanningOutcome planUnplanned(String scopeColumn, String scopeValue, int batchSize,
                                         Function<List<RetentionFacts>, List<DispositionPlan>> planner) {
        return planUnplanned(scopeColumn, scopeValue, batchSize, 1, null, planner);
    }

    /**
     * As {@link #planUnplanned(String, String, int, Function)}, the whole queue (no scope) split on PostgreSQL
     * into {@code parallelism} disjoint partitions of record ids (by hash), each planned by its own
     * connection at the same time: a backlog of a million records is bound by the database's work per
     * row, which one connection does on one core. The batches stay what they are (one transaction each,
     * crash-safe); partitions never share a record, so they never wait for each other. H2 (embedded, one
     * writer at a time) and scoped planning run as one.
     * <p>
     * With {@code queueDueBy} (today), a new entry whose date is on or before it enters the review queue at
     * once, DUE or (under an active hold) BLOCKED_BY_HOLD, the rule of {@link JdbcDispositionQueue#queueDue}
     * applied as the entry is written instead of rewriting it in a later pass.
     */
    public PlanningOutcome planUnplanned(String scopeColumn, String scopeValue, int batchSize, int parallelism, LocalDate queueDueBy,
                                         Function<List<RetentionFacts>, List<DispositionPlan>> planner) {
        if (scopeColumn != null && !scopeColumn.equals("case_id") && !scopeColumn.equals("claimant_id")) {
            throw new IllegalArgumentException("Planning scope must be case_id or claimant_id, not " + scopeColumn);
        }
        int parts = scopeColumn == null && parallelism > 1 && isPostgres() ? parallelism : 1;
        if (parts == 1) {
            return planPartition(scopeColumn, scopeValue, batchSize, 0, 1, queueDueBy, planner);
        }
        java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(parts, r -> {
            Thread t = new Thread(r, "disposition-planning-partition");
            t.setDaemon(true);
            return t;
        });
        try {
            List<java.util.concurrent.Future<PlanningOutcome>> running = new ArrayList<>();
            for (int part = 0; part < parts; part++) {
                int k = part;
                running.add(workers.submit(() -> planPartition(null, null, batchSize, k, parts, queueDueBy, planner)));
            }
            PlanningOutcome total = PlanningOutcome.NONE;
            RuntimeException failure = null;
            for (java.util.concurrent.Future<PlanningOutcome> f : running) {
                try {
                    total = total.plus(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                    if (failure == null) {
                        failure = cause;
                    } else {
                        failure.addSuppressed(cause);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Planning interrupted", e);
                }
            }
            if (failure != null) {
                throw failure; // batches committed before the failure stay planned; the rest stays queued
            }
            return total;
        } finally {
            workers.shutdownNow();
        }
    }

    private PlanningOutcome planPartition(String scopeColumn, String scopeValue, int batchSize, int part, int parts, LocalDate queueDueBy,
                                          Function<List<RetentionFacts>, List<DispositionPlan>> planner) {
        PlanningOutcome total = PlanningOutcome.NONE;
        String after = "";
        while (true) {
            String from = after;
            Batch batch = db.inTransaction(c -> planBatch(c, scopeColumn, scopeValue, from, batchSize, part, parts, queueDueBy, planner));
            total = total.plus(batch.outcome);
            if (batch.lastId == null) {
                return total;
            }
            if (after.isEmpty() && part == 0 && batch.outcome.planned() == batchSize) {
                refreshStatistics();
            }
            after = batch.lastId;
        }
    }

    private boolean isPostgres() {
        try (Connection c = dataSource.getConnection()) {
            return PostgresCopy.supported(c);
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * A backlog (a bulk import, a trigger event over a large case) right after rows were added: PostgreSQL's
     * statistics may still describe a small table, and it then plans each batch as a sequential scan and a
     * sort instead of a walk along the primary key (measured: 1,000,000 records planned in 105 s instead of
     * well under a minute). ANALYZE samples the tables once; H2 plans by the index anyway.
     */
    private void refreshStatistics() {
        try (Connection c = dataSource.getConnection()) {
            if (c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres")) {
                try (java.sql.Statement s = c.createStatement()) {
                    s.execute("ANALYZE mc_retention_facts");
                    s.execute("ANALYZE mc_retention_unplanned");
                    s.execute("ANALYZE mc_disposition_item");
                }
            }
        } catch (SQLException e) {
            // Statistics are an optimisation; planning goes on without them.
        }
    }

    /** Plans at most one batch of unplanned records (a job that wants to yield between batches). */
    public PlanningOutcome planOneBatch(int batchSize, Function<List<RetentionFacts>, List<DispositionPlan>> planner) {
        return db.inTransaction(c -> planBatch(c, null, null, "", batchSize, 0, 1, null, planner)).outcome;
    }

    private record Batch(String lastId, PlanningOutcome outcome) { }

    /**
     * The next batch of queued record ids after {@code ?}, in id order; scoped to a case or claimant ({@code ?}
     * too), the queue drives and each queued record's facts are probed by their key. An
     * {@code IN (SELECT ... WHERE case_id = ?)} scope made H2 read every record of the case at each filing
     * (every filing plans its own case), so filing cost grew with the case: 2,000 records into one case went
     * from 28 to 19 filings a second.
     */
    static String nextBatchQuery(String scopeColumn, int batchSize, int part, int parts) {
        String scope = scopeColumn == null ? ""
                : " AND EXISTS (SELECT 1 FROM mc_retention_facts f WHERE f.record_id = u.record_id AND f." + scopeColumn + " = ?)";
        if (parts > 1) {
            scope += " AND mod(hashtext(u.record_id) & 2147483647, " + parts + ") = " + part; // PostgreSQL only (see planUnplanned)
        }
        return "SELECT u.record_id FROM mc_retention_unplanned u WHERE u.record_id > ?" + scope + " ORDER BY u.record_id LIMIT " + batchSize;
    }

    private Batch planBatch(Connection c, String scopeColumn, String scopeValue, String after, int batchSize, int part, int parts,
                            LocalDate queueDueBy, Function<List<RetentionFacts>, List<DispositionPlan>> planner) throws SQLException {
        Object[] args = scopeColumn == null ? new Object[]{after} : new Object[]{after, scopeValue};
        String next = nextBatchQuery(scopeColumn, batchSize, part, parts);
        boolean postgres = PostgresCopy.supported(c);
        List<String> taken;
        if (postgres) {
            // Taking the batch off the queue is one statement; a row another planner took meanwhile is skipped
            // (its delete wins), so no record is planned twice at once.
            taken = new ArrayList<>(StoreSupport.query(c, "DELETE FROM mc_retention_unplanned WHERE record_id IN (" + next + ") RETURNING record_id",
                    rs -> rs.getString(1), args));
        } else {
            taken = StoreSupport.query(c, next + " FOR UPDATE", rs -> rs.getString(1), args);
        }
        if (taken.isEmpty()) {
            return new Batch(null, PlanningOutcome.NONE);
        }
        java.util.Collections.sort(taken);
        Array takenArray = c.createArrayOf("varchar", taken.toArray(String[]::new));
        if (!postgres) {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM mc_retention_unplanned WHERE record_id = ANY (?)")) {
                delete.setArray(1, takenArray);
                delete.executeUpdate();
            }
        }
        String lastTaken = taken.get(taken.size() - 1);
        List<RetentionFacts> facts;
        // H2 does not make an insert wait for a conflicting row deleted by a transaction in flight (PostgreSQL
        // does): there the facts are locked as well, so a trigger event's update waits for the batch.
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM mc_retention_facts WHERE record_id = ANY (?) ORDER BY record_id"
                + (postgres ? "" : " FOR UPDATE"))) {
            ps.setArray(1, takenArray);
            facts = new ArrayList<>(taken.size());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    facts.add(facts(rs));
                }
            }
        }
        if (facts.isEmpty()) {
            return new Batch(lastTaken, PlanningOutcome.NONE); // queued ids whose facts went (records destroyed meanwhile)
        }
        List<DispositionPlan> plans = planner.apply(facts);
        String[] ids = facts.stream().map(RetentionFacts::recordId).toArray(String[]::new);
        Map<String, Existing> existing = new HashMap<>();
        Array idArray = c.createArrayOf("varchar", ids);
        try (PreparedStatement ps = c.prepareStatement("SELECT record_id, due_date, status, schedule_id FROM mc_disposition_item WHERE record_id = ANY (?)")) {
            ps.setArray(1, idArray);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    existing.put(rs.getString(1), new Existing(rs.getObject(2, LocalDate.class), rs.getString(3), rs.getString(4)));
                }
            }
        }
        java.util.Set<String> held = new java.util.HashSet<>();
        if (queueDueBy != null) {
            try (PreparedStatement ps = c.prepareStatement("SELECT i.item_id FROM mc_legal_hold_item i JOIN mc_legal_hold h ON h.id = i.hold_id "
                    + "WHERE h.status = 'ACTIVE' AND i.item_id = ANY (?)")) {
                ps.setArray(1, idArray);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        held.add(rs.getString(1));
                    }
                }
            }
        }
        Map<String, Long> dueNow = new TreeMap<>();
        Map<String, Long> blockedNow = new TreeMap<>();
        int scheduled = 0;
        int rescheduled = 0;
        int waiting = 0;
        List<String> withdrawn = new ArrayList<>();
        Map<String, Integer> bySchedule = new TreeMap<>();
        PostgresCopy copy = postgres ? new PostgresCopy("mc_disposition_item", "record_id", "schedule_id", "disposition", "due_date",
                "sensitive", "status", "approvals", "legal_minimum_until") : null;
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO mc_disposition_item (record_id, schedule_id, disposition, due_date, "
                + "sensitive, status, approvals, legal_minimum_until) VALUES (?, ?, ?, ?, ?, ?, '[]', ?)");
             PreparedStatement update = c.prepareStatement("UPDATE mc_disposition_item SET schedule_id = ?, disposition = ?, due_date = ?, "
                     + "sensitive = ?, status = 'SCHEDULED', approvals = '[]', legal_minimum_until = ? WHERE record_id = ? AND status <> 'COMPLETED'");
             PreparedStatement withdraw = c.prepareStatement("DELETE FROM mc_disposition_item WHERE record_id = ? AND status <> 'COMPLETED'")) {
            for (int i = 0; i < facts.size(); i++) {
                RetentionFacts f = facts.get(i);
                DispositionPlan p = plans.get(i);
                Existing e = existing.get(f.recordId());
                if (e != null && (e.status.equals("COMPLETED") || e.scheduleId.startsWith(ERASURE_PREFIX))) {
                    continue; // done, or queued by a granted erasure request: a trigger event does not move it back
                }
                if (p == null || p.pending()) {
                    waiting++;
                    if (e != null) {
                        withdraw.setString(1, f.recordId());
                        withdraw.addBatch();
                        withdrawn.add(f.recordId());
                    }
                    continue;
                }
                String status = "SCHEDULED";
                if (e == null && queueDueBy != null && !p.dispositionDate().isAfter(queueDueBy)) {
                    status = held.contains(f.recordId()) ? "BLOCKED_BY_HOLD" : "DUE";
                    (held.contains(f.recordId()) ? blockedNow : dueNow).merge(p.scheduleId(), 1L, Long::sum);
                }
                if (e == null && copy != null) {
                    copy.add(f.recordId()).add(p.scheduleId()).add(p.action().name()).add(p.dispositionDate()).add(f.sensitive())
                            .add(status).add("[]").add(p.legalMinimumUntil()).row();
                    scheduled++;
                } else if (e == null) {
                    bind(insert, f.recordId(), p, f.sensitive(), status);
                    insert.addBatch();
                    scheduled++;
                } else if (!e.dueDate.equals(p.dispositionDate())) {
                    update.setString(1, p.scheduleId());
                    update.setString(2, p.action().name());
                    update.setObject(3, p.dispositionDate());
                    update.setBoolean(4, f.sensitive());
                    date(update, 5, p.legalMinimumUntil());
                    update.setString(6, f.recordId());
                    update.addBatch();
                    rescheduled++;
                } else {
                    continue;
                }
                bySchedule.merge(p.scheduleId(), 1, Integer::sum);
            }
            if (copy != null) {
                copy.flush(c);
            }
            insert.executeBatch();
            update.executeBatch();
            withdraw.executeBatch();
        }
        return new Batch(lastTaken, new PlanningOutcome(facts.size(), scheduled, rescheduled, withdrawn.size(), waiting,
                withdrawn, bySchedule, dueNow, blockedNow));
    }

    private record Existing(LocalDate dueDate, String status, String scheduleId) { }

    private static void bind(PreparedStatement ps, String recordId, DispositionPlan p, boolean sensitive, String status) throws SQLException {
        ps.setString(1, recordId);
        ps.setString(2, p.scheduleId());
        ps.setString(3, p.action().name());
        ps.setObject(4, p.dispositionDate());
        ps.setBoolean(5, sensitive);
        ps.setString(6, status);
        date(ps, 7, p.legalMinimumUntil());
    }

    private static void date(PreparedStatement ps, int index, LocalDate date) throws SQLException {
        if (date == null) {
            ps.setNull(index, Types.DATE);
        } else {
            ps.setObject(index, date);
        }
    }

    private static RetentionFacts facts(ResultSet rs) throws SQLException {
        return new RetentionFacts(rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, LocalDate.class),
                rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class), rs.getObject(7, LocalDate.class), rs.getBoolean(8),
                rs.getObject(9, LocalDate.class));
    }
}
