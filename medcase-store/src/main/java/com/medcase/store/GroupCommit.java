package com.medcase.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Small transactions of many threads committed together: one commit for every unit of work that arrived while the
 * previous group was committing. Each unit runs inside its own savepoint, so a unit that fails is rolled back alone
 * and its caller gets its exception; the others commit. Every caller returns only after the commit of its group.
 * <p>
 * Why: on the embedded H2 store every commit writes a store chunk (each changed page of each touched index, up to
 * the root), and the import path made two such commits per document, a sixth of its CPU under load. PostgreSQL
 * groups its own WAL flushes across sessions, but a group still saves a round trip and a commit record per unit.
 * <p>
 * Leader and followers, no thread of its own: a caller that finds no group running runs the next one (everything
 * queued so far, its own unit included); the others wait for the group holding theirs. Units must be short and
 * must not depend on a unit of another caller in the same group having committed (they see its changes, as in
 * one serial transaction; a failure of the group's commit fails them all).
 */
public final class GroupCommit {

    private final DataSource dataSource;
    private final int maxGroup;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition finished = lock.newCondition();
    private final List<Unit<?>> queued = new ArrayList<>();
    private boolean running;
    private long commits;
    private long units;

    /** @param maxGroup the most units in one transaction (bounds how long the group's locks are held) */
    public GroupCommit(DataSource dataSource, int maxGroup) {
        if (maxGroup < 1) {
            throw new IllegalArgumentException("maxGroup must be at least 1");
        }
        this.dataSource = dataSource;
        this.maxGroup = maxGroup;
    }

    private static final class Unit<T> {
        final StoreSupport.Work<T> work;
        T result;
        Throwable failure;
        boolean done;

        Unit(StoreSupport.Work<T> work) {
            this.work = work;
        }
    }

    /**
     * Runs {@code work} in the next group and returns its result once the group committed. A failure of the unit
     * itself is thrown as it was ({@link SQLException} wrapped in {@link StoreException}); a failure of the group's
     * commit is thrown to every unit of the group.
     */
    public <T> T run(StoreSupport.Work<T> work) {
        Unit<T> unit = new Unit<>(work);
        lock.lock();
        try {
            queued.add(unit);
            while (!unit.done) {
                if (running) {
                    finished.awaitUninterruptibly();
                } else {
                    lead();
                }
            }
        } finally {
            lock.unlock();
        }
        if (unit.failure instanceof RuntimeException e) {
            throw e;
        }
        if (unit.failure instanceof Error e) {
            throw e;
        }
        if (unit.failure != null) {
            throw new StoreException("Database operation failed: " + unit.failure.getMessage(), unit.failure);
        }
        return unit.result;
    }

    /** Commits so far, and units in them: how well the groups fill (the bench prints it). */
    public long[] commitsAndUnits() {
        lock.lock();
        try {
            return new long[]{commits, units};
        } finally {
            lock.unlock();
        }
    }

    /** Runs one group as the leader; called and returns with the lock held. */
    private void lead() {
        running = true;
        List<Unit<?>> group = new ArrayList<>(queued.subList(0, Math.min(maxGroup, queued.size())));
        queued.subList(0, group.size()).clear();
        lock.unlock();
        try {
            execute(group);
        } finally {
            lock.lock();
            running = false;
            commits++;
            units += group.size();
            for (Unit<?> u : group) {
                u.done = true;
            }
            finished.signalAll();
        }
    }

    private void execute(List<Unit<?>> group) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                for (Unit<?> u : group) {
                    runInSavepoint(c, u);
                }
                c.commit();
            } catch (SQLException | RuntimeException | Error e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the commit's failure is the one to report
                }
                for (Unit<?> u : group) {
                    if (u.failure == null) {
                        u.failure = e;
                        u.result = null;
                    }
                }
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            for (Unit<?> u : group) {
                if (u.failure == null) {
                    u.failure = e;
                    u.result = null;
                }
            }
        }
    }

    private static <T> void runInSavepoint(Connection c, Unit<T> u) throws SQLException {
        Savepoint before = c.setSavepoint();
        try {
            u.result = u.work.run(c);
            c.releaseSavepoint(before);
        } catch (SQLException | RuntimeException e) {
            c.rollback(before);
            u.failure = e;
        }
    }
}
