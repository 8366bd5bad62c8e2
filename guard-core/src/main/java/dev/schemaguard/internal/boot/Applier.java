package dev.schemaguard.internal.boot;

import dev.schemaguard.Code;
import dev.schemaguard.ConnectionSettings;
import dev.schemaguard.GuardConfig;
import dev.schemaguard.internal.ledger.ActiveLedger;
import dev.schemaguard.internal.ledger.LedgerKind;
import dev.schemaguard.internal.ledger.LedgerTable;
import dev.schemaguard.internal.ledger.ProgressTable;
import dev.schemaguard.internal.sql.SqlStatement;
import dev.schemaguard.internal.time.NanoClock;
import dev.schemaguard.spi.Dialect;
import dev.schemaguard.spi.Dialect.EngineJudge;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Applies planned migrations one at a time, each in its own transaction together with its ledger
 * row: the whole migration or nothing. The dialect's {@link Dialect.Migrations#begin} (or the apply
 * phase's {@link Dialect.Migrations#lock}) holds the lock that serializes concurrent boots; the ledger is
 * re-read under it, so a migration another replica applied meanwhile is skipped, not applied twice.
 * No lock row is ever written: a killed boot's locks die with its connection.
 *
 * <p>A migration that must run outside a transaction (PostgreSQL's CREATE INDEX CONCURRENTLY) runs
 * statement by statement in autocommit, and its ledger row is written afterwards in a transaction of
 * its own; if a statement fails, what it left half-done is removed and named in the failure.
 *
 * <p>The engine is the second judge ({@link EngineJudge}): after a migration's statements and its
 * ledger row, and before the commit, the dialect compares the catalog with what it was before; if
 * anything is not additive, the whole migration is rolled back and the boot fails with
 * {@code MIGRATION_NOT_ADDITIVE judge=engine}. A statement that ran outside a transaction is judged
 * right after it ran, and the dialect removes what it left that was not asked for.
 *
 * <p>On a database whose DDL commits on its own ({@code SqlSupport#transactionalDdl} false) no migration
 * can be atomic with its ledger row, so it runs statement by statement, its progress recorded in
 * {@code ProgressTable} before and after each statement, and the ledger row is written (and the progress
 * row removed) in one transaction at the end. A boot that dies in between leaves the progress row, so
 * the next one sees a migration that was started and not finished. There the engine judges before the
 * first statement ({@link AdvanceJudgment}), as nothing can be rolled back after it.
 */
final class Applier {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("dev.schemaguard");
    private final Dialect dialect;
    private final MigrationStatements statements;
    private final Interrupter interrupter;
    private final String deploymentId;
    private final Supplier<Duration> remaining;
    private final ConnectionSettings limits;
    private final ActiveLedger ledger;
    /** The boot's clock: how long a migration took, for ledgers that record it. */
    private final NanoClock clock;
    private final EngineJudge judge;
    private final AdvanceJudgment advanceJudgment;
    /**
     * Whether the current migration's statement limit is the time left in the budget rather than the
     * configured statement_timeout: a statement stopped by it ran out of the boot's budget (a HANG),
     * not of the limit the migration was written for.
     */
    private boolean statementsCutByBudget;
    /**
     * The ledger tables, once a committed migration found them all: they stay (a migration that drops
     * or renames one is the engine's to refuse), so later migrations do not ask the catalog again.
     */
    private java.util.Set<String> ledgerTablesFound;

    /** Without an engine judge, the evidence never objects: the classifier alone decides. */
    private static final EngineJudge NO_JUDGE = (connection, tables) -> (c, applied, ledgerRowWritten) -> List.of();

    /** An Applier that applies a migration the engine cannot judge on the classifier's word, with a warning logged. */
    Applier(Dialect dialect, MigrationStatements statements, Interrupter interrupter, String deploymentId,
            Supplier<Duration> remaining, ConnectionSettings limits, ActiveLedger ledger, NanoClock clock) {
        this(dialect, statements, interrupter, deploymentId, remaining, limits, ledger, clock,
                GuardConfig.EngineJudgeMode.WHEN_POSSIBLE, org.slf4j.LoggerFactory.getLogger("dev.schemaguard")::warn);
    }

    /**
     * @param engineJudge  what to do with a migration the engine cannot judge (where DDL commits on its own)
     * @param warn         prints a warning line (a migration applied without the engine's judge)
     */
    Applier(Dialect dialect, MigrationStatements statements, Interrupter interrupter, String deploymentId,
            Supplier<Duration> remaining, ConnectionSettings limits, ActiveLedger ledger, NanoClock clock,
            GuardConfig.EngineJudgeMode engineJudge, Consumer<String> warn) {
        this.dialect = dialect;
        this.statements = statements;
        this.interrupter = interrupter;
        this.deploymentId = deploymentId;
        this.remaining = remaining;
        this.limits = limits;
        this.ledger = ledger;
        this.clock = clock;
        this.judge = dialect.migrations().engineJudge().orElse(NO_JUDGE);
        this.advanceJudgment = new AdvanceJudgment(dialect.migrations().advanceJudge().orElse(null), engineJudge, warn);
    }

    /** Applies one migration; returns false when another boot had already applied it. */
    boolean apply(Connection connection, PlannedMigration planned) throws SQLException {
        // The ledger row (its checksum) is computed before the lock is taken, so it is held only while writing.
        LedgerKind.Entry entry = ledger.writer().entry(planned.migration(), planned.statements(), deploymentId);
        // Inside the deadline with a margin, so that DDL stuck behind a lock ends as LOCK_TIMEOUT, not HANG.
        Duration left = remaining.get().minus(Reconnect.RESERVE);
        Duration statementTimeout = min(limits.statementTimeout(), left);
        statementsCutByBudget = statementTimeout.compareTo(limits.statementTimeout()) < 0;
        // A lock wait is only reported as one if lock_timeout fires first: keep it below the statement's limit.
        Duration lockTimeout = min(limits.lockTimeout(), statementTimeout.multipliedBy(9).dividedBy(10));
        dialect.migrations().limitStatements(connection, lockTimeout, statementTimeout);
        if (!statements.sql().transactionalDdl()) {
            return new StepwiseApply(dialect, interrupter, deploymentId, remaining, ledger, this::execute, clock)
                    .apply(connection, planned, entry, c -> advanceJudgment.judge(c, planned, guardTables()));
        }
        if (planned.outsideTransaction()) {
            if (alreadyApplied(connection, planned)) {
                return false;
            }
            runOutsideTransaction(connection, planned);
        }
        // A lock held elsewhere is waited for until the reserve, then reported as such (LOCKED), not as a HANG.
        Duration lockWait = remaining.get().minus(Reconnect.RESERVE);
        dialect.migrations().begin(connection, lockWait.isNegative() ? Duration.ZERO : lockWait);
        boolean failed = true;
        try {
            boolean applied = applyInTransaction(connection, planned, entry);
            failed = false;
            return applied;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(connection);
            throw e;
        } finally {
            autoCommitAgain(connection, failed);
        }
    }

    private boolean applyInTransaction(Connection connection, PlannedMigration planned, LedgerKind.Entry entry) throws SQLException {
        long started = clock.nanoTime();
        java.util.Set<String> objects = ledgerTablesFound != null ? ledgerTablesFound : dialect.catalog().objects(connection, ledger.tables());
        if (ledger.contains(connection, objects, planned.migration())) {
            connection.rollback();
            return false;
        }
        if (!ledger.writer().existsIn(objects)) {
            ledger.writer().create(connection);
        }
        try (EngineJudge.Evidence evidence = judge.before(connection, guardTables())) {
            if (!planned.outsideTransaction()) {
                for (SqlStatement sql : planned.executed()) {
                    execute(connection, sql);
                }
            }
            evidence.statementsDone(connection);
            ledger.writer().record(connection, entry, (clock.nanoTime() - started) / 1_000_000);
            List<String> changes = new java.util.ArrayList<>(evidence.changes(connection, applied(planned), true));
            if (!ledger.writer().contains(connection, planned.migration())) {
                // read by the name every later boot reads it by; the dialect vouches that name is the real ledger
                changes.add("the ledger row of " + planned.name() + " is not visible in " + ledger.writer().table());
            }
            refuseIfChanged(changes, EngineRefused.ROLLED_BACK);
        }
        interrupter.commitUnlessExpired(connection);
        if (objects.containsAll(ledger.tables())) {
            ledgerTablesFound = objects;
        }
        return true;
    }

    /**
     * Back to autocommit. After a failure the transaction may already be gone (SQLite rolls back by
     * itself when the disk fills at commit), and what the driver then says about it must not hide the
     * failure itself: a full disk was once reported as "cannot commit - no transaction is active".
     */
    private static void autoCommitAgain(Connection connection, boolean afterFailure) throws SQLException {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            if (!afterFailure) {
                throw e;
            }
        }
    }

    private boolean alreadyApplied(Connection connection, PlannedMigration planned) throws SQLException {
        return ledger.contains(connection, dialect.catalog().objects(connection, ledger.tables()), planned.migration());
    }

    private void runOutsideTransaction(Connection connection, PlannedMigration planned) throws SQLException {
        connection.setAutoCommit(true);
        for (SqlStatement sql : planned.executed()) {
            // What an earlier, interrupted run of this statement left (a killed boot, a crashed server) goes
            // first, before the engine's evidence is taken: removing it is not this migration's change.
            dialect.migrations().cleanUpFailed(connection, sql.text()).ifPresent(cleaned -> LOG.info("{} before applying {} again",
                    cleaned.replace("the failed concurrent build left", "an interrupted earlier build left"), planned.name()));
        }
        try (EngineJudge.Evidence evidence = judge.before(connection, guardTables())) {
            for (SqlStatement sql : planned.executed()) {
                try {
                    execute(connection, sql);
                } catch (StatementFailed e) {
                    Optional<String> cleaned = dialect.migrations().cleanUpFailed(connection, sql.text());
                    throw cleaned.isEmpty() ? e : new StatementFailed(sql, e.driverError(), cleaned.get());
                }
            }
            refuseIfChanged(evidence.changes(connection, applied(planned), false), EngineRefused.OUTSIDE_TRANSACTION);
        }
    }

    /** The tables the guard writes or reads its record in (and its progress, where DDL commits on its own): no migration may touch them. */
    private EngineJudge.GuardTables guardTables() {
        return new EngineJudge.GuardTables(ledger.writer().table(), java.util.stream.Stream.of(ledger.writer().table(),
                ledger.kept().table(), LedgerTable.NAME, LedgerTable.NAME + "lock", ProgressTable.NAME)
                .collect(java.util.stream.Collectors.toSet()));
    }

    private static EngineJudge.Applied applied(PlannedMigration planned) {
        return new EngineJudge.Applied(planned.name(), planned.executed().stream().map(SqlStatement::text).toList(),
                planned.outsideTransaction());
    }

    private static void refuseIfChanged(List<String> changes, String undone) throws EngineRefused {
        if (!changes.isEmpty()) {
            throw new EngineRefused(changes, undone);
        }
    }

    void execute(Connection connection, SqlStatement sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            interrupter.watch(statement);
            try {
                statement.execute(sql.text());
            } catch (SQLException e) {
                throw new StatementFailed(sql, e, null);
            } finally {
                interrupter.unwatch();
            }
        }
    }

    static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The original failure is what the user needs to see; a failed rollback still ends the transaction.
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** The failure a boot reports for a migration that could not be applied. */
    Failure failureOf(PlannedMigration planned, SQLException e) {
        if (e instanceof EngineRefused refused) {
            return refused.failure(planned);
        }
        StatementFailed failed = e instanceof StatementFailed f ? f : null;
        String where = failed != null ? " at " + planned.migration().where(failed.statement.line()) : "";
        String cause = failed != null ? failed.driverError().getMessage() : e.getMessage();
        cause = cause == null ? e.getClass().getSimpleName() : cause.lines().findFirst().orElse("").strip();
        Code code = dialect.codeFor(failed != null ? failed.driverError() : e).orElse(Code.MIGRATION_FAILED);
        if (code == Code.LOCK_TIMEOUT) {
            return lockTimeout(planned, failed, where, cause);
        }
        String rolledBack = planned.outsideTransaction()
                ? "It ran outside a transaction: statements before the failing one stay, no ledger row was written"
                + (failed != null && failed.cleanedUp != null ? ", and " + failed.cleanedUp : "")
                : !statements.sql().transactionalDdl() ? StepwiseApply.aftermath(planned, failed)
                : "It was rolled back whole (no statement of it and no ledger row remain)";
        if (code == Code.DEADLINE_EXCEEDED) {
            return statementTimedOut(planned, where, cause, rolledBack);
        }
        String fix = switch (code) {
            // The database, not the migration, is what needs fixing for these.
            case DATABASE_READ_ONLY, DISK_FULL, LOCKED -> Advice.fix(code);
            case DATABASE_UNREACHABLE -> "The connection to the database was lost; boot again once it is back.";
            default -> "Fix the migration and boot again.";
        };
        Code reported = switch (code) {
            case DATABASE_READ_ONLY, DISK_FULL, LOCKED, DATABASE_UNREACHABLE -> code;
            default -> Code.MIGRATION_FAILED;
        };
        String what = code == Code.LOCKED
                ? planned.name() + " waited for the database's write lock until the boot's budget ran out (" + cause + ")"
                : planned.name() + " failed" + where + ": " + cause;
        return Failure.of(reported, what + ". " + rolledBack + ". " + fix, "migration", planned.name(), "reason", cause + where);
    }

    /**
     * A statement stopped by its time limit. When the limit was the time left in the budget, the boot
     * ran out of its budget while applying (a HANG, as the runner would have said a moment later);
     * otherwise the configured statement_timeout ended a migration that runs longer than it allows.
     */
    private Failure statementTimedOut(PlannedMigration planned, String where, String cause, String aftermath) {
        if (statementsCutByBudget) {
            return Failure.of(Code.DEADLINE_EXCEEDED, planned.name() + where + " was still running when the boot's budget ran "
                            + "out (" + cause + "). " + aftermath + ". Raise deadline: if the migration is legitimately slow "
                            + "(or the host was busy), or apply it offline.",
                    "phase", "apply", "migration", planned.name(), "reason", "deadline exceeded while applying");
        }
        return Failure.of(Code.MIGRATION_FAILED, planned.name() + where + " ran longer than statement_timeout allows (" + cause
                        + "). " + aftermath + ". Make the migration faster, raise statement_timeout for a legitimately "
                        + "long one, or apply it offline.",
                "migration", planned.name(), "reason", cause + where);
    }

    private Failure lockTimeout(PlannedMigration planned, StatementFailed failed, String where, String cause) {
        String table = failed == null ? null : LockedTable.of(failed.statement.text()).orElse(null);
        String what = table == null ? "a lock" : "a lock on " + table;
        String aftermath = statements.sql().transactionalDdl() ? "was rolled back whole"
                : "stopped (" + StepwiseApply.aftermath(planned, failed) + ")";
        Failure failure = Failure.of(Code.LOCK_TIMEOUT, planned.name() + where + " waited too long for " + what + " (" + cause
                        + ") and " + aftermath + ". Another transaction holds it: find it with " + dialect.migrations().lockHolderHint()
                        + ", let it finish (or end it), then boot again; lock_timeout bounds the wait.",
                "migration", planned.name(), "reason", cause + where);
        if (table == null) {
            return failure;
        }
        java.util.Map<String, String> details = new java.util.LinkedHashMap<>(failure.details());
        details.put("table", table);
        return new Failure(failure.code(), failure.message(), details);
    }

    /**
     * The engine's evidence shows the migration was not additive (or, under engine_judge: required, the engine
     * could not judge it); it was rolled back, cleaned up, or never ran.
     */
    static final class EngineRefused extends SQLException {
        static final String ROLLED_BACK = "It was rolled back whole (no statement of it and no ledger row remain)";
        static final String OUTSIDE_TRANSACTION = "It ran outside a transaction: what the engine found was removed where it "
                + "could be, and no ledger row was written";
        static final String NOTHING_RAN = "Nothing of it ran on the database (the engine judges it before its first statement)";
        private final transient List<String> changes;
        private final String undone;
        private final String notJudged;

        /** @param undone  what became of the migration, one sentence for the message */
        EngineRefused(List<String> changes, String undone) {
            this(changes, undone, null);
        }

        private EngineRefused(List<String> changes, String undone, String notJudged) {
            super("the engine shows changes that are not additive: " + String.join("; ", changes));
            this.changes = List.copyOf(changes);
            this.undone = undone;
            this.notJudged = notJudged;
        }

        /** Under engine_judge: required, a migration the engine could not judge; {@code why} says why and how to let it. */
        static EngineRefused notJudged(String why) {
            return new EngineRefused(List.of("the engine's judge could not judge it"), NOTHING_RAN, why);
        }

        Failure failure(PlannedMigration planned) {
            if (notJudged != null) {
                return Failure.of(Code.MIGRATION_NOT_ADDITIVE, planned.name() + " passed the classifier, but the database "
                                + "engine could not judge it: " + notJudged + ". " + undone + ". engine_judge is required, so "
                                + "a migration applies only when both judges agree: let the engine judge it (see above), or "
                                + "set engine_judge: when_possible to accept the classifier's word alone.",
                        "migration", planned.name(), "judge", "engine", "reason", "not judged: " + notJudged);
            }
            return Failure.of(Code.MIGRATION_NOT_ADDITIVE, planned.name() + " passed the classifier, but the database "
                            + "engine shows it was not additive: " + String.join("; ", changes) + ". " + undone
                            + "; apply it offline in a reviewed migration, or rewrite it as additive changes.",
                    "migration", planned.name(), "judge", "engine", "reason", changes.get(0));
        }
    }

    /** A statement that failed, with where it is in its file and what was cleaned up after it. */
    static final class StatementFailed extends SQLException {
        private final transient SqlStatement statement;
        private final String cleanedUp;
        /** Where DDL commits on its own: how many of the migration's statements ran before this one. */
        final int statementsDone;
        final int statements;
        /** It failed where the engine's judge rehearsed the migration, before anything of it ran on the database. */
        final boolean inRehearsal;

        StatementFailed(SqlStatement statement, SQLException cause, String cleanedUp) {
            this(statement, cause, cleanedUp, 0, 0, false);
        }

        private StatementFailed(SqlStatement statement, SQLException cause, String cleanedUp, int statementsDone, int statements,
                                boolean inRehearsal) {
            super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
            this.statement = statement;
            this.cleanedUp = cleanedUp;
            this.statementsDone = statementsDone;
            this.statements = statements;
            this.inRehearsal = inRehearsal;
        }

        StatementFailed afterStatements(int done, int total) {
            return new StatementFailed(statement, driverError(), cleanedUp, done, total, inRehearsal);
        }

        StatementFailed inRehearsal() {
            return new StatementFailed(statement, driverError(), cleanedUp, statementsDone, statements, true);
        }

        SQLException driverError() {
            return (SQLException) getCause();
        }
    }
}
