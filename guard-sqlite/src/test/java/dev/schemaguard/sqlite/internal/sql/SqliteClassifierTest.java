package dev.schemaguard.sqlite.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.internal.sql.Classification;
import dev.schemaguard.internal.sql.MigrationClassifier;
import dev.schemaguard.internal.sql.QualifiedName;
import dev.schemaguard.internal.sql.Refusal;
import dev.schemaguard.internal.sql.Rule;
import dev.schemaguard.internal.sql.SchemaView;
import dev.schemaguard.internal.sql.SqlStatement;
import dev.schemaguard.internal.sql.StatementSplitter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SqliteClassifierTest {
    private static final SqliteSql SQL = new SqliteSql();

    private static Classification sqlite(String script) {
        return MigrationClassifier.classify(StatementSplitter.split(script, SQL), SQL, SchemaView.empty());
    }

    @Test
    void refusalNamesRuleLineExcerptAndFix() {
        Classification c = sqlite("CREATE TABLE a (x);\n/* a\ncomment */\n  DROP   TABLE\n  users;");
        assertFalse(c.additive());
        Refusal r = c.refusals().get(0);
        assertEquals(Rule.DROP, r.rule());
        assertEquals(4, r.line());
        assertEquals("DROP TABLE users", r.statement());
        assertTrue(r.detail().contains("reviewed migration"), r.detail());
    }

    @Test
    void excerptIsOneLineOfAtMostHundredCharacters() {
        Refusal r = sqlite("DELETE FROM t WHERE x IN (" + "1,\n".repeat(200) + "2)").refusals().get(0);
        assertEquals(100, r.statement().length());
        assertFalse(r.statement().contains("\n"));
    }

    @Test
    void everyRefusedStatementIsReported() {
        Classification c = sqlite("DROP TABLE a; CREATE TABLE ok (x); DELETE FROM b;\nPRAGMA x");
        assertEquals(List.of(Rule.DROP, Rule.DELETE, Rule.PRAGMA), c.refusals().stream().map(Refusal::rule).toList());
        assertEquals(List.of(1, 1, 2), c.refusals().stream().map(Refusal::line).toList());
    }

    @Test
    void emptyMigrationIsRefused() {
        assertEquals(Rule.EMPTY_MIGRATION, sqlite("").refusals().get(0).rule());
        assertEquals(Rule.EMPTY_MIGRATION, sqlite("-- just a comment\n").refusals().get(0).rule());
    }

    @Test
    void aPieceHoldingTwoStatementsIsRefusedEvenIfBothAreAdditive() {
        Classification c = MigrationClassifier.classify(List.of(new SqlStatement("CREATE TABLE a (x); CREATE TABLE b (y)", 1)),
                SQL, SchemaView.empty());
        assertEquals(Rule.MULTIPLE_STATEMENTS, c.refusals().get(0).rule());
    }

    @Test
    void unicodeLookalikesAndNonAsciiSpacesAreNotKeywords() {
        assertEquals(Rule.UNKNOWN_STATEMENT, sqlite("CREATE TAB\u041BE t (x)").refusals().get(0).rule());
        assertEquals(Rule.UNKNOWN_STATEMENT, sqlite("CREATE\u00A0TABLE t (x)").refusals().get(0).rule());
        assertEquals(Rule.UNKNOWN_STATEMENT, sqlite("\uFF23REATE TABLE t (x)").refusals().get(0).rule());
        // Java's equalsIgnoreCase would take the dotless i for an I.
        assertEquals(Rule.UNKNOWN_STATEMENT, sqlite("CREATE \u0131NDEX i ON t (x)").refusals().get(0).rule());
    }

    @Test
    void controlCharactersAreUnparseable() {
        Classification c = sqlite("CREATE TABLE a (x TEXT DEFAULT 'a\u0000b')");
        assertEquals(Rule.UNPARSEABLE, c.refusals().get(0).rule());
        assertTrue(c.refusals().get(0).detail().contains("U+0000"), c.refusals().get(0).detail());
    }

    @Test
    void temporaryObjectsAreRefused_theyVanishWithTheConnectionAndShadowRealOnes() {
        for (String sql : java.util.List.of("CREATE TEMP TABLE a (x)", "CREATE TABLE temp.b (y)",
                "CREATE TEMPORARY VIEW v AS SELECT 1", "CREATE INDEX temp.i ON t (x)")) {
            Classification c = sqlite(sql);
            assertEquals(Rule.TEMP_OBJECT, c.refusals().get(0).rule(), sql);
        }
    }
}
