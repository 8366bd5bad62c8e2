package dev.schemaguard.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MigrationClassifierTest {
    private static Classification sqlite(String script) {
        return MigrationClassifier.classify(StatementSplitter.split(script, SqlDialect.SQLITE), SqlDialect.SQLITE,
                SchemaView.empty());
    }

    private static Classification postgres(String script, SchemaView before) {
        return MigrationClassifier.classify(StatementSplitter.split(script, SqlDialect.POSTGRES), SqlDialect.POSTGRES,
                before);
    }

    @Test
    void anIndexOnATableAnEarlierMigrationOfThisBootCreated_isAdditiveOnPostgres_butNotOnATableThatWasThere() {
        SchemaView createdThisBoot = new SchemaView() {
            @Override
            public boolean exists(String schema, String name) {
                return "audit".equals(name);
            }

            @Override
            public boolean createdThisBoot(String schema, String name) {
                return "audit".equals(name);
            }
        };
        SchemaView thereBefore = (schema, name) -> "audit".equals(name);
        String index = "CREATE INDEX IF NOT EXISTS audit_account ON audit (account_id);";

        assertTrue(postgres(index, createdThisBoot).additive());
        Classification refused = postgres(index, thereBefore);
        assertFalse(refused.additive());
        assertEquals(Rule.CREATE_INDEX_NON_CONCURRENTLY, refused.refusals().get(0).rule());
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
        assertEquals(Rule.EMPTY_MIGRATION, MigrationClassifier.classify(List.of(), SqlDialect.POSTGRES,
                SchemaView.empty()).refusals().get(0).rule());
    }

    @Test
    void aPieceHoldingTwoStatementsIsRefusedEvenIfBothAreAdditive() {
        Classification c = MigrationClassifier.classify(List.of(new SqlStatement("CREATE TABLE a (x); CREATE TABLE b (y)", 1)),
                SqlDialect.SQLITE, SchemaView.empty());
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
    void createdObjectsAreReportedLowerCasedAndDefaultSchemaIsNull() {
        Classification c = postgres("CREATE SCHEMA IF NOT EXISTS Billing; CREATE TABLE public.\"Invoices\" (id int);"
                + " CREATE INDEX inv_id ON billing.items (id); CREATE TABLE billing.items (id int)",
                SchemaView.empty());
        assertEquals(Rule.CREATE_INDEX_NON_CONCURRENTLY, c.refusals().get(0).rule());
        Classification ok = postgres("CREATE SCHEMA IF NOT EXISTS Billing; CREATE TABLE public.\"Invoices\" (id int);"
                + " CREATE TABLE billing.items (id int); CREATE INDEX inv_id ON billing.items (id)", SchemaView.empty());
        assertTrue(ok.additive(), ok.refusals()::toString);
        assertEquals(Set.of(QualifiedName.schemaOnly("billing"), new QualifiedName(null, "invoices"),
                new QualifiedName("billing", "items"), new QualifiedName("billing", "inv_id")), ok.createdObjects());
    }

    @Test
    void concurrentIndexAloneRunsOutsideTransaction() {
        SchemaView users = (schema, name) -> "users".equals(name);
        Classification c = postgres("SET lock_timeout = '1s'; CREATE INDEX CONCURRENTLY i ON users (email)", users);
        assertTrue(c.additive(), c.refusals()::toString);
        assertTrue(c.outsideTransaction());
        Classification mixed = postgres("CREATE TABLE t (x int);\nCREATE INDEX CONCURRENTLY i ON users (email)", users);
        assertEquals(Rule.CONCURRENTLY_IN_TRANSACTION, mixed.refusals().get(0).rule());
        assertEquals(2, mixed.refusals().get(0).line());
        assertFalse(mixed.outsideTransaction());
    }

    @Test
    void ifNotExistsOnAnExistingTableDoesNotMakeItNew() {
        SchemaView users = (schema, name) -> "users".equals(name);
        Classification c = postgres("CREATE TABLE IF NOT EXISTS users (id int); CREATE INDEX i ON users (id)", users);
        assertEquals(Rule.CREATE_INDEX_NON_CONCURRENTLY, c.refusals().get(0).rule());
    }

    @Test
    void temporaryObjectsAreRefused_theyVanishWithTheConnectionAndShadowRealOnes() {
        for (String sql : List.of("CREATE TEMP TABLE a (x)", "CREATE TABLE temp.b (y)", "CREATE TEMPORARY VIEW v AS SELECT 1",
                "CREATE INDEX temp.i ON t (x)")) {
            Classification c = sqlite(sql);
            assertEquals(Rule.TEMP_OBJECT, c.refusals().get(0).rule(), sql);
        }
        for (String sql : List.of("CREATE TEMP TABLE a (x int)", "CREATE TABLE pg_temp.b (y int)",
                "CREATE LOCAL TEMPORARY VIEW v AS SELECT 1", "CREATE TEMP SEQUENCE s")) {
            Classification c = postgres(sql, SchemaView.empty());
            assertEquals(Rule.TEMP_OBJECT, c.refusals().get(0).rule(), sql);
        }
    }
}
