package dev.schemaguard.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatementSplitterTest {
    private static List<SqlStatement> sqlite(String script) {
        return StatementSplitter.split(script, SqlDialect.SQLITE);
    }

    private static List<SqlStatement> postgres(String script) {
        return StatementSplitter.split(script, SqlDialect.POSTGRES);
    }

    @Test
    void statementTextStartsAtFirstTokenAndHasNoTrailingSemicolon() {
        assertEquals(List.of(new SqlStatement("CREATE TABLE a (x)", 2), new SqlStatement("CREATE TABLE b (y)", 2)),
                sqlite("-- header\n  CREATE TABLE a (x) ; CREATE TABLE b (y) -- tail\n;"));
    }

    @Test
    void linesCountNewlinesInsideCommentsAndStrings() {
        List<SqlStatement> s = sqlite("/* one\ntwo\nthree */ CREATE TABLE a (x TEXT DEFAULT 'l1\nl2');\n\nDROP TABLE b");
        assertEquals(3, s.get(0).line());
        assertEquals(6, s.get(1).line());
    }

    @Test
    void emptyScriptAndCommentOnlyScriptHaveNoStatements() {
        assertEquals(List.of(), sqlite(""));
        assertEquals(List.of(), sqlite("-- nothing\n/* ; */ ;;"));
        assertEquals(List.of(), postgres("/* a /* nested */ b */ ; -- x"));
    }

    @Test
    void sqliteBlockCommentsDoNotNestButPostgresOnesDo() {
        String script = "/* a /* b */ DROP TABLE t; */";
        assertEquals("DROP TABLE t", sqlite(script).get(0).text());
        assertEquals(List.of(), postgres(script));
    }

    @Test
    void lineCommentEndsAtCarriageReturnOnlyInPostgres() {
        String script = "-- c\rDROP TABLE t";
        assertEquals(List.of(), sqlite(script));
        assertEquals("DROP TABLE t", postgres(script).get(0).text());
    }

    @Test
    void backslashEndsNothingInSqliteStrings() {
        assertEquals(2, sqlite("CREATE TABLE a (x DEFAULT 'a\\'); DROP TABLE t").size());
    }

    @Test
    void postgresEscapeStringsAndDollarQuotesHideSemicolons() {
        assertEquals(1, postgres("CREATE TABLE a (x text DEFAULT E'a\\'; DROP TABLE t; --')").size());
        assertEquals(1, postgres("CREATE TABLE a (x text DEFAULT $q$ ; $$ ; $q$)").size());
        assertEquals(1, postgres("DO $$ BEGIN DELETE FROM t; END $$").size());
    }

    @Test
    void sqliteTriggerWithBodySemicolonsIsOneStatement() {
        List<SqlStatement> s = sqlite("CREATE TRIGGER t AFTER INSERT ON a BEGIN DELETE FROM b; UPDATE c SET x = 1; END;"
                + "CREATE TABLE d (x)");
        assertEquals(2, s.size());
        assertEquals("CREATE TRIGGER t AFTER INSERT ON a BEGIN DELETE FROM b; UPDATE c SET x = 1; END", s.get(0).text());
    }

    @Test
    void postgresBeginAtomicBodyIsOneStatement() {
        assertEquals(1, postgres("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END").size());
    }

    @Test
    void aLexicalErrorTurnsTheRestIntoOneFinalStatement() {
        List<SqlStatement> s = sqlite("CREATE TABLE a (x);\nCREATE TABLE b (y TEXT DEFAULT 'open);\nDROP TABLE c;");
        assertEquals(2, s.size());
        assertEquals(new SqlStatement("CREATE TABLE b (y TEXT DEFAULT 'open);\nDROP TABLE c;", 2), s.get(1));
    }

    @Test
    void aControlCharacterInsideACommentStillStopsTheSplit() {
        List<SqlStatement> s = postgres("CREATE TABLE a (x int);\n/* \u0000 */ CREATE TABLE b (y int)");
        assertEquals(2, s.size());
        assertEquals(2, s.get(1).line());
    }
}
