package dev.schemaguard.postgres.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.internal.sql.Classification;
import dev.schemaguard.internal.sql.MigrationClassifier;
import dev.schemaguard.internal.sql.QualifiedName;
import dev.schemaguard.internal.sql.Rule;
import dev.schemaguard.internal.sql.SchemaView;
import dev.schemaguard.internal.sql.StatementSplitter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PostgresClassifierTest {
    private static final PostgresSql SQL = new PostgresSql();

    private static Classification postgres(String script, SchemaView before) {
        return MigrationClassifier.classify(StatementSplitter.split(script, SQL), SQL, before);
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
    void emptyMigrationIsRefused() {
        assertEquals(Rule.EMPTY_MIGRATION, MigrationClassifier.classify(List.of(), SQL,
                SchemaView.empty()).refusals().get(0).rule());
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
        for (String sql : List.of("CREATE TEMP TABLE a (x int)", "CREATE TABLE pg_temp.b (y int)",
                "CREATE LOCAL TEMPORARY VIEW v AS SELECT 1", "CREATE TEMP SEQUENCE s")) {
            Classification c = postgres(sql, SchemaView.empty());
            assertEquals(Rule.TEMP_OBJECT, c.refusals().get(0).rule(), sql);
        }
    }
}
