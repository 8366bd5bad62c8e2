package dev.schemaguard.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.BootListener;
import dev.schemaguard.BootReport;
import dev.schemaguard.Code;
import dev.schemaguard.GuardConfig;
import dev.schemaguard.GuardConfig.FreshDatabase;
import dev.schemaguard.MigrationOutcome;
import dev.schemaguard.SchemaGuard;
import dev.schemaguard.Verdict;
import dev.schemaguard.testing.ExpireIn;
import dev.schemaguard.testing.GuardLines;
import dev.schemaguard.testing.Project;
import dev.schemaguard.testing.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only SQLite has: a database that is a file, which must never be created by accident. */
class SqliteBootTest {
    @TempDir
    Path dir;
    SqliteTestDatabase db;
    Project project;

    @BeforeEach
    void setUp() {
        db = new SqliteTestDatabase(dir.resolve("app.db"));
        project = new Project(dir.resolve("project"), db.url());
        project.migration("001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);").allow("001_users.sql");
    }

    @Test
    void aMissingFileWithFreshDatabaseFail_isDatabaseMissingAndNoFileIsCreated() {
        project.fresh(FreshDatabase.FAIL);

        BootReport boot = project.boot();
        BootReport plan = project.plan();

        assertEquals(Code.DATABASE_MISSING, boot.code());
        assertEquals("does not exist", GuardLines.parse(boot.line()).get("reason"));
        assertEquals(Code.DATABASE_MISSING, plan.code());
        assertFalse(Files.exists(db.file()), "the guard must not create the file");
    }

    /**
     * The changelog is read in the background while the database is opened; a bad changelog is still
     * the boot's error, as when it was read first, whatever the database would have said.
     */
    @Test
    void aBadChangelog_isTheVerdict_overWhatTheDatabaseSays() throws Exception {
        Path outside = Files.writeString(dir.resolve("outside.sql"), "CREATE TABLE x (id INTEGER);");
        Files.createSymbolicLink(project.migrations().resolve("002_out.sql"), outside);
        project.fresh(FreshDatabase.FAIL);

        BootReport missing = project.boot();
        db.execute("PRAGMA user_version = 1"); // a database file with no table
        BootReport empty = project.boot();
        BootReport emptyPlan = project.plan();
        BootReport badManifestToo = project.manifestText("001_users.sql\n001_users.sql\n").boot();
        Files.writeString(db.file(), "not a database ".repeat(300));
        BootReport notSqlite = project.manifestText("001_users.sql\n").boot();

        for (BootReport report : List.of(missing, empty, emptyPlan, badManifestToo, notSqlite)) {
            assertEquals(Code.CONFIG_INVALID, report.code(), report.line());
            assertTrue(GuardLines.parse(report.line()).get("reason").contains("002_out.sql: the migration is a link to"),
                    report.line());
        }
        Files.delete(project.migrations().resolve("002_out.sql"));
        BootReport control = project.boot();
        assertEquals(Code.DATABASE_CORRUPT, control.code(), "with the link gone, what the database says: " + control.line());
    }

    @Test
    void aDataSourceForAMissingFile_isDatabaseMissingToo_andTheGuardDoesNotConnectThroughIt() {
        org.sqlite.SQLiteDataSource dataSource = new org.sqlite.SQLiteDataSource();
        dataSource.setUrl(db.url());
        GuardConfig config = project.fresh(FreshDatabase.FAIL).config().toBuilder().database(null).dataSource(dataSource).build();

        BootReport boot = SchemaGuard.of(config).boot();

        assertEquals(Code.DATABASE_MISSING, boot.code(), boot.line());
        assertFalse(Files.exists(db.file()), "connecting through a SQLiteDataSource would have created the file");
    }

    @Test
    void aDataSource_bootsLikeAUrl() throws Exception {
        org.sqlite.SQLiteDataSource dataSource = new org.sqlite.SQLiteDataSource();
        dataSource.setUrl(db.url());
        GuardConfig config = project.config().toBuilder().database(null).dataSource(dataSource).build();

        BootReport first = SchemaGuard.of(config).boot();
        BootReport second = SchemaGuard.of(config).boot();

        assertEquals(Verdict.PASS, first.verdict(), first.line());
        assertEquals(1, first.applied());
        assertEquals(db.url(), GuardLines.parse(first.line()).get("db"));
        assertEquals(0, second.applied());
        assertEquals(List.of("001_users.sql"), db.ledger());
    }

    @Test
    void anExistingButEmptyFileWithFreshDatabaseFail_isDatabaseMissing() throws Exception {
        db.execute("PRAGMA user_version = 1");
        project.fresh(FreshDatabase.FAIL);

        BootReport boot = project.boot();

        assertEquals(Code.DATABASE_MISSING, boot.code());
        assertEquals("empty database", GuardLines.parse(boot.line()).get("reason"));
        assertEquals(List.of(), db.objects());
    }

