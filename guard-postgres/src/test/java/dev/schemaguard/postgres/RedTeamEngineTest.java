package dev.schemaguard.postgres;

import static org.junit.jupiter.api.Assertions.fail;

import dev.schemaguard.internal.sql.Classification;
import dev.schemaguard.internal.sql.MigrationClassifier;
import dev.schemaguard.internal.sql.SqlStatement;
import dev.schemaguard.internal.sql.StatementSplitter;
import dev.schemaguard.postgres.internal.sql.PostgresSql;
import dev.schemaguard.spi.EngineJudge;
import dev.schemaguard.testing.RedTeamCorpus;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The red-team corpus on a real PostgreSQL server, each case on a fresh connection in a transaction
 * that is rolled back (a concurrent build runs in autocommit and its index is dropped afterwards):
 * both judges must agree that every additive case is additive, and the engine alone must refuse every
 * case of the classes its evidence covers.
 */
class RedTeamEngineTest {
    private static final PostgresSql SQL = new PostgresSql();
    static final Set<String> ENGINE_SEES = Set.of("drop", "rename", "delete", "update", "insert", "truncate",
            "guard-ledger", "temp-object", "guard-limits", "fk-action", "create-trigger", "create-function", "create-rule",
            "create-view-or-replace", "row-level-security", "inheritance", "enable-disable-trigger", "grant", "owner-to",
            "set-schema", "add-column-volatile-default", "alter-column", "storage-parameters", "replica-identity",
            "partition", "create-extension", "do-block", "copy", "call", "select-into", "vacuum", "reindex");
    private static final Pattern TRANSACTION_CONTROL = Pattern.compile(
            "(?i)^(BEGIN|START|COMMIT|END|ROLLBACK|SAVEPOINT|RELEASE|ABORT|PREPARE)\\b.*", Pattern.DOTALL);

    @Test
    void bothJudgesAgreeOnEveryCase_andTheEngineAloneRefusesTheClassesItSees() throws Exception {
        RedTeamCorpus corpus = RedTeamCorpus.load("redteam-postgres.corpus");
        PostgresTestDatabase db = PostgresServer.defaultMajor().newDatabase();
        db.execute(corpus.fixture().toArray(String[]::new));
        Set<String> fixtureIndexes = Set.copyOf(db.column("SELECT indexrelid::regclass::text FROM pg_index i JOIN pg_class c"
                + " ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN ('public', 'audit')"));
        EngineJudge judge = new PostgresDialect().engineJudge().orElseThrow();
        List<String> disagreements = new ArrayList<>();
        int refusedByEngine = 0;
        int unsafe = 0;
        for (RedTeamCorpus.Case rc : corpus.cases()) {
            Classification classification = MigrationClassifier.classify(
                    StatementSplitter.split(rc.sql(), SQL), SQL, corpus::exists);
            String verdict;
            try (Connection c = db.connect()) {
                try (Statement limits = c.createStatement()) {
                    // as the guard bounds every migration (a case such as pg_sleep(600) must not hang the test)
                    limits.execute("SET lock_timeout = '2s'");
                    limits.execute("SET statement_timeout = '5s'");
                }
                verdict = classification.outsideTransaction() ? judgeOutside(c, judge, rc, classification.executed(), fixtureIndexes)
                        : judgeInTransaction(c, judge, rc, classification.executed());
            }
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
        System.out.println("redteam-postgres.corpus on PostgreSQL: the engine alone refused " + refusedByEngine + " of " + unsafe
                + " unsafe cases; " + disagreements.size() + " disagreements");
        if (!disagreements.isEmpty()) {
            fail(String.join("\n", disagreements));
        }
    }

    private static String judgeInTransaction(Connection c, EngineJudge judge, RedTeamCorpus.Case rc, List<SqlStatement> statements)
            throws SQLException {
        c.setAutoCommit(false);
        try (EngineJudge.Evidence evidence = judge.before(c)) {
            String error = run(c, statements);
            if (error != null) {
                return error;
            }
            error = writeLedgerRow(c, rc);
            if (error != null) {
                return error;
            }
            List<String> changes = evidence.changes(c, applied(rc, statements, false), true);
            return changes.isEmpty() ? null : String.join("; ", changes);
        } finally {
            c.rollback();
        }
    }

    private static String judgeOutside(Connection c, EngineJudge judge, RedTeamCorpus.Case rc, List<SqlStatement> statements,
                                       Set<String> fixtureIndexes) throws SQLException {
        try (EngineJudge.Evidence evidence = judge.before(c)) {
            String error = run(c, statements);
            List<String> changes = evidence.changes(c, applied(rc, statements, true), false);
            return error != null ? error : changes.isEmpty() ? null : String.join("; ", changes);
        } finally {
            List<String> indexes = new ArrayList<>();
            try (Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery("SELECT indexrelid::regclass::text"
                    + " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE n.nspname IN ('public', 'audit')")) {
                while (rs.next()) {
                    indexes.add(rs.getString(1));
                }
            }
            try (Statement s = c.createStatement()) {
                for (String index : indexes) {
                    if (!fixtureIndexes.contains(index)) {
                        s.execute("DROP INDEX CONCURRENTLY IF EXISTS " + index);
                    }
                }
            }
        }
    }

    private static String run(Connection c, List<SqlStatement> statements) {
        try (Statement s = c.createStatement()) {
            for (SqlStatement statement : statements) {
                if (!TRANSACTION_CONTROL.matcher(statement.text().strip()).matches()) {
                    s.execute(statement.text());
                }
            }
            return null;
        } catch (SQLException e) {
            return "error: " + e.getMessage().lines().findFirst().orElse("");
        }
    }

    /** What the guard does next: its ledger row, by the unqualified name (a shadow would catch it). */
    private static String writeLedgerRow(Connection c, RedTeamCorpus.Case rc) {
        try (java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO DATABASECHANGELOG (ID, AUTHOR, FILENAME,"
                + " DATEEXECUTED, ORDEREXECUTED, EXECTYPE) VALUES (?, 'redteam', ?, CURRENT_TIMESTAMP, 2, 'EXECUTED')")) {
            ps.setString(1, rc.where());
            ps.setString(2, rc.where());
            ps.executeUpdate();
            return null;
        } catch (SQLException e) {
            return "error: " + e.getMessage().lines().findFirst().orElse("");
        }
    }

    private static EngineJudge.Applied applied(RedTeamCorpus.Case rc, List<SqlStatement> statements, boolean outside) {
        return new EngineJudge.Applied(rc.where(), statements.stream().map(SqlStatement::text).toList(), outside);
    }
}
