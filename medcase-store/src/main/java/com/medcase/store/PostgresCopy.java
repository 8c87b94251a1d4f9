package com.medcase.store;

import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Locale;

/**
 * Bulk writes through PostgreSQL's {@code COPY ... FROM STDIN} (pgjdbc's {@code CopyManager}): rows stream
 * in PostgreSQL's text format in one round trip, without parsing or binding a statement per row (measured:
 * several times faster than batched, even rewritten, INSERTs for a million rows). Runs in the caller's
 * transaction. On any other database {@link #supported} is false and callers keep their batched statements.
 */
public final class PostgresCopy {

    private final StringBuilder rows = new StringBuilder(1 << 16);
    private final String table;
    private final String[] columns;
    private int field;
    private int count;

    public PostgresCopy(String table, String... columns) {
        this.table = table;
        this.columns = columns.clone();
    }

    /** Whether the connection is PostgreSQL's (the pool's wrapper unwrapped). */
    public static boolean supported(Connection c) throws SQLException {
        return c.isWrapperFor(PGConnection.class)
                && c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
    }

    public PostgresCopy add(String value) {
        separate();
        if (value == null) {
            rows.append("\\N");
            return this;
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> rows.append("\\\\");
                case '\t' -> rows.append("\\t");
                case '\n' -> rows.append("\\n");
                case '\r' -> rows.append("\\r");
                default -> rows.append(ch);
            }
        }
        return this;
    }

    public PostgresCopy add(LocalDate value) {
        return value == null ? add((String) null) : add(value.toString());
    }

    public PostgresCopy add(boolean value) {
        return add(value ? "t" : "f");
    }

    /** Ends the current row. */
    public PostgresCopy row() {
        if (field != columns.length) {
            throw new IllegalStateException("A row of " + table + " needs " + columns.length + " values, got " + field);
        }
        rows.append('\n');
        field = 0;
        count++;
        return this;
    }

    public int size() {
        return count;
    }

    /** Sends the rows collected so far and clears them; returns how many rows PostgreSQL took. */
    public long flush(Connection c) throws SQLException {
        if (count == 0) {
            return 0;
        }
        String sql = "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN";
        try {
            long copied = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(rows.toString()));
            rows.setLength(0);
            count = 0;
            return copied;
        } catch (IOException e) {
            throw new SQLException("COPY into " + table + " failed: " + e.getMessage(), e);
        }
    }

    private void separate() {
        if (field > 0) {
            rows.append('\t');
        }
        if (++field > columns.length) {
            throw new IllegalStateException("A row of " + table + " has only " + columns.length + " columns");
        }
    }
}
