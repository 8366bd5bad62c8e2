package dev.schemaguard.sqlite;

import static org.junit.jupiter.api.Assertions.fail;

import dev.schemaguard.internal.sql.Classification;
import dev.schemaguard.internal.sql.MigrationClassifier;
import dev.schemaguard.internal.sql.SqlStatement;
import dev.schemaguard.internal.sql.StatementSplitter;
import dev.schemaguard.sqlite.internal.sql.SqliteSql;
import dev.schemaguard.spi.Dialect.Access;
import dev.schemaguard.spi.EngineJudge;
import dev.schemaguard.testing.RedTeamCorpus;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The red-team corpus on a real SQLite file, each case in a transaction that is rolled back: both
 * judges must agree that every additive case is additive (it runs, and the engine sees nothing that
 * is not), and the engine alone must refuse every case of the classes its evidence covers.
 */
class RedTeamEngineTest {
    private static final SqliteSql SQL = new SqliteSql();
    /** Rules whose cases the engine's evidence must refuse by itself (an error counts: nothing would commit). */
    static final Set<String> ENGINE_SEES = Set.of("drop", "rename", "delete", "update", "insert", "guard-ledger",
            "temp-object", "create-trigger", "fk-action", "attach", "vacuum");
    private static final Pattern TRANSACTION_CONTROL = Pattern.compile("(?i)^(BEGIN|COMMIT|END|ROLLBACK|SAVEPOINT|RELEASE)\\b.*",
            Pattern.DOTALL);

    @TempDir
    Path dir;

    @Test
    void bothJudgesAgreeOnEveryCase_andTheEngineAloneRefusesTheClassesItSees() throws Exception {
        RedTeamCorpus corpus = RedTeamCorpus.load("redteam-sqlite.corpus");
        SqliteDialect dialect = new SqliteDialect();
        String url = "jdbc:sqlite:" + dir.resolve("redteam.db");
        try (Connection c = dialect.open(url, Access.CREATE); Statement s = c.createStatement()) {
            for (String sql : corpus.fixture()) {
                s.execute(sql);
            }
        }
        EngineJudge judge = dialect.engineJudge().orElseThrow();
        List<String> disagreements = new ArrayList<>();
        int refusedByEngine = 0;
        int unsafe = 0;
        for (RedTeamCorpus.Case rc : corpus.cases()) {
            Classification classification = MigrationClassifier.classify(StatementSplitter.split(rc.sql(), SQL), SQL, corpus::exists);
            List<SqlStatement> statements = classification.executed();
            String verdict = judge(dialect, url, judge, rc, statements);
            if (rc.additive() && verdict != null) {
                disagreements.add(rc.where() + " is additive, but the engine says: " + verdict);
            } else if (!rc.additive()) {
                unsafe++;
                refusedByEngine += verdict != null ? 1 : 0;
                if (verdict == null && ENGINE_SEES.contains(rc.expected()) && !rc.source().contains("[static only")) {
                    disagreements.add(rc.where() + " (" + rc.expected() + ") ran and the engine saw nothing: " + rc.sql());
                }
            }
        }
        System.out.println("redteam-sqlite.corpus on SQLite: the engine alone refused " + refusedByEngine + " of " + unsafe
                + " unsafe cases; " + disagreements.size() + " disagreements");
        if (!disagreements.isEmpty()) {
            fail(String.join("\n", disagreements));
        }
    }

    /** Runs one case and returns why the engine refuses it (an error, or what changed), or null. */
    private static String judge(SqliteDialect dialect, String url, EngineJudge judge, RedTeamCorpus.Case rc,
                                List<SqlStatement> statements) throws SQLException {
        try (Connection c = dialect.open(url, Access.READ_WRITE)) {
            c.setAutoCommit(false);
            try (EngineJudge.Evidence evidence = judge.before(c)) {
                String error = null;
                try (Statement s = c.createStatement()) {
                    for (SqlStatement statement : statements) {
                        if (!TRANSACTION_CONTROL.matcher(statement.text().strip()).matches()) {
                            s.execute(statement.text());
                        }
                    }
                    // what the guard does next: its ledger row, by the unqualified name (a shadow would catch it)
                    s.executeUpdate("INSERT INTO DATABASECHANGELOG (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, EXECTYPE)"
                            + " VALUES ('" + rc.where() + "', 'redteam', 'x', CURRENT_TIMESTAMP, 2, 'EXECUTED')");
                } catch (SQLException e) {
                    error = "error: " + e.getMessage();
                }
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
