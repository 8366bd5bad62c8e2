package dev.schemaguard.mariadb;

import dev.schemaguard.Code;
import dev.schemaguard.internal.sql.SqlSupport;
import dev.schemaguard.mariadb.internal.sql.MariaDbSql;
import dev.schemaguard.mariadb.internal.judge.RehearsalJudge;
import dev.schemaguard.spi.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * MariaDB, and MySQL through the same driver (MariaDB Connector/J). A database lives on a server: it
 * exists or it does not (error 1049), and it is never created ({@link MariaDbDatabase}). DDL is not
 * transactional: each DDL statement commits on its own ({@link MariaDbSql}), which the classifier and
 * the applier account for. Concurrent boots serialize on a session-level named lock ({@link ApplyLocks});
 * while applying, lock_wait_timeout and max_statement_time keep DDL stuck behind another transaction
 * from hanging. The engine's second judge rehearses each migration on a scratch copy before it runs
 * ({@link RehearsalJudge}).
 */
public final class MariaDbDialect implements Dialect {
    private static final SqlSupport SQL = new MariaDbSql();
    private static final Catalog CATALOG = new MariaDbCatalog();
    private static final AdvanceJudge JUDGE = new RehearsalJudge();

    private static final Migrations MIGRATIONS = new Migrations() {
        @Override
        public ApplyLock lock(Connection connection, Duration lockWait) throws SQLException {
            return ApplyLocks.acquire(connection, lockWait);
        }

        @Override
        public void limitStatements(Connection connection, Duration lockTimeout, Duration statementTimeout)
                throws SQLException {
            SessionLimits.set(connection, lockTimeout, statementTimeout);
        }

        /** The apply lock (a named session lock) is already held; the transaction carries only the ledger row. */
        @Override
        public void begin(Connection connection, Duration lockWait) throws SQLException {
            connection.setAutoCommit(false);
        }

        /** A rehearsal on a scratch copy, before the first statement touches the database (docs/mariadb.md). */
        @Override
        public Optional<AdvanceJudge> advanceJudge() {
            return Optional.of(JUDGE);
        }

        @Override
        public String lockHolderHint() {
            return "SHOW PROCESSLIST (a session 'Waiting for table metadata lock' is blocked; the blocker is an older "
                    + "transaction on the same table: information_schema.INNODB_TRX, METADATA_LOCK_INFO)";
        }
    };

    @Override
    public String name() {
        return "mariadb";
    }

    @Override
    public boolean accepts(String jdbcUrl) {
        return jdbcUrl.startsWith(MariaDbDatabase.MARIADB) || jdbcUrl.startsWith(MariaDbDatabase.MYSQL);
    }

    @Override
    public Database database(String jdbcUrl) {
        return new MariaDbDatabase(jdbcUrl);
    }

    @Override
    public Catalog catalog() {
        return CATALOG;
    }

    @Override
    public Migrations migrations() {
        return MIGRATIONS;
    }

    @Override
    public SqlSupport sql() {
        return SQL;
    }

    @Override
    public Optional<Code> codeFor(SQLException error) {
        return ErrorCodes.codeFor(error);
    }
}
