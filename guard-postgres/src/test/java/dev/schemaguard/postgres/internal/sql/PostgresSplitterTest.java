package dev.schemaguard.postgres.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.schemaguard.internal.sql.SqlStatement;
import dev.schemaguard.internal.sql.StatementSplitter;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresSplitterTest {
    private static List<SqlStatement> postgres(String script) {
        return StatementSplitter.split(script, new PostgresSql());
    }

    @Test
    void commentOnlyScriptHasNoStatements() {
        assertEquals(List.of(), postgres("/* a /* nested */ b */ ; -- x"));
    }

    @Test
    void blockCommentsNest() {
        String script = "/* a /* b */ DROP TABLE t; */";
        assertEquals(List.of(), postgres(script));
    }

    @Test
    void lineCommentEndsAtCarriageReturn() {
        String script = "-- c\rDROP TABLE t";
        assertEquals("DROP TABLE t", postgres(script).get(0).text());
    }

    @Test
    void postgresEscapeStringsAndDollarQuotesHideSemicolons() {
        assertEquals(1, postgres("CREATE TABLE a (x text DEFAULT E'a\\'; DROP TABLE t; --')").size());
        assertEquals(1, postgres("CREATE TABLE a (x text DEFAULT $q$ ; $$ ; $q$)").size());
        assertEquals(1, postgres("DO $$ BEGIN DELETE FROM t; END $$").size());
    }

    @Test
    void postgresBeginAtomicBodyIsOneStatement() {
        assertEquals(1, postgres("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END").size());
    }

    @Test
    void aControlCharacterInsideACommentStillStopsTheSplit() {
        List<SqlStatement> s = postgres("CREATE TABLE a (x int);\n/* \u0000 */ CREATE TABLE b (y int)");
        assertEquals(2, s.size());
        assertEquals(2, s.get(1).line());
    }
}
