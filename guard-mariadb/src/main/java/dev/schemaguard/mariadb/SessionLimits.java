package dev.schemaguard.mariadb;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The time limits of the apply phase's session, already capped inside the boot's budget:
 * lock_wait_timeout (metadata locks: DDL waiting behind a transaction that read the table) and
 * innodb_lock_wait_timeout (row locks, for the ledger row) take whole seconds, so they are rounded down
 * (at least 1s); max_statement_time (MariaDB 10.1+; MySQL has no equivalent for DDL) stops a statement
 * that runs too long. The lock limits stay below the statement's so a lock wait is reported as one.
 */
final class SessionLimits {
    private SessionLimits() {
    }

    static void set(Connection connection, Duration lockTimeout, Duration statementTimeout) throws SQLException {
        long lockSeconds = Math.max(1, lockTimeout.toSeconds());
        double statementSeconds = Math.max(0.001, statementTimeout.toMillis() / 1000.0);
        if (statementSeconds <= lockSeconds) {
            statementSeconds = lockSeconds + 0.5; // a limit below one second cannot be a lock limit; the deadline still ends the boot
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION lock_wait_timeout = " + lockSeconds + ", innodb_lock_wait_timeout = " + lockSeconds);
            try {
                statement.execute("SET SESSION max_statement_time = " + String.format(java.util.Locale.ROOT, "%.3f", statementSeconds));
            } catch (SQLException e) {
                if (e.getErrorCode() != 1193) { // MySQL: no max_statement_time; the deadline still cancels the statement
                    throw e;
                }
            }
        }
    }

    /** Back to the server's defaults, so a connection handed back to a pool is unchanged. */
    static void reset(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION lock_wait_timeout = DEFAULT, innodb_lock_wait_timeout = DEFAULT");
            try {
                statement.execute("SET SESSION max_statement_time = DEFAULT");
            } catch (SQLException e) {
                if (e.getErrorCode() != 1193) {
                    throw e;
                }
            }
        }
    }
}
