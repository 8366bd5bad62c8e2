package dev.schemaguard.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.BootReport;
import dev.schemaguard.Code;
import dev.schemaguard.DataExpectations;
import dev.schemaguard.GuardConfig;
import dev.schemaguard.GuardConfig.FreshDatabase;
import dev.schemaguard.SchemaGuard;
import dev.schemaguard.Verdict;
import dev.schemaguard.testing.GuardLines;
import dev.schemaguard.testing.Project;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Incident 4 on PostgreSQL: a re-initialized data directory, schemas never re-created. */
class PostgresDatabaseShapeTest {
    @TempDir
    Path dir;
    PostgresTestDatabase db;
    Project project;

    @BeforeEach
    void setUp() throws Exception {
        db = PostgresServer.defaultMajor().newDatabase();
        project = new Project(dir, db.url());
        project.migration("001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);").allow("001_users.sql");
    }

    @Test
    void existingObjects_namesRelationsQualifiedAndBareInTheCurrentSchema_plusSchemasAndSequences_withoutSystemObjects() throws Exception {
        db.execute("CREATE SCHEMA auth", "CREATE TABLE auth.sessions (id BIGSERIAL PRIMARY KEY)",
                "CREATE TABLE users (id INTEGER)", "CREATE INDEX users_id ON users (id)", "CREATE VIEW v AS SELECT 1 AS one",
                "CREATE SEQUENCE invoice_numbers", "CREATE SCHEMA empty_one", "CREATE EXTENSION amcheck");

        Set<String> objects;
        try (Connection c = db.connect()) {
            objects = new PostgresDialect().catalog().objects(c);
        }

        assertTrue(objects.containsAll(List.of("users", "public.users", "users_id", "public.users_id", "v", "public.v",
                "invoice_numbers", "public.invoice_numbers", "auth", "auth.sessions", "auth.sessions_pkey",
                "auth.sessions_id_seq", "empty_one")), objects.toString());
        assertFalse(objects.contains("sessions"), "only the current schema's objects are also named bare");
        assertFalse(objects.contains("public"), "initdb's public schema is not content");
        assertTrue(objects.stream().noneMatch(o -> o.startsWith("pg_") || o.startsWith("information_schema")), objects.toString());
    }

    @Test
    void anEmptyDatabaseWithFreshDatabaseFail_isDatabaseMissing_evenWithAnExtensionInstalled() throws Exception {
        db.execute("CREATE EXTENSION amcheck");
        project.fresh(FreshDatabase.FAIL);

        BootReport report = project.boot();

        assertEquals(Code.DATABASE_MISSING, report.code(), report.line());
        assertEquals("empty database", GuardLines.parse(report.line()).get("reason"));
        assertTrue(report.message().contains("Mount the volume"), report.message());
        assertEquals(List.of(), db.objects());
    }

    @Test
    void aDatabaseWithTablesButNoLedger_isNotFresh() throws Exception {
        db.execute("CREATE SCHEMA billing", "CREATE TABLE billing.invoices (id INTEGER)");
        project.fresh(FreshDatabase.FAIL);

        BootReport report = project.boot();

        assertEquals(Verdict.PASS, report.verdict(), report.line());
        assertEquals(List.of("001_users.sql"), db.ledger());
    }

    @Test
    void anotherSchemasLedger_isNotThisOne() throws Exception {
        db.execute("CREATE SCHEMA other_service", "CREATE TABLE other_service.databasechangelog (id TEXT)", "CREATE TABLE keep (id INTEGER)");

        BootReport report = project.boot();

        assertEquals(Verdict.PASS, report.verdict(), report.line());
        assertEquals(List.of("001_users.sql"), db.ledger());
    }

    @Test
    void aMissingExpectedSchema_isSchemaMissingNamingIt_andNothingIsApplied() throws Exception {
        db.execute("CREATE SCHEMA auth", "CREATE TABLE auth.sessions (id INTEGER)");

        BootReport boot = boot(project.config(), "auth", "notify");
        BootReport plan = SchemaGuard.of(withSchemas(project.config(), "auth", "notify")).plan();

        assertEquals(Code.SCHEMA_MISSING, boot.code(), boot.line());
        Map<String, String> line = GuardLines.parse(boot.line());
        assertEquals("notify", line.get("missing"));
        assertEquals("schema missing", line.get("reason"));
        assertTrue(boot.message().contains("expected schema notify is missing"), boot.message());
        assertTrue(boot.message().contains("CREATE SCHEMA IF NOT EXISTS notify"), boot.message());
        assertEquals(Code.SCHEMA_MISSING, plan.code(), plan.line());
        assertEquals(List.of(), db.ledger());
        assertFalse(db.objects().contains("users"));
    }

    @Test
    void everyExpectedSchemaPresent_passes_evenAnEmptyOne() throws Exception {
        db.execute("CREATE SCHEMA auth", "CREATE TABLE auth.sessions (id INTEGER)", "CREATE SCHEMA notify");

        BootReport boot = boot(project.config(), "auth", "notify");

        assertEquals(Verdict.PASS, boot.verdict(), boot.line());
        assertEquals(List.of("001_users.sql"), db.ledger());
    }

    @Test
    void aSchemaCreatedByAnAllowlistedMigration_isAcceptedOnlyOnABootstrapBoot() throws Exception {
        project.migration("002_auth.sql", "CREATE SCHEMA IF NOT EXISTS auth;\nCREATE TABLE IF NOT EXISTS auth.sessions (id INTEGER);")
                .allow("002_auth.sql");

        BootReport refused = boot(project.fresh(FreshDatabase.FAIL).config(), "auth");
        assertEquals(Code.DATABASE_MISSING, refused.code(), "an empty database with fresh_database: fail is refused first");

        BootReport bootstrap = boot(project.fresh(FreshDatabase.BOOTSTRAP).config(), "auth");
        assertEquals(Verdict.PASS, bootstrap.verdict(), bootstrap.line());
        assertEquals(List.of("001_users.sql", "002_auth.sql"), db.ledger());
    }

    private static BootReport boot(GuardConfig config, String... schemas) {
        return SchemaGuard.of(withSchemas(config, schemas)).boot();
    }

    private static GuardConfig withSchemas(GuardConfig config, String... schemas) {
        return config.toBuilder().data(new DataExpectations(List.of(schemas), List.of(), null)).build();
    }
}