    @Test
    void aMissingDataFolder_isReportedAsSuch_andNotCreatedEvenWithBootstrap() {
        Path unmounted = dir.resolve("volume-not-mounted");
        project.database("jdbc:sqlite:" + unmounted.resolve("app.db"));

        BootReport boot = project.boot();

        assertEquals(Verdict.FAIL, boot.verdict(), boot.line());
        assertTrue(GuardLines.parse(boot.line()).get("reason").contains("the folder " + unmounted + " of the database does not exist"),
                boot.line());
        assertFalse(Files.exists(unmounted));
    }

    @Test
    void aBootThatWillFail_doesNotCreateTheFileEvenWithBootstrap() {
        project.require("002_missing.sql");

        assertEquals(Code.REQUIRED_MIGRATIONS_MISSING, project.boot().code());
        assertFalse(Files.exists(db.file()));
    }

    @Test
    void plan_leavesTheFileByteIdentical() throws Exception {
        assertEquals(Verdict.PASS, project.boot().verdict());
        project.migration("002_notes.sql", "CREATE TABLE notes (id INTEGER);").allow("002_notes.sql");
        byte[] before = Files.readAllBytes(db.file());
        long modified = Files.getLastModifiedTime(db.file()).toMillis();

        BootReport plan = project.plan();

        assertEquals(1, plan.applied(), "the plan would apply 002");
        assertArrayEquals(before, Files.readAllBytes(db.file()));
        assertEquals(modified, Files.getLastModifiedTime(db.file()).toMillis());
        assertEquals(List.of("001_users.sql"), db.ledger());
    }

    @Test
    void aLiquibaseAddColumnIsClassifiedByTheTableRebuildSqliteRuns_notByItsName() throws Exception {
        Path changelog = copyChangelog(dir.resolve("lb"));
        project.manifestText("001-create-users\n002-add-nickname\n");
        GuardConfig config = project.config(changelog);

        BootReport report = SchemaGuard.of(config).boot();

        assertEquals(Code.MIGRATION_NOT_ADDITIVE, report.code(), report.line());
        assertEquals("002-add-nickname", GuardLines.parse(report.line()).get("migration"));
        String refusals = String.join(" ", report.migrations().get(1).refusals());
        assertTrue(refusals.contains("changelog.xml:"), refusals);
        assertFalse(Files.exists(db.file()), "a failing boot changes nothing");
    }

    @Test
    void aLiquibaseChangelog_isAppliedWithALogicalFilenameAndNotRerunFromAnotherFolder() throws Exception {
        Path first = copyChangelog(dir.resolve("src/main/resources/db"));
        project.manifestText("001-create-users\n").require("001-create-users");

        BootReport report = SchemaGuard.of(project.config(first)).boot();
        assertEquals(Verdict.PASS, report.verdict(), report.line());
        assertEquals(List.of("001-create-users"), db.ledger());
        assertEquals(List.of("changelog.xml"), db.column("SELECT FILENAME FROM DATABASECHANGELOG"));
        assertEquals(List.of("alice"), db.column("SELECT AUTHOR FROM DATABASECHANGELOG"));
        assertTrue(db.columns("users").containsAll(List.of("id", "email")));

        Path moved = copyChangelog(dir.resolve("app/changelog"));
        BootReport again = SchemaGuard.of(project.config(moved)).boot();
        assertEquals(Verdict.PASS, again.verdict(), again.line());
        assertEquals(0, again.applied());
        assertEquals(1, again.pending(), "002 stays pending: not in the manifest");
    }

    @Test
    void concurrentBoots_applyEachMigrationExactlyOnce() throws Exception {
        for (int i = 2; i <= 12; i++) {
            String name = String.format("%03d_t%d.sql", i, i);
            project.migration(name, "CREATE TABLE t" + i + " (id INTEGER);\nCREATE INDEX t" + i + "_id ON t" + i + " (id);").allow(name);
        }
        GuardConfig config = project.config();
        List<Thread> threads = new java.util.ArrayList<>();
        List<BootReport> reports = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        for (int i = 0; i < 6; i++) {
            Thread t = new Thread(() -> reports.add(SchemaGuard.of(config).boot()));
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }

        assertTrue(reports.stream().allMatch(BootReport::passed), reports.stream().map(BootReport::line).toList().toString());
        assertEquals(12, reports.stream().mapToInt(BootReport::applied).sum(), "12 migrations, each applied by exactly one boot");
        assertEquals(12, db.ledger().size());
        assertEquals(12, db.ledger().stream().distinct().count());
    }

