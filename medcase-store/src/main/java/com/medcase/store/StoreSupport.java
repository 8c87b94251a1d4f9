package com.medcase.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The few JDBC idioms the stores share: bind, query to rows, update, upsert, transactions, JSON. */
public final class StoreSupport {

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final DataSource dataSource;

    public StoreSupport(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) {
        return inTransaction(c -> query(c, sql, mapper, args));
    }

    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... args) {
        List<T> rows = query(sql, mapper, args);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    public int update(String sql, Object... args) {
        return inTransaction(c -> update(c, sql, args));
    }

    public static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
                return rows;
            }
        }
    }

    public static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        }
    }

    /**
     * The connection of the transaction open on this thread, by data source. A store called inside another
     * store's transaction (the retention planner reading the schedules in force while the facts it plans are
     * locked) joins it, as Spring's DataSourceUtils binds one connection per thread: a second connection from
     * the same pool could wait for ever, every pooled connection being held by a thread that waits for this
     * transaction's row locks.
     */
    private static final ThreadLocal<java.util.Map<DataSource, Connection>> OPEN =
            ThreadLocal.withInitial(java.util.IdentityHashMap::new);

    /**
     * Runs {@code work} in a transaction: its own, committed here, or the one already open on this thread for
     * the same data source, which its owner commits or rolls back (a failure in the work rolls all of it back).
     */
    public <T> T inTransaction(Work<T> work) {
        Connection joined = OPEN.get().get(dataSource);
        if (joined != null) {
            try {
                return work.run(joined);
            } catch (SQLException e) {
                throw new StoreException("Database operation failed: " + e.getMessage(), e);
            }
        }
        return inOwnTransaction(work);
    }

    /**
     * Runs {@code work} in a transaction of its own, committed here even when one is open on this thread (Spring's
     * REQUIRES_NEW): for what must stay written whatever the caller's transaction does, the audit ledger's entries.
     */
    public <T> T inOwnTransaction(Work<T> work) {
        java.util.Map<DataSource, Connection> open = OPEN.get();
        Connection outer = open.get(dataSource);
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            open.put(dataSource, c);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                if (outer == null) {
                    open.remove(dataSource);
                } else {
                    open.put(dataSource, outer);
                }
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreException("Database operation failed: " + e.getMessage(), e);
        }
    }

    static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof Instant instant) {
                ps.setObject(i + 1, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
            } else if (a instanceof java.time.LocalDate date) {
                ps.setObject(i + 1, date);
            } else {
                ps.setObject(i + 1, a);
            }
        }
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime odt = rs.getObject(column, OffsetDateTime.class);
        return odt == null ? null : odt.toInstant();
    }


    /** Inserts or replaces one row by key, portably (no MERGE dialect differences). */
    public void upsert(String table, String keyColumn, Object key, String[] columns, Object... values) {
        StringBuilder set = new StringBuilder();
        for (String c : columns) {
            set.append(set.length() == 0 ? "" : ", ").append(c).append(" = ?");
        }
        Object[] updateArgs = new Object[values.length + 1];
        System.arraycopy(values, 0, updateArgs, 0, values.length);
        updateArgs[values.length] = key;
        inTransaction(c -> {
            if (update(c, "UPDATE " + table + " SET " + set + " WHERE " + keyColumn + " = ?", updateArgs) == 0) {
                Object[] insertArgs = new Object[values.length + 1];
                insertArgs[0] = key;
                System.arraycopy(values, 0, insertArgs, 1, values.length);
                update(c, "INSERT INTO " + table + " (" + keyColumn + ", " + String.join(", ", columns) + ") VALUES ("
                        + "?, ".repeat(columns.length) + "?)", insertArgs);
            }
            return null;
        });
    }

    public static String toJson(Object value) {
        return Json.write(value);
    }

    public static <T> T fromJson(String json, Class<T> type) {
        return Json.read(json, type);
    }

    public static <T> T fromJson(String json, com.fasterxml.jackson.core.type.TypeReference<T> type) {
        return Json.read(json, type);
    }
}
