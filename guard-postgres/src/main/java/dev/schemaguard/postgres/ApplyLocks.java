package dev.schemaguard.postgres;

import dev.schemaguard.internal.locks.PolledLock;
import dev.schemaguard.spi.Dialect.ApplyLock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The session advisory lock that serializes concurrent boots' apply phases, keyed on the ledger:
 * {@code hashtextextended('schema-guard ' || current_schema() || '.databasechangelog', 0)} (advisory
 * locks are per database already). Session-level, so that it also covers CREATE INDEX CONCURRENTLY,
 * which cannot run inside a transaction; the server releases it if the boot's connection dies.
 *
 * <p>It is polled with {@code pg_try_advisory_lock} rather than waited for with
 * {@code pg_advisory_lock}: a session blocked inside that call holds a snapshot, and the lock holder's
 * CREATE INDEX CONCURRENTLY waits for every older snapshot to end, a deadlock. Between polls a
 * waiting replica holds nothing.
 */
final class ApplyLocks {
    static final String KEY = "hashtextextended('schema-guard ' || current_schema() || '.databasechangelog', 0)";

    private ApplyLocks() {
    }

    static ApplyLock acquire(Connection connection, Duration wait) throws SQLException {
        try (PreparedStatement tryLock = connection.prepareStatement("SELECT pg_try_advisory_lock(" + KEY + ")")) {
            if (!PolledLock.take(wait, () -> locked(tryLock))) {
                throw new SQLException("another boot holds the apply lock of this ledger (" + holder(connection)
                        + ") and did not release it within " + wait.toMillis() + "ms", "55P03");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for the apply lock (the boot's deadline ran out)", "57014", e);
        }
        return () -> release(connection);
    }

    private static boolean locked(PreparedStatement tryLock) throws SQLException {
        try (ResultSet rs = tryLock.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** Releases the lock and the apply phase's statement limits; a dead connection has released both already. */
    private static void release(Connection connection) throws SQLException {
        KnownLimits.forget(connection);
        if (connection.isClosed()) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_unlock(" + KEY + ")");
            statement.execute("RESET lock_timeout");
            statement.execute("RESET statement_timeout");
        }
    }

    /** Who holds the lock, for the message: a pid and application an operator can look up. */
    private static String holder(Connection connection) {
        String sql = "SELECT l.pid, a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                + " WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                + " AND ((l.classid::bigint << 32) | l.objid::bigint) = " + KEY + " AND l.objsubid = 1";
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? "pid " + rs.getInt(1) + ", application " + rs.getString(2) : "holder unknown";
        } catch (SQLException e) {
            return "holder unknown";
        }
    }
}
