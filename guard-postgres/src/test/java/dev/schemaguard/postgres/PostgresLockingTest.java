package dev.schemaguard.postgres;

import dev.schemaguard.testing.LockingScenarios;
import dev.schemaguard.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** The shared locking scenarios on PostgreSQL: lock_timeout, statement_timeout, the advisory apply lock. */
class PostgresLockingTest extends LockingScenarios {
    private static final String KEY = "hashtextextended('schema-guard ' || current_schema() || '.databasechangelog', 0)";

    @Override
    protected TestDatabase database() throws Exception {
        return PostgresServer.defaultMajor().newDatabase();
    }

    @Override
    protected String addEmail() {
        return "ALTER TABLE accounts ADD COLUMN email TEXT;";
    }

    @Override
    protected void holdApplyLock(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SELECT pg_advisory_lock(" + KEY + ")");
        }
    }

    @Override
    protected void releaseApplyLock(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SELECT pg_advisory_unlock_all()");
        }
    }

    @Override
    protected Duration shortLockTimeout() {
        return Duration.ofMillis(800);
    }

    @Override
    protected String lockTimeoutPhrase() {
        return "lock timeout";
    }

    @Override
    protected String blockerHint() {
        return "pg_blocking_pids";
    }

    @Override
    protected String holderPhrase() {
        return "pid ";
    }
}
