package dev.agenthub.persistence.postgres;

import com.zaxxer.hikari.HikariDataSource;
import dev.agenthub.orchestration.git.port.ProjectLocks;
import dev.agenthub.persistence.inprocess.InProcessProjectLocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@link ProjectLocks} across every server on one PostgreSQL database: a <em>session</em> advisory lock
 * {@code pg_advisory_lock(PROJECT_GIT_LOCKS, <project id>)} held on a connection taken from the pool for the lock's
 * whole duration (autocommit, no transaction stays open). Threads of one instance first queue on a per-JVM lock
 * ({@link InProcessProjectLocks}), so at most one connection per project and instance is held or waiting.
 *
 * <p>Waiting polls {@code pg_try_advisory_lock} with a growing pause (5 ms doubling to 100 ms) until the deadline;
 * the time spent on the per-JVM lock counts against the same {@code wait}. The key space {@link #PROJECT_GIT_LOCKS}
 * is distinct from the claim and task locks (two-int form, first key differs). Project ids beyond the int range are
 * folded, which can only make two projects share a lock, never break exclusion.
 *
 * <p>Release: {@code pg_advisory_unlock}; if that fails (the connection broke), the connection is evicted from a
 * HikariCP pool (or aborted) rather than returned, so no pooled session keeps the lock. If the connection dies while
 * {@code work} runs, PostgreSQL drops the lock at once: exclusion then relies on the per-JVM lock only, until the
 * work ends; the loss is logged.
 */
public final class PgProjectLocks implements ProjectLocks {

    /** The advisory-lock class of project git locks ("GitW"). */
    public static final int PROJECT_GIT_LOCKS = 0x47697457;
    /** The advisory-lock class of the per-pull-request forge sync locks ("FrgS", agenthub §14 D6). */
    public static final int FORGE_SYNC_LOCKS = 0x46726753;

    private static final Logger LOG = LoggerFactory.getLogger(PgProjectLocks.class);
    private static final long FIRST_PAUSE_MILLIS = 5;
    private static final long MAX_PAUSE_MILLIS = 100;

    private final DataSource dataSource;
    private final int lockClass;
    private final InProcessProjectLocks local = new InProcessProjectLocks();

    public PgProjectLocks(DataSource dataSource) {
        this(dataSource, PROJECT_GIT_LOCKS);
    }

    /**
     * Locks in another key space: the same exclusion for ids of another kind (e.g. {@link #FORGE_SYNC_LOCKS}, keyed
     * by pull request id), independent of the project git locks.
     */
    public PgProjectLocks(DataSource dataSource, int lockClass) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.lockClass = lockClass;
    }

    @Override
    public <T> T exclusively(long projectId, Duration wait, Supplier<T> work) {
        Objects.requireNonNull(work, "work");
        long deadline = System.nanoTime() + Math.max(0, wait.toNanos());
        return local.exclusively(projectId, wait, () -> acrossInstances(projectId, deadline, wait, work));
    }

    private <T> T acrossInstances(long projectId, long deadline, Duration wait, Supplier<T> work) {
        int key = (int) (projectId ^ (projectId >>> 32));
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException("no database connection for the lock of project " + projectId, e);
        }
        boolean locked = false;
        try {
            connection.setAutoCommit(true);
            locked = waitForLock(connection, key, deadline);
            if (!locked) {
                throw new LockTimeout("lock of project " + projectId + " not obtained within " + wait);
            }
            return work.get();
        } catch (SQLException e) {
            throw new IllegalStateException("advisory lock of project " + projectId + " failed: " + e.getMessage(), e);
        } finally {
            release(connection, key, locked, projectId);
        }
    }

    private boolean waitForLock(Connection connection, int key, long deadline) throws SQLException {
        long pause = FIRST_PAUSE_MILLIS;
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            statement.setInt(1, lockClass);
            statement.setInt(2, key);
            while (true) {
                try (ResultSet row = statement.executeQuery()) {
                    row.next();
                    if (row.getBoolean(1)) {
                        return true;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    Thread.sleep(Math.min(pause, Math.max(1, left / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
            }
        }
    }

    private void release(Connection connection, int key, boolean locked, long projectId) {
        boolean clean = !locked;
        if (locked) {
            try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
                statement.setInt(1, lockClass);
                statement.setInt(2, key);
                try (ResultSet row = statement.executeQuery()) {
                    clean = row.next() && row.getBoolean(1);
                }
                if (!clean) {
                    LOG.warn("the advisory lock of project {} was lost while held (connection reset?)", projectId);
                }
            } catch (SQLException e) {
                LOG.warn("could not release the advisory lock of project {}: {}", projectId, e.toString());
            }
        }
        try {
            if (!clean) {
                discard(connection);
            }
            connection.close();
        } catch (SQLException e) {
            LOG.warn("could not return the lock connection of project {}: {}", projectId, e.toString());
        }
    }

    /** Closes the physical connection (which ends its session and so any lock it still holds). */
    private void discard(Connection connection) throws SQLException {
        if (dataSource instanceof HikariDataSource pool) {
            pool.evictConnection(connection);
        } else {
            connection.abort(Runnable::run);
        }
    }
}
