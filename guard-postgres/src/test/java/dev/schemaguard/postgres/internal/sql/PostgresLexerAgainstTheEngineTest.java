package dev.schemaguard.postgres.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.internal.sql.Classification;
import dev.schemaguard.internal.sql.MigrationClassifier;
import dev.schemaguard.internal.sql.SchemaView;
import dev.schemaguard.internal.sql.SqlStatement;
import dev.schemaguard.internal.sql.StatementSplitter;
import dev.schemaguard.postgres.PostgresServer;
import dev.schemaguard.postgres.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lexer against the real server: each script runs twice on a fresh database, once whole through
 * the server's own parser (a PL/pgSQL EXECUTE of the script text, so no client splits it), once as the
 * guard runs it, piece by piece as its splitter cut it; with standard_conforming_strings on and off.
 * When the classifier calls a script additive, both databases must end up with the same relations and
 * columns: the guard read it as the server does. Nested comments, a carriage return ending a line
 * comment, dollar quotes, E'' escapes, backslashes in plain strings, U&'' escapes, odd identifiers.
 */
class PostgresLexerAgainstTheEngineTest {
    private static final PostgresSql SQL = new PostgresSql();
    private static final String RELATIONS = "SELECT string_agg(c.relname || '(' || coalesce((SELECT string_agg(a.attname, ','"
            + " ORDER BY a.attnum) FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0), '') || ')', ' ' ORDER BY c.relname)"
            + " FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'v')";

    static Stream<Arguments> scripts() {
        return Stream.of(
            Arguments.of("CREATE TABLE a (x int); /* outer /* inner */ CREATE TABLE hidden (y int); */ CREATE TABLE b (y int);", "on"),
            Arguments.of("CREATE TABLE c (x int); -- c\rCREATE TABLE d (y int);", "on"),
            Arguments.of("CREATE TABLE e (x text DEFAULT $$ ; CREATE TABLE hidden (z int); $$); CREATE TABLE f (y int);", "on"),
            Arguments.of("CREATE TABLE g (x text DEFAULT $t$ $$ ; $t$); CREATE TABLE h (y int);", "on"),
            Arguments.of("CREATE TABLE i (x text DEFAULT E'\\'; CREATE TABLE hidden (z int); --'); CREATE TABLE j (y int);", "on"),
            Arguments.of("CREATE TABLE k (x text DEFAULT 'C:\\temp'); CREATE TABLE l (y int);", "on"),
            Arguments.of("CREATE TABLE k (x text DEFAULT 'C:\\temp'); CREATE TABLE l (y int);", "off"),
            Arguments.of("CREATE TABLE k2 (x text DEFAULT 'a\\'); CREATE TABLE hidden (y int); --');", "on"),
            Arguments.of("CREATE TABLE k3 (x text DEFAULT 'a\\'); CREATE TABLE hidden (y int); --');", "off"),
            Arguments.of("CREATE TABLE \"m;n\" (\"x--y\" int); CREATE TABLE o (y int);", "on"),
            Arguments.of("CREATE TABLE a$b$c (x$ int); CREATE TABLE p (y int);", "on"),
            Arguments.of("CREATE TABLE q (x int DEFAULT 1 */* c */ 2); CREATE TABLE r (y int);", "on"),
            Arguments.of("CREATE TABLE s (x int DEFAULT 2 --3\n); CREATE TABLE t (y int);", "on"),
            Arguments.of("CREATE TABLE \"größe\" (\"maß\" int); CREATE TABLE u (y int);", "on"),
            Arguments.of("CREATE TABLE v (x int)\n;\n;CREATE TABLE w (y int)", "on"),
            Arguments.of("CREATE TABLE x1 (a text DEFAULT 'a'\n'b'); CREATE TABLE x2 (y int);", "on"),
            Arguments.of("CREATE TABLE U&\"d\\0061t\" (x int); CREATE TABLE x3 (y int);", "on"),
            Arguments.of("CREATE TABLE y1 (x int); COMMENT ON TABLE y1 IS E'\\\\'; CREATE TABLE y2 (z int);", "on"),
            Arguments.of("CREATE TABLE z1 (x int DEFAULT 1 +-2); CREATE TABLE z2 (y int DEFAULT -1);", "on"),
            Arguments.of("CREATE TABLE z3 (x text DEFAULT $a$$a$); CREATE TABLE z4 (y int);", "on"));
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void anAdditiveScriptMeansToTheServerWhatItMeansToTheGuard(String script, String standardConformingStrings) throws Exception {
        Classification classification = MigrationClassifier.classify(StatementSplitter.split(script, SQL), SQL, SchemaView.empty());
        String server = relationsAfter(standardConformingStrings, c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE FUNCTION pg_temp.run_whole(script text) RETURNS void LANGUAGE plpgsql AS $f$BEGIN EXECUTE script; END$f$");
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_temp.run_whole(?)")) {
                ps.setString(1, script);
                ps.execute();
            }
        });
        String guard = relationsAfter(standardConformingStrings, c -> {
            try (Statement s = c.createStatement()) {
                for (SqlStatement piece : StatementSplitter.split(script, SQL)) {
                    s.execute(piece.text());
                }
            }
        });
        if (classification.additive()) {
            assertEquals(server, guard, "the guard split\n" + script + "\ninto " + StatementSplitter.split(script, SQL));
            assertFalse(server.startsWith("error"), server);
        } else {
            assertTrue(!classification.refusals().isEmpty());
        }
    }

    private interface Run {
        void on(Connection c) throws SQLException;
    }

    /** The relations and columns of public in a fresh database after {@code run}, or the error it stopped with. */
    private static String relationsAfter(String standardConformingStrings, Run run) throws Exception {
        PostgresTestDatabase db = PostgresServer.defaultMajor().newDatabase();
        try (Connection c = db.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("SET standard_conforming_strings = " + standardConformingStrings);
            }
            try {
                run.on(c);
            } catch (SQLException e) {
                return "error: " + e.getMessage();
            }
        }
        return String.valueOf(db.column(RELATIONS).get(0));
    }
}
