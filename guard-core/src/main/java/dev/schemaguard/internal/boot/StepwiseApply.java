package dev.schemaguard.internal.boot;

import dev.schemaguard.internal.ledger.ActiveLedger;
import dev.schemaguard.internal.ledger.LedgerKind;
import dev.schemaguard.internal.ledger.ProgressTable;
import dev.schemaguard.internal.sql.SqlStatement;
import dev.schemaguard.internal.time.NanoClock;
import dev.schemaguard.spi.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Applies one migration where each DDL statement commits on its own (MariaDB, MySQL), so that it cannot
 * be atomic with its ledger row: statement by statement, its progress recorded in {@link ProgressTable}
 * before and after each, the ledger row written and the progress row removed in one transaction at the
 * end. A boot that dies in between leaves the progress row, so the next one sees a migration that was
 * started and not finished ({@link UnfinishedMigrations}).
 */
final class StepwiseApply {
    /** Runs one statement, watched by the deadline; a failure is an {@link Applier.StatementFailed}. */
    interface Executor {
        void execute(Connection connection, SqlStatement statement) throws SQLException;
    }

    /** The engine's judgment before the first statement ({@link AdvanceJudgment}); throws when the migration may not run. */
    interface Judgment {
        void judge(Connection connection) throws SQLException;
    }

    private final Dialect dialect;
    private final Interrupter interrupter;
    private final String deploymentId;
    private final Supplier<Duration> remaining;
    private final ActiveLedger ledger;
    private final Executor executor;
    private final NanoClock clock;

    StepwiseApply(Dialect dialect, Interrupter interrupter, String deploymentId, Supplier<Duration> remaining,
                  ActiveLedger ledger, Executor executor, NanoClock clock) {
        this.dialect = dialect;
        this.interrupter = interrupter;
        this.deploymentId = deploymentId;
        this.remaining = remaining;
        this.ledger = ledger;
        this.executor = executor;
        this.clock = clock;
    }

    /**
     * Applies the migration; returns false when another boot had already applied it. {@code judgment} runs
     * right before the first statement, under the apply lock, once the ledger exists.
     */
    boolean apply(Connection connection, PlannedMigration planned, LedgerKind.Entry entry, Judgment judgment) throws SQLException {
        connection.setAutoCommit(true);
        Set<String> objects = dialect.catalog().objects(connection);
        if (ledger.contains(connection, objects, planned.migration())) {
            return false;
        }
        if (!ledger.writer().existsIn(objects)) {
            ledger.writer().create(connection);
        }
        judgment.judge(connection);
        if (interrupter.expired()) {
            throw new Interrupter.DeadlineExceeded(); // the judge's own statements are bounded, not watched: nothing starts after the deadline
        }
        long started = clock.nanoTime();
        List<SqlStatement> sql = planned.statements();
        ProgressTable.start(connection, planned.name(), deploymentId, sql.size(), clock.instant());
        for (int i = 0; i < sql.size(); i++) {
            try {
                executor.execute(connection, sql.get(i));
            } catch (Applier.StatementFailed e) {
                if (i == 0 && !connectionLost(e.driverError())) {
                    ProgressTable.finish(connection, planned.name()); // the server undid the one statement that ran
                }
                throw e.afterStatements(i, sql.size());
            }
            ProgressTable.statementsDone(connection, planned.name(), i + 1);
        }
        dialect.migrations().begin(connection, remaining.get());
        try {
            ledger.writer().record(connection, entry, (clock.nanoTime() - started) / 1_000_000);
            ProgressTable.finish(connection, planned.name());
            interrupter.commitUnlessExpired(connection);
            return true;
        } catch (SQLException | RuntimeException e) {
            Applier.rollbackQuietly(connection);
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** What a failed statement left behind, for the failure's message. */
    static String aftermath(PlannedMigration planned, Applier.StatementFailed failed) {
        int done = failed == null ? 0 : failed.statementsDone;
        if (failed != null && failed.inRehearsal) {
            return "It failed where the engine's second judge ran it ahead of the database, so nothing of "
                    + "it ran on the database and no ledger row was written";
        }
        if (done == 0) {
            return "Nothing of it took effect (this database commits each DDL statement on its own, and the failing "
                    + "statement was its first) and no ledger row was written";
        }
        return "This database commits each DDL statement on its own: " + done + " of " + failed.statements
                + " statements took effect and stay, no ledger row was written, and schema_guard_progress marks it as "
                + "started; " + (planned.rerunnable() ? "every statement can run twice, so the next boot runs it again whole"
                : "the next boot stops with MIGRATION_INCOMPLETE until the change is undone by hand");
    }

    /** Whether the statement's fate is unknown: the connection broke, so the server may have finished it. */
    private static boolean connectionLost(SQLException e) {
        return e instanceof SQLNonTransientConnectionException || (e.getSQLState() != null && e.getSQLState().startsWith("08"));
    }
}
