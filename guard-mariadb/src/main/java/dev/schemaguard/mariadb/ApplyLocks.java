package dev.schemaguard.mariadb;

import dev.schemaguard.internal.locks.PolledLock;
import dev.schemaguard.spi.Dialect.ApplyLock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The named session lock that serializes concurrent boots' apply phases, one per database:
 * {@code GET_LOCK(LEFT(CONCAT('schema-guard:', DATABASE()), 64), 0)}. The server releases it when the
 * boot's connection ends, so a killed boot leaves no lock behind (unlike a lock row). It is polled
 * (10 ms doubling to 200 ms) rather than waited for inside GET_LOCK, so that the wait ends before the
 * deadline whatever the driver does, and is reported as LOCK_TIMEOUT naming the holder.
 */
final class ApplyLocks {
    static final String NAME = "LEFT(CONCAT('schema-guard:', DATABASE()), 64)";
    /** ER_LOCK_WAIT_TIMEOUT: the dialect maps it to LOCK_TIMEOUT. */
    private static final int LOCK_WAIT_TIMEOUT = 1205;

    private ApplyLocks() {
    }

    static ApplyLock acquire(Connection connection, Duration wait) throws SQLException {
        try (PreparedStatement tryLock = connection.prepareStatement("SELECT GET_LOCK(" + NAME + ", 0)")) {
            if (!PolledLock.take(wait, () -> locked(tryLock))) {
                throw new SQLException("another boot holds the apply lock of this database (" + holder(connection)
                        + ") and did not release it within " + wait.toMillis() + "ms", "HY000", LOCK_WAIT_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for the apply lock (the boot's deadline ran out)", "70100", e);
        }
        return () -> release(connection);
    }

    private static boolean locked(PreparedStatement tryLock) throws SQLException {
        try (ResultSet rs = tryLock.executeQuery()) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }

    /** Releases the lock and the apply phase's session limits; a dead connection has released both already. */
    private static void release(Connection connection) throws SQLException {
        if (connection.isClosed()) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("DO RELEASE_LOCK(" + NAME + ")");
        }
        SessionLimits.reset(connection);
    }

    /** Who holds the lock, for the message: a connection id, user and host an operator can look up. */
    private static String holder(Connection connection) {
        String sql = "SELECT p.ID, p.USER, p.HOST FROM information_schema.PROCESSLIST p WHERE p.ID = IS_USED_LOCK(" + NAME + ")";
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? "connection " + rs.getLong(1) + ", user " + rs.getString(2) + " from " + rs.getString(3)
                    : "holder unknown";
        } catch (SQLException e) {
            return "holder unknown";
        }
    }
}
