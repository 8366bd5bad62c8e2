package dev.schemaguard.internal.boot;

import dev.schemaguard.GuardConfig.EngineJudgeMode;
import dev.schemaguard.internal.sql.SqlStatement;
import dev.schemaguard.spi.Dialect;
import dev.schemaguard.spi.Dialect.AdvanceJudge.Verdict;
import dev.schemaguard.spi.Dialect.EngineJudge;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

/**
 * The engine's second judge where each DDL statement commits on its own ({@link Dialect.AdvanceJudge}),
 * asked before a migration's first statement, and what the boot does with its verdict: a migration the
 * engine shows is not additive is refused, and so is one whose statement failed where the judge ran it;
 * either way nothing of it ran on the database. One the engine could not judge is refused under
 * {@code engine_judge: required}; otherwise it is applied on the classifier's word, with a warning line
 * that says why the second judge did not run and how to let it.
 */
final class AdvanceJudgment {
    private final Dialect.AdvanceJudge judge;
    private final EngineJudgeMode mode;
    private final Consumer<String> warn;

    /** @param judge  the dialect's judge; null when it has none */
    AdvanceJudgment(Dialect.AdvanceJudge judge, EngineJudgeMode mode, Consumer<String> warn) {
        this.judge = judge;
        this.mode = mode;
        this.warn = warn;
    }

    /**
     * Judges the migration; returns when it may run, throws {@link Applier.EngineRefused} or
     * {@link Applier.StatementFailed} (for the boot's failure) when it may not.
     */
    void judge(Connection connection, PlannedMigration planned, EngineJudge.GuardTables tables) throws SQLException {
        List<SqlStatement> statements = planned.statements();
        Verdict verdict = judge == null ? new Verdict.NotJudged("this database has no engine judge")
                : judge.judge(connection, tables, new EngineJudge.Applied(planned.name(),
                        statements.stream().map(SqlStatement::text).toList(), planned.outsideTransaction()));
        if (verdict instanceof Verdict.NotAdditive notAdditive) {
            throw new Applier.EngineRefused(notAdditive.changes(), Applier.EngineRefused.NOTHING_RAN);
        }
        if (verdict instanceof Verdict.Failed failed) {
            throw new Applier.StatementFailed(statements.get(failed.statement()), failed.error(), null).inRehearsal();
        }
        if (verdict instanceof Verdict.NotJudged notJudged) {
            if (mode == EngineJudgeMode.REQUIRED) {
                throw Applier.EngineRefused.notJudged(notJudged.why());
            }
            warn.accept(planned.name() + " is applied on the classifier's word alone: the engine's second judge could not "
                    + "judge it (" + notJudged.why() + "). Set engine_judge: required to refuse such a migration instead.");
        }
    }
}
