package dev.schemaguard.mariadb;

import dev.schemaguard.testing.LockingScenarios;
import dev.schemaguard.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** The shared locking scenarios on MariaDB: lock_wait_timeout (metadata locks), GET_LOCK as the apply lock. */
class MariaDbLockingTest extends LockingScenarios {
    private static final String NAME = "LEFT(CONCAT('schema-guard:', DATABASE()), 64)";

    @Override
    protected TestDatabase database() throws Exception {
        return MariaDbServer.shared().newDatabase();
    }

    @Override
    protected String addEmail() {
        return "ALTER TABLE accounts ADD COLUMN email TEXT, ALGORITHM=INSTANT;";
    }

    @Override
    protected void holdApplyLock(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("DO GET_LOCK(" + NAME + ", 0)");
        }
    }

    @Override
    protected void releaseApplyLock(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("DO RELEASE_LOCK(" + NAME + ")");
        }
    }

    /** lock_wait_timeout takes whole seconds. */
    @Override
    protected Duration shortLockTimeout() {
        return Duration.ofSeconds(1);
    }

    @Override
    protected String lockTimeoutPhrase() {
        return "Lock wait timeout";
    }

    @Override
    protected String blockerHint() {
        return "SHOW PROCESSLIST";
    }

    @Override
    protected String holderPhrase() {
        return "connection ";
    }
}
