package dev.schemaguard.postgres;

import dev.schemaguard.internal.sql.SqlStatement;
import dev.schemaguard.postgres.internal.sql.PostgresSql;
import dev.schemaguard.spi.Dialect.EngineJudge;
import dev.schemaguard.testing.RedTeamCorpus;
import dev.schemaguard.testing.RedTeamEngineRun;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The red-team corpus on a real PostgreSQL server, each case on a fresh connection (bounded as the
 * guard bounds a migration) in a transaction that is rolled back, with the guard's ledger row written
 * as a boot would; a concurrent build runs in autocommit and its index is dropped afterwards. Both
 * judges agree on every additive case, and the engine alone refuses the classes its evidence covers.
 */
class RedTeamEngineTest {
    static final Set<String> ENGINE_SEES = Set.of("drop", "rename", "delete", "update", "insert", "truncate",
            "guard-ledger", "temp-object", "guard-limits", "fk-action", "create-trigger", "create-function", "create-rule",
            "create-view-or-replace", "row-level-security", "inheritance", "enable-disable-trigger", "grant", "owner-to",
            "set-schema", "add-column-volatile-default", "alter-column", "storage-parameters", "replica-identity",
            "partition", "create-extension", "do-block", "copy", "call", "select-into", "vacuum", "reindex");
    private static final String INDEXES = "SELECT indexrelid::regclass::text FROM pg_index i JOIN pg_class c"
            + " ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN ('public', 'audit')";

    @Test
    void bothJudgesAgreeOnEveryCase_andTheEngineAloneRefusesTheClassesItSees() throws Exception {
        RedTeamCorpus corpus = RedTeamCorpus.load("redteam-postgres.corpus");
        PostgresTestDatabase db = PostgresServer.defaultMajor().newDatabase();
        db.execute(corpus.fixture().toArray(String[]::new));
        Set<String> fixtureIndexes = Set.copyOf(db.column(INDEXES));
        EngineJudge judge = new PostgresDialect().migrations().engineJudge().orElseThrow();
        RedTeamEngineRun.assertJudgesAgree(corpus, new PostgresSql(), ENGINE_SEES, (rc, executed, outside) -> {
            try (Connection c = db.connect()) {
                try (Statement limits = c.createStatement()) {
                    // as the guard bounds every migration (a case such as pg_sleep(600) must not hang the test)
                    limits.execute("SET lock_timeout = '2s'");
                    limits.execute("SET statement_timeout = '5s'");
                }
                return outside ? judgeOutside(c, judge, rc, executed, fixtureIndexes) : judgeInTransaction(c, judge, rc, executed);
            }
        });
    }

    private static String judgeInTransaction(Connection c, EngineJudge judge, RedTeamCorpus.Case rc, List<SqlStatement> statements)
            throws SQLException {
        c.setAutoCommit(false);
        try (EngineJudge.Evidence evidence = judge.before(c, RedTeamEngineRun.LIQUIBASE_LEDGER)) {
            String error = RedTeamEngineRun.runAndRecord(c, evidence, rc, statements);
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
        try (EngineJudge.Evidence evidence = judge.before(c, RedTeamEngineRun.LIQUIBASE_LEDGER)) {
            String error = RedTeamEngineRun.run(c, statements);
            List<String> changes = evidence.changes(c, applied(rc, statements, true), false);
            return error != null ? error : changes.isEmpty() ? null : String.join("; ", changes);
        } finally {
            List<String> indexes = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(INDEXES)) {
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

    private static EngineJudge.Applied applied(RedTeamCorpus.Case rc, List<SqlStatement> statements, boolean outside) {
        return new EngineJudge.Applied(rc.where(), statements.stream().map(SqlStatement::text).toList(), outside);
    }
}
