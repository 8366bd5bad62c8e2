package dev.schemaguard.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.BootReport;
import dev.schemaguard.Code;
import dev.schemaguard.LedgerSettings;
import dev.schemaguard.MigrationOutcome;
import dev.schemaguard.MigrationOutcome.Status;
import dev.schemaguard.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.ValidateResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adopting the guard on a database that already keeps a ledger (issue 15), on a real database: the
 * ledger that is there is read and appended to, never rewritten, and the old tool agrees afterwards
 * (a real Flyway's info and validate); baseline records only what the catalog shows. A dialect module
 * extends this with its own database.
 */
public abstract class LedgerScenarios {
    @TempDir
    protected Path dir;
    protected TestDatabase db;
    protected Project project;

    protected abstract TestDatabase database(Path tempDir) throws Exception;

    @BeforeEach
    void freshDatabase() throws Exception {
        db = database(dir);
        project = new Project(dir.resolve("project"), db.url());
    }

    /** Incident 2's shape: schema_migrations by file name, 001 (an ADD COLUMN) applied by the old tooling. */
    @Test
    void schemaMigrationsByFileName_bootAppliesOnlyTheNewMigration_recordsItThere_andTheNextBootIsANoOp() throws Exception {
        db.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(100), email VARCHAR(200))",
                "CREATE TABLE schema_migrations (filename VARCHAR(255) PRIMARY KEY)",
                "INSERT INTO schema_migrations (filename) VALUES ('001_users_email.sql')");
        project.migration("001_users_email.sql", "ALTER TABLE users ADD COLUMN email VARCHAR(200);\n")
                .migration("002_orders.sql", "CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER);\n")
                .allow("001_users_email.sql", "002_orders.sql")
                .require("001_users_email.sql", "002_orders.sql");

        BootReport first = project.boot();

        assertEquals(Code.OK, first.code(), first.message());
        assertEquals(1, first.applied());
        assertEquals("schema_migrations", GuardLines.parse(first.line()).get("ledger"));
        assertEquals(List.of("001_users_email.sql", "002_orders.sql"), sorted(db.column("SELECT filename FROM schema_migrations")));
        assertFalse(db.objects().contains("databasechangelog"), "the guard keeps the service's ledger, it does not start another");
        assertTrue(db.objects().contains("orders"));

        BootReport second = project.boot();
        assertEquals(Code.OK, second.code(), second.message());
        assertEquals(0, second.applied());
        assertEquals(List.of("001_users_email.sql", "002_orders.sql"), sorted(db.column("SELECT filename FROM schema_migrations")));
    }

    /** golang-migrate: one row, a high-water version, a dirty flag; .down.sql files are never applied. */
    @Test
    void golangMigrateVersionMark_bootAppliesTheNextVersion_andMovesTheMarkAsMigrateDoes() throws Exception {
        db.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, email VARCHAR(200))",
                "CREATE TABLE schema_migrations (version BIGINT NOT NULL PRIMARY KEY, dirty BOOLEAN NOT NULL)",
                "INSERT INTO schema_migrations (version, dirty) VALUES (1, FALSE)");
        project.migration("000001_users.up.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, email VARCHAR(200));\n")
                .migration("000001_users.down.sql", "DROP TABLE users;\n")
                .migration("000002_orders.up.sql", "CREATE TABLE orders (id INTEGER PRIMARY KEY);\n")
                .allow("000002_orders.up.sql")
                .require("2");

        BootReport report = project.boot();

        assertEquals(Code.OK, report.code(), report.message());
        assertEquals(1, report.applied());
        assertEquals(List.of("2|false"), db.column("SELECT CONCAT(version, '|', CASE WHEN dirty THEN 'true' ELSE 'false' END) FROM schema_migrations"));
        assertEquals(0, project.boot().applied());
    }

    /** The ledger a real Flyway run wrote: the guard applies only V3, in Flyway's shape, and Flyway agrees. */
    @Test
    void flywayHistoryWrittenByFlyway_bootAppliesOnlyTheNewVersion_andFlywayInfoAndValidateAgree() throws Exception {
        String v1 = "CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(100));\n";
        // A byte-order mark and CRLF line ends: Flyway's checksum ignores both, and so must the guard's.
        String v2 = "\uFEFF-- add the e-mail\r\nALTER TABLE users ADD COLUMN email VARCHAR(200);\r\n";
        Path flywayOnly = dir.resolve("flyway-v2");
        Files.createDirectories(flywayOnly);
        Files.writeString(flywayOnly.resolve("V1__users.sql"), v1, StandardCharsets.UTF_8);
        Files.writeString(flywayOnly.resolve("V2__users_email.sql"), v2, StandardCharsets.UTF_8);
        assertEquals(2, flyway(flywayOnly).migrate().migrationsExecuted);

        project.migration("V1__users.sql", v1)
                .migration("V2__users_email.sql", v2)
                .migration("V3__orders.sql", "CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER);\n")
                .allow("V1__users.sql", "V2__users_email.sql", "V3__orders.sql")
                .require("2", "V3");

        BootReport first = project.boot();

        assertEquals(Code.OK, first.code(), first.message());
        assertEquals(1, first.applied());
        assertEquals(Status.ALREADY_APPLIED, outcome(first, "V2__users_email.sql").status());
        assertEquals(Status.APPLIED, outcome(first, "V3__orders.sql").status());
        assertEquals("flyway", GuardLines.parse(first.line()).get("ledger"));
        assertFalse(db.objects().contains("databasechangelog"));
        assertFlywayAgrees("1", "2", "3");
        assertEquals(0, project.boot().applied());
    }

    /** Rows of a foreign ledger that no migration matches are listed as unknown, under the ledger's own name, as Liquibase's are. */
    @Test
    void foreignLedgerRowsThatNoMigrationMatches_areListedAsUnknown_andChangeNothing() throws Exception {
        Path flywayOnly = dir.resolve("flyway-gone");
        Files.createDirectories(flywayOnly);
        Files.writeString(flywayOnly.resolve("V1__users.sql"), "CREATE TABLE users (id INTEGER PRIMARY KEY);\n", StandardCharsets.UTF_8);
        Files.writeString(flywayOnly.resolve("V2__gone.sql"), "CREATE TABLE gone (id INTEGER PRIMARY KEY);\n", StandardCharsets.UTF_8);
        assertEquals(2, flyway(flywayOnly).migrate().migrationsExecuted);
        project.migration("V1__users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);\n").allow("V1__users.sql");

        BootReport report = project.boot();

        assertEquals(Code.OK, report.code(), report.message());
        assertEquals(0, report.applied());
        assertEquals(Status.ALREADY_APPLIED, outcome(report, "V1__users.sql").status());
        MigrationOutcome gone = outcome(report, "V2__gone.sql");
        assertEquals(Status.UNKNOWN, gone.status());
        assertTrue(gone.appliedAt() != null, "Flyway's installed_on is shown: " + gone);
        assertEquals(List.of("V1__users.sql", "V2__gone.sql"), report.migrations().stream().map(MigrationOutcome::name).toList());
    }

    @Test
    void schemaMigrationsEntriesThatNoMigrationMatches_areListedAsUnknown() throws Exception {
        db.execute("CREATE TABLE users (id INTEGER PRIMARY KEY)",
                "CREATE TABLE schema_migrations (filename VARCHAR(255) PRIMARY KEY)",
                "INSERT INTO schema_migrations (filename) VALUES ('001_users.sql')",
                "INSERT INTO schema_migrations (filename) VALUES ('000_legacy_seed.sql')");
        project.migration("001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);\n").allow("001_users.sql");

        BootReport report = project.boot();

        assertEquals(Code.OK, report.code(), report.message());
        assertEquals(Status.ALREADY_APPLIED, outcome(report, "001_users.sql").status());
        assertEquals(Status.UNKNOWN, outcome(report, "000_legacy_seed.sql").status());
        assertEquals(2, report.migrations().size(), report.migrations().toString());
        assertEquals(List.of("000_legacy_seed.sql", "001_users.sql"), sorted(db.column("SELECT filename FROM schema_migrations")));
    }

    @Test
    void flywayMigrationChangedAfterFlywayAppliedIt_isChecksumDrift_asFlywayValidateSays() throws Exception {
        Path flywayOnly = dir.resolve("flyway-v1");
        Files.createDirectories(flywayOnly);
        Files.writeString(flywayOnly.resolve("V1__users.sql"), "CREATE TABLE users (id INTEGER PRIMARY KEY);\n");
        flyway(flywayOnly).migrate();
        project.migration("V1__users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(10));\n");

        BootReport report = project.boot();

        assertEquals(Code.CHECKSUM_DRIFT, report.code(), report.message());
        assertTrue(report.message().contains("checksum mismatch for version 1"), report.message());
        assertFalse(flyway(project.migrations()).validateWithResult().validationSuccessful, "Flyway agrees that it drifted");
    }

    /** A new volume of a Flyway service: the guard creates Flyway's table, and Flyway reads it. */
    @Test
    void flywayConfiguredOnAFreshDatabase_guardCreatesTheHistory_andFlywayAgrees() throws Exception {
        project.ledger(LedgerSettings.of(LedgerSettings.Kind.FLYWAY))
                .migration("V1__users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);\n")
                .migration("V1_1__users_name.sql", "ALTER TABLE users ADD COLUMN name VARCHAR(100);\n")
                .migration("V10__orders.sql", "CREATE TABLE orders (id INTEGER PRIMARY KEY);\n")
                .allow("V1__users.sql", "V1_1__users_name.sql", "V10__orders.sql");

        BootReport report = project.boot();

        assertEquals(Code.OK, report.code(), report.message());
        assertEquals(List.of("V1__users.sql", "V1_1__users_name.sql", "V10__orders.sql"),
                report.migrations().stream().map(MigrationOutcome::name).toList(), "Flyway's order: by version");
        assertFlywayAgrees("1", "1.1", "10");
    }

    @Test
    void twoKnownLedgers_andNoLedgerKey_failConfigInvalidNamingBoth() throws Exception {
        db.execute("CREATE TABLE users (id INTEGER PRIMARY KEY)",
                "CREATE TABLE schema_migrations (filename VARCHAR(255) PRIMARY KEY)",
                "INSERT INTO schema_migrations (filename) VALUES ('001_users.sql')");
        project.migration("001_users.sql", "CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY);\n")
                .migration("002_orders.sql", "CREATE TABLE orders (id INTEGER PRIMARY KEY);\n")
                .allow("001_users.sql", "002_orders.sql");
        // What issue 15 saw: a guard that knew only Liquibase's ledger started a second one.
        BootReport liquibaseOnly = project.ledger(LedgerSettings.of(LedgerSettings.Kind.LIQUIBASE)).boot();
        assertEquals(Code.OK, liquibaseOnly.code(), liquibaseOnly.message());
        String before = db.dump();

        BootReport report = project.ledger(LedgerSettings.AUTO).boot();

        assertEquals(Verdict.FAIL, report.verdict());
        assertEquals(Code.CONFIG_INVALID, report.code());
        assertTrue(report.message().contains("databasechangelog") && report.message().contains("schema_migrations"), report.message());
        assertEquals(before, db.dump(), "nothing changed");
    }

    /** Half of 003's objects are there: dry run names what is missing and records nothing; --to 002 records two. */
    @Test
    void baseline_dryRunNamesTheMissingObject_andRecordsNothing_thenToRecordsExactlyTheFirstTwo() throws Exception {
        db.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(100), email VARCHAR(200))",
                "CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER)",
                "CREATE INDEX orders_user ON orders (user_id)",
                "CREATE VIEW user_names AS SELECT id, name FROM users",
                "CREATE TABLE audit (id INTEGER PRIMARY KEY, what VARCHAR(100))");
        project.migration("001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(100));\n"
                        + "CREATE VIEW user_names AS SELECT id, name FROM users;\n")
                .migration("002_orders.sql", "ALTER TABLE users ADD COLUMN email VARCHAR(200);\n"
                        + "CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER);\nCREATE INDEX orders_user ON orders (user_id);\n")
                .migration("003_audit.sql", "CREATE TABLE audit (id INTEGER PRIMARY KEY, what VARCHAR(100));\n"
                        + "CREATE INDEX audit_what ON audit (what);\n");
        String before = db.dump();

        BootReport dryRun = project.baseline(null, true);

        assertEquals(Code.BASELINE_MISMATCH, dryRun.code(), dryRun.message());
        MigrationOutcome audit = outcome(dryRun, "003_audit.sql");
        assertEquals(Status.UNVERIFIED, audit.status());
        assertTrue(audit.reason().contains("index audit_what is missing"), audit.reason());
        assertTrue(dryRun.message().contains("index audit_what is missing"), dryRun.message());
        assertEquals(before, db.dump(), "a dry run records nothing");

        BootReport partial = project.baseline("002_orders.sql", true);
        assertEquals(Code.OK, partial.code(), partial.message());
        assertEquals(Status.WOULD_RECORD, outcome(partial, "002_orders.sql").status());
        assertTrue(outcome(partial, "002_orders.sql").reason().contains("index orders_user"), outcome(partial, "002_orders.sql").reason());
        assertEquals(before, db.dump());

        BootReport recorded = project.baseline("002_orders.sql", false);

        assertEquals(Code.OK, recorded.code(), recorded.message());
        assertEquals("2", GuardLines.parse(recorded.line()).get("recorded"));
        assertEquals(List.of("001_users.sql", "002_orders.sql"), db.ledger());
        BootReport boot = project.boot();
        assertEquals(Code.OK, boot.code(), boot.message());
        assertEquals(0, boot.applied(), "a boot after the baseline applies nothing: 003 is not allowlisted");
        assertEquals(Status.ALREADY_APPLIED, outcome(boot, "002_orders.sql").status());
    }

    @Test
    void baseline_intoAFlywayHistory_writesRowsFlywayValidates() throws Exception {
        db.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(100))",
                "CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER)");
        project.ledger(LedgerSettings.of(LedgerSettings.Kind.FLYWAY))
                .migration("V1__users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(100));\n")
                .migration("V2__orders.sql", "CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER);\n");

        BootReport report = project.baseline(null, false);

        assertEquals(Code.OK, report.code(), report.message());
        assertFlywayAgrees("1", "2");
    }

    @Test
    void baseline_onAnEmptyDatabase_isRefused() throws Exception {
        db.execute("CREATE TABLE scratch (id INTEGER)", "DROP TABLE scratch");
        project.migration("001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);\n");

        BootReport report = project.baseline(null, false);

        assertEquals(Code.DATABASE_MISSING, report.code(), report.message());
        assertEquals(List.of(), db.objects());
    }

    /** Flyway's own view of the database: every migration applied with success, none pending, validate passes. */
    protected void assertFlywayAgrees(String... versions) {
        Flyway flyway = flyway(project.migrations());
        ValidateResult validate = flyway.validateWithResult();
        assertTrue(validate.validationSuccessful, () -> "Flyway's validate: " + validate.getAllErrorMessages());
        MigrationInfo[] all = flyway.info().all();
        // Flyway's own `info` table, in the test's output: what a user of the old tooling sees afterwards.
        System.out.println("flyway info after the guard:\n" + org.flywaydb.core.internal.info.MigrationInfoDumper.dumpToAsciiTable(all));
        assertEquals(List.of(versions), Arrays.stream(all).map(i -> i.getVersion().getVersion()).toList());
        for (MigrationInfo info : all) {
            assertEquals(MigrationState.SUCCESS, info.getState(), info.getScript());
        }
        assertEquals(0, flyway.info().pending().length);
    }

    protected Flyway flyway(Path locations) {
        return Flyway.configure().dataSource(db.url(), null, null).locations("filesystem:" + locations)
                .sqlMigrationSuffixes(".sql").load();
    }

    protected static MigrationOutcome outcome(BootReport report, String name) {
        return report.migrations().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    private static List<String> sorted(List<String> values) {
        return values.stream().sorted().toList();
    }

    protected static Map<String, String> line(BootReport report) {
        return GuardLines.parse(report.line());
    }
}