    @Test
    void aDeadlineShorterThanAMigration_endsInHangWithinASecondAndRollsItBack() throws Exception {
        assertEquals(Verdict.PASS, project.boot().verdict());
        db.execute("CREATE TABLE big (id INTEGER, v TEXT)",
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500000) "
                        + "INSERT INTO big SELECT i, hex(randomblob(16)) FROM n");
        // No phase before apply can use up this budget on any machine; the clock then runs out as apply begins.
        java.time.Duration budget = java.time.Duration.ofSeconds(60);
        project.migration("002_index.sql", "CREATE INDEX big_v ON big (v, id);\nCREATE INDEX big_v2 ON big (id, v);\nCREATE INDEX big_v3 ON big (v DESC);")
                .allow("002_index.sql").deadline(budget);
        TestClock clock = TestClock.realTime();
        ExpireIn expireInApply = ExpireIn.phase("apply", clock, budget);

        BootReport report = project.boot(expireInApply, clock);

        assertTrue(expireInApply.expired(), "the boot reached apply");
        assertEquals(Verdict.HANG, report.verdict(), report.line());
        assertEquals(Code.DEADLINE_EXCEEDED, report.code());
        assertEquals("apply", GuardLines.parse(report.line()).get("phase"));
        assertEquals("1", GuardLines.parse(report.line()).get("pending"), "002 is still pending: a HANG counts it");
        assertTrue(report.elapsedMs() < budget.toMillis() + 1000, "HANG within a second of the deadline, was " + report.elapsedMs());
        // The interrupted worker may still be rolling back: the write lock is free once it has.
        db.execute("PRAGMA busy_timeout = 30000", "BEGIN IMMEDIATE", "ROLLBACK");
        assertEquals(List.of("001_users.sql"), db.ledger());
        assertFalse(db.column("SELECT name FROM sqlite_master WHERE type = 'index'").contains("big_v"));
    }

    /**
     * Another replica applies a migration while this boot waits to apply (run here from this boot's
     * listener, as the apply phase begins); this boot then fails on a later one. The migration the
     * other applied is reported as applied by it, and is not counted pending on the line.
     */
    @Test
    void aMigrationAnotherBootAppliedMeanwhile_isAlreadyApplied_notPending_whenThisBootFailsLater() throws Exception {
        assertEquals(Verdict.PASS, project.boot().verdict());
        project.migration("002_notes.sql", "CREATE TABLE notes (id INTEGER);")
                .migration("003_broken.sql", "CREATE TABLE IF NOT EXISTS broken (id INTEGER);\n"
                        + "CREATE INDEX broken_x ON broken (no_such_column);")
                .allow("002_notes.sql", "003_broken.sql");
        Path notesOnly = Files.writeString(dir.resolve("notes-only.txt"), "001_users.sql\n002_notes.sql\n");
        GuardConfig otherReplica = project.config().toBuilder().manifest(notesOnly).build();
        AtomicReference<BootReport> other = new AtomicReference<>();
        BootListener otherReplicaFirst = new BootListener() {
            @Override
            public void progress(String bootId, String phase, String status) {
                if (phase.equals("apply") && other.get() == null) {
                    other.set(SchemaGuard.of(otherReplica).boot());
                }
            }
        };

        BootReport report = SchemaGuard.of(project.config()).boot(otherReplicaFirst);

        assertEquals(Verdict.PASS, other.get().verdict(), other.get().line());
        assertEquals(Code.MIGRATION_FAILED, report.code(), report.line());
        Map<String, String> line = GuardLines.parse(report.line());
        assertEquals("003_broken.sql", line.get("migration"));
        assertEquals("0", line.get("applied"));
        assertEquals("1", line.get("pending"), "002 was applied by the other replica: only 003 is pending");
        MigrationOutcome notes = report.migrations().stream().filter(m -> m.name().equals("002_notes.sql")).findFirst().orElseThrow();
        assertEquals(MigrationOutcome.Status.ALREADY_APPLIED, notes.status());
        assertEquals("applied by another boot meanwhile", notes.reason());
        assertEquals(List.of("001_users.sql", "002_notes.sql"), db.ledger());
    }

    @Test
    void aMigrationNamedWithSpacesAndUnicode_isListedQuoted_appliedAndRecordedUnderItsFileName() throws Exception {
        String name = "003 añadir tablä #2 测试.sql";
        project.migration(name, "CREATE TABLE tabla (id INTEGER);").manifestText("001_users.sql\n\"" + name.replace("\"", "\\\"")
                + "\" sha256=" + Project.sha256(project.migrations().resolve(name)) + "  # reviewed\n").require(name);

        BootReport report = project.boot();

        assertEquals(Verdict.PASS, report.verdict(), report.line());
        assertEquals(List.of("001_users.sql", name), db.ledger());
        assertTrue(db.objects().contains("tabla"));
        project.require("004 pendiente ñ.sql");
        BootReport missing = project.boot();
        assertEquals("004 pendiente ñ.sql", GuardLines.parse(missing.line()).get("missing"), "quoted in the line, read back whole");
    }

    private static Path copyChangelog(Path folder) throws Exception {
        Files.createDirectories(folder);
        Path target = folder.resolve("changelog.xml");
        try (var in = SqliteBootTest.class.getResourceAsStream("/liquibase/changelog.xml")) {
            Files.copy(in, target);
        }
        return target;
    }
}
