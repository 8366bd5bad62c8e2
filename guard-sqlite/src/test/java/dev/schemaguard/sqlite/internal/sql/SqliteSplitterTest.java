package dev.schemaguard.sqlite.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.schemaguard.internal.sql.SqlStatement;
import dev.schemaguard.internal.sql.StatementSplitter;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqliteSplitterTest {
    private static List<SqlStatement> sqlite(String script) {
        return StatementSplitter.split(script, new SqliteSql());
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
    }

    @Test
    void blockCommentsDoNotNest() {
        String script = "/* a /* b */ DROP TABLE t; */";
        assertEquals("DROP TABLE t", sqlite(script).get(0).text());
    }

    @Test
    void lineCommentDoesNotEndAtCarriageReturn() {
        String script = "-- c\rDROP TABLE t";
        assertEquals(List.of(), sqlite(script));
    }

    @Test
    void backslashEndsNothingInSqliteStrings() {
        assertEquals(2, sqlite("CREATE TABLE a (x DEFAULT 'a\\'); DROP TABLE t").size());
    }

    @Test
    void sqliteTriggerWithBodySemicolonsIsOneStatement() {
        List<SqlStatement> s = sqlite("CREATE TRIGGER t AFTER INSERT ON a BEGIN DELETE FROM b; UPDATE c SET x = 1; END;"
                + "CREATE TABLE d (x)");
        assertEquals(2, s.size());
        assertEquals("CREATE TRIGGER t AFTER INSERT ON a BEGIN DELETE FROM b; UPDATE c SET x = 1; END", s.get(0).text());
    }

    @Test
    void aLexicalErrorTurnsTheRestIntoOneFinalStatement() {
        List<SqlStatement> s = sqlite("CREATE TABLE a (x);\nCREATE TABLE b (y TEXT DEFAULT 'open);\nDROP TABLE c;");
        assertEquals(2, s.size());
        assertEquals(new SqlStatement("CREATE TABLE b (y TEXT DEFAULT 'open);\nDROP TABLE c;", 2), s.get(1));
    }
}
