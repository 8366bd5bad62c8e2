package dev.schemaguard.sqlite.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.internal.sql.Classification;
import dev.schemaguard.internal.sql.MigrationClassifier;
import dev.schemaguard.internal.sql.SchemaView;
import dev.schemaguard.internal.sql.SqlStatement;
import dev.schemaguard.internal.sql.StatementSplitter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sqlite.SQLiteConnection;

/**
 * The lexer against the real engine: each script runs twice on a fresh SQLite database, once whole
 * through sqlite3_exec (SQLite's own tokenizer decides where each statement ends and what is a
 * comment or a literal), once as the guard runs it, piece by piece as its splitter cut it. When the
 * classifier calls a script additive, the two databases must end up with the same schema: the guard
 * read it as the engine does. Comments that look nested, a carriage return in a line comment,
 * backslashes, every quoting style, trigger bodies, odd whitespace.
 */
class SqliteLexerAgainstTheEngineTest {
    private static final SqliteSql SQL = new SqliteSql();

    @ParameterizedTest
    @ValueSource(strings = {
        "CREATE TABLE a (x); /* c; CREATE TABLE hidden (y); */ CREATE TABLE b (y);",
        "/* a /* b */ CREATE TABLE c (x); /* */",
        "CREATE TABLE d (x); -- c\rCREATE TABLE hidden (y);\nCREATE TABLE e (z);",
        "CREATE TABLE f (x TEXT DEFAULT 'a\\'); CREATE TABLE g (y);",
        "CREATE TABLE [h;i] (x); CREATE TABLE `j;k` (y); CREATE TABLE \"l;m\" (z);",
        "CREATE TABLE n (x TEXT DEFAULT 'it''s; -- x'); CREATE TABLE o (y);",
        "CREATE TABLE p (x); CREATE TRIGGER t AFTER INSERT ON p BEGIN INSERT INTO p VALUES (1); INSERT INTO p VALUES (2); END; CREATE TABLE q (y);",
        "CREATE TABLE r (x BLOB DEFAULT x'00ff'); CREATE TABLE s (y);",
        "CREATE TABLE u (a$b); CREATE TABLE v (y);",
        "CREATE TABLE w (x)\n;\n;CREATE TABLE x2 (y)",
        "CREATE TABLE \"größe\" (\"maß\"); CREATE TABLE y2 (z);",
        "CREATE TABLE z1 (x) ; -- a trailing comment without a newline",
        "CREATE TABLE t2 (x TEXT DEFAULT \"q;\"); CREATE TABLE t3 (y);",
        "CREATE\tTABLE\ft4\r\n(x);CREATE TABLE t5(y)",
        "CREATE TABLE t6 (x INTEGER DEFAULT 0x1F, y INTEGER DEFAULT 1_000); CREATE TABLE t7 (z);",
        "CREATE TABLE t8 (x TEXT DEFAULT '/* not a comment */ -- nor this'); CREATE TABLE t9 (y);",
        "CREATE TABLE t10 (x); CREATE VIEW v1 AS SELECT x FROM t10 WHERE x = ';'; CREATE TABLE t11 (y);",
        "CREATE TABLE t12 (x);\u00a0CREATE TABLE t13 (y);",
    })
    void anAdditiveScriptMeansToTheEngineWhatItMeansToTheGuard(String script) throws Exception {
        Classification classification = MigrationClassifier.classify(StatementSplitter.split(script, SQL), SQL, SchemaView.empty());
        String engine = schemaAfter(c -> {
            // sqlite3_exec: SQLite's own tokenizer runs every statement of the text, one after another
            int code = c.unwrap(SQLiteConnection.class).getDatabase()._exec(script);
            if (code != 0) {
                throw new SQLException("sqlite3_exec returned " + code);
            }
        });
        String guard = schemaAfter(c -> {
            try (Statement s = c.createStatement()) {
                for (SqlStatement piece : StatementSplitter.split(script, SQL)) {
                    s.execute(piece.text());
                }
            }
        });
        if (classification.additive()) {
            assertEquals(engine, guard, "the guard split\n" + script + "\ninto " + StatementSplitter.split(script, SQL));
            assertTrue(!engine.startsWith("error"), engine);
        } else {
            assertTrue(!classification.refusals().isEmpty());
        }
    }

    private interface Run {
        void on(Connection c) throws SQLException;
    }

    /** The schema a fresh database has after {@code run}, or the error it stopped with. */
    private static String schemaAfter(Run run) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            try {
                run.on(c);
            } catch (SQLException e) {
                return "error";
            }
            List<String> rows = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT type, name, sql FROM sqlite_schema ORDER BY name")) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + " " + rs.getString(2) + ": " + rs.getString(3));
                }
            }
            return String.join("\n", rows);
        }
    }
}
