package dev.schemaguard.internal.boot;

import dev.schemaguard.Code;
import dev.schemaguard.internal.ledger.LedgerTable;
import dev.schemaguard.internal.liquibase.LiquibaseSql;
import dev.schemaguard.internal.sql.SqlStatement;
import dev.schemaguard.spi.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Applies planned migrations one at a time, each in its own transaction together with its ledger
 * row: the whole migration or nothing. The dialect's {@link Dialect#beginMigration} takes the lock
 * that serializes concurrent boots; the ledger is re-read under it, so a migration another replica
 * applied meanwhile is skipped, not applied twice. No lock row is ever written: a killed boot's
 * locks die with its connection.
 */
final class Applier {
    private final Dialect dialect;
    private final MigrationStatements statements;
    private final Interrupter interrupter;
    private final String deploymentId;
    private final java.util.function.Supplier<java.time.Duration> lockWait;

    Applier(Dialect dialect, MigrationStatements statements, Interrupter interrupter, String deploymentId,
            java.util.function.Supplier<java.time.Duration> lockWait) {
        this.lockWait = lockWait;
        this.dialect = dialect;
        this.statements = statements;
        this.interrupter = interrupter;
        this.deploymentId = deploymentId;
    }

    /** Applies one migration; returns false when another boot had already applied it. */
    boolean apply(Connection connection, PlannedMigration planned) throws SQLException {
        LiquibaseSql liquibase = statements.liquibase();
        // Checksums and DDL are computed before the lock is taken, so it is held only while writing.
        String md5sum = liquibase.checksum(planned.migration(), planned.statements());
        String description = liquibase.description(planned.migration(), planned.statements());
        List<String> ledgerDdl = liquibase.ledgerTableDdl();
        dialect.beginMigration(connection, lockWait.get());
        try {
            if (!LedgerTable.existsIn(dialect.existingObjects(connection))) {
                LedgerTable.create(connection, ledgerDdl);
            } else if (LedgerTable.contains(connection, planned.name())) {
                connection.rollback();
                return false;
            }
            for (SqlStatement sql : planned.statements()) {
                execute(connection, sql);
            }
            LedgerTable.insert(connection, planned.migration(), md5sum, description, deploymentId);
            interrupter.commitUnlessExpired(connection);
            return true;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(connection);
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private void execute(Connection connection, SqlStatement sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            interrupter.watch(statement);
            try {
                statement.execute(sql.text());
            } catch (SQLException e) {
                throw new StatementFailed(sql, e);
            } finally {
                interrupter.unwatch();
            }
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The original failure is what the user needs to see; a failed rollback still ends the transaction.
        }
    }

    static Failure failureOf(PlannedMigration planned, SQLException e) {
        String where = e instanceof StatementFailed failed ? " at " + planned.migration().where(failed.statement.line()) : "";
        String cause = (e instanceof StatementFailed ? e.getCause().getMessage() : e.getMessage());
        cause = cause == null ? e.getClass().getSimpleName() : cause.lines().findFirst().orElse("").strip();
        return Failure.of(Code.MIGRATION_FAILED, planned.name() + " failed" + where + ": " + cause
                        + ". It was rolled back whole (no statement of it and no ledger row remain); fix the migration and boot again.",
                "migration", planned.name(), "reason", cause + where);
    }

    /** A statement that failed, with where it is in its file. */
    static final class StatementFailed extends SQLException {
        private final transient SqlStatement statement;

        StatementFailed(SqlStatement statement, SQLException cause) {
            super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
            this.statement = statement;
        }
    }
}
