package dev.schemaguard.internal.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.schemaguard.Code;
import dev.schemaguard.internal.changelog.SqlFileMigration;
import dev.schemaguard.internal.sql.SqlStatement;
import dev.schemaguard.internal.sql.SqlSupport;
import dev.schemaguard.internal.sql.StatementSplitter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What the dialects' engine-judge tests share: migrations handed to the Applier as if the classifier
 * had passed them, and the failure an engine refusal must produce.
 */
public final class EngineJudgeCases {
    /** Opens the connection a migration is applied on. */
    public interface Connect {
        Connection open() throws SQLException;
    }

    private EngineJudgeCases() {
    }

    /** An Applier for a dialect, keeping Liquibase's ledger, with 30 s of budget. */
    static Applier applier(dev.schemaguard.spi.Dialect dialect) {
        return applier(dialect, dev.schemaguard.GuardConfig.EngineJudgeMode.WHEN_POSSIBLE, warning -> { });
    }

    /** The same, with what to do when the engine cannot judge, and where its warning lines go. */
    static Applier applier(dev.schemaguard.spi.Dialect dialect, dev.schemaguard.GuardConfig.EngineJudgeMode mode,
                           java.util.function.Consumer<String> warnings) {
        MigrationStatements statements = new MigrationStatements(dialect.sql(), dialect.name());
        return new Applier(dialect, statements, new Interrupter(), "test", () -> java.time.Duration.ofSeconds(30),
                dev.schemaguard.ConnectionSettings.DEFAULT,
                dev.schemaguard.internal.ledger.ActiveLedger.liquibase(statements::liquibase),
                dev.schemaguard.internal.time.NanoClock.system(), mode, warnings);
    }

    /** A migration planned for applying, skipping the classifier: only the engine judges it. */
    static PlannedMigration planned(String name, String sql, boolean outsideTransaction, SqlSupport support) {
        SqlFileMigration migration = new SqlFileMigration(name, Path.of(name), sql, "0".repeat(64));
        List<SqlStatement> statements = StatementSplitter.split(sql, support);
        return new PlannedMigration(migration, PlannedMigration.Decision.APPLY, false, "", List.of(), statements,
                outsideTransaction);
    }

    /** Applies a migration the engine must refuse; returns the boot's failure, judged by the engine. */
    static Failure refusedByTheEngine(Applier applier, PlannedMigration planned, Connect connect) throws SQLException {
        SQLException error;
        try (Connection c = connect.open()) {
            error = assertThrows(SQLException.class, () -> applier.apply(c, planned));
        }
        Failure failure = applier.failureOf(planned, error);
        assertEquals(Code.MIGRATION_NOT_ADDITIVE, failure.code(), failure.message());
        assertEquals("engine", failure.details().get("judge"));
        return failure;
    }
}
