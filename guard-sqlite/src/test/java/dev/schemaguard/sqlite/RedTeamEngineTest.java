package dev.schemaguard.sqlite;

import dev.schemaguard.ConnectionSettings;
import dev.schemaguard.internal.sql.SqlStatement;
import dev.schemaguard.spi.Dialect.Access;
import dev.schemaguard.spi.Dialect.EngineJudge;
import dev.schemaguard.sqlite.internal.sql.SqliteSql;
import dev.schemaguard.testing.RedTeamCorpus;
import dev.schemaguard.testing.RedTeamEngineRun;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The red-team corpus on a real SQLite file, each case on a fresh connection in a transaction that is
 * rolled back, with the guard's ledger row written as a boot would: both judges agree on every
 * additive case, and the engine alone refuses the classes its evidence covers.
 */
class RedTeamEngineTest {
    static final Set<String> ENGINE_SEES = Set.of("drop", "rename", "delete", "update", "insert", "guard-ledger",
            "temp-object", "create-trigger", "fk-action", "attach", "vacuum");

    @TempDir
    Path dir;

    @Test
    void bothJudgesAgreeOnEveryCase_andTheEngineAloneRefusesTheClassesItSees() throws Exception {
        RedTeamCorpus corpus = RedTeamCorpus.load("redteam-sqlite.corpus");
        SqliteDialect dialect = new SqliteDialect();
        String url = "jdbc:sqlite:" + dir.resolve("redteam.db");
        try (Connection c = dialect.database(url).open(Access.CREATE, ConnectionSettings.DEFAULT); Statement s = c.createStatement()) {
            for (String sql : corpus.fixture()) {
                s.execute(sql);
            }
        }
        EngineJudge judge = dialect.migrations().engineJudge().orElseThrow();
        RedTeamEngineRun.assertJudgesAgree(corpus, new SqliteSql(), ENGINE_SEES,
                (rc, executed, outside) -> judge(dialect, url, judge, rc, executed));
    }

    private static String judge(SqliteDialect dialect, String url, EngineJudge judge, RedTeamCorpus.Case rc,
                                List<SqlStatement> statements) throws SQLException {
        try (Connection c = dialect.database(url).open(Access.READ_WRITE, ConnectionSettings.DEFAULT)) {
            c.setAutoCommit(false);
            try (EngineJudge.Evidence evidence = judge.before(c, RedTeamEngineRun.LIQUIBASE_LEDGER)) {
                String error = RedTeamEngineRun.runAndRecord(c, evidence, rc, statements);
                List<String> changes = evidence.changes(c, new EngineJudge.Applied(rc.where(),
                        statements.stream().map(SqlStatement::text).toList(), false), error == null);
                return error != null ? error : changes.isEmpty() ? null : String.join("; ", changes);
            } finally {
                try {
                    c.rollback();
                } catch (SQLException e) {
                    // PRAGMA query_only refuses even this; closing the connection rolls back instead
                }
            }
        }
    }
}
