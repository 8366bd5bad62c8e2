package dev.schemaguard.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.BootReport;
import dev.schemaguard.Code;
import dev.schemaguard.MigrationOutcome;
import dev.schemaguard.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The boot scenarios every dialect must pass, on a real database: the verdict, the line, and the
 * database's schema and ledger afterwards. A dialect module extends this with its own database.
 */
public abstract class BootScenarios {
    /** Incident 2's five required migrations: all additive. */
    protected static final List<String> FIVE = List.of("044_accounts.sql", "045_accounts_email.sql",
            "046_audit.sql", "047_account_summary.sql", "048_audit_index.sql");

    @TempDir
    protected Path dir;
    protected TestDatabase db;
    protected Project project;

    /** A fresh, real database for one test. */
    protected abstract TestDatabase database(Path tempDir) throws Exception;

    @BeforeEach
    void freshDatabase() throws Exception {
        db = database(dir);
        project = new Project(dir.resolve("project"), db.url());
    }

    protected void writeIncident2Migrations() {
        project.migration(FIVE.get(0), "CREATE TABLE IF NOT EXISTS accounts (id INTEGER PRIMARY KEY, name TEXT);")
                .migration(FIVE.get(1), "ALTER TABLE accounts ADD COLUMN email TEXT;")
                .migration(FIVE.get(2), "CREATE TABLE IF NOT EXISTS audit (id INTEGER PRIMARY KEY, account_id INTEGER, what TEXT);")
                .migration(FIVE.get(3), "CREATE VIEW account_summary AS SELECT a.id, a.email FROM accounts a;")
                .migration(FIVE.get(4), "CREATE INDEX IF NOT EXISTS audit_account ON audit (account_id);")
                .require(FIVE.toArray(String[]::new));
    }

    @Test
    void incident2_emptyManifestOnAFreshVolume_failsNamingEveryRequiredMigrationAsNotInManifest() throws Exception {
        writeIncident2Migrations();

        BootReport report = project.boot();

        assertEquals(Verdict.FAIL, report.verdict());
        assertEquals(Code.REQUIRED_MIGRATIONS_MISSING, report.code());
        Map<String, String> line = GuardLines.parse(report.line());
        assertEquals(String.join(",", FIVE), line.get("missing"));
        assertEquals("not in manifest", line.get("reason"));
        for (MigrationOutcome m : report.migrations()) {
            assertEquals(MigrationOutcome.Status.HELD, m.status(), m.name());
            assertTrue(m.required());
            assertEquals("not in manifest", m.reason());
        }
        assertEquals(List.of(), db.ledger());
        assertFalse(db.objects().contains("accounts"));
    }

    @Test
    void incident2_theFiveInTheManifest_passAndAreAllInTheLedgerAndTheSchema() throws Exception {
        writeIncident2Migrations();
        project.allow(FIVE.toArray(String[]::new));

        BootReport report = project.boot();

        assertEquals(Verdict.PASS, report.verdict(), report.line());
        Map<String, String> line = GuardLines.parse(report.line());
        assertEquals("5", line.get("applied"));
        assertEquals("0", line.get("pending"));
        assertEquals(FIVE, db.ledger());
        assertTrue(db.objects().containsAll(List.of("accounts", "audit", "account_summary")), db.objects().toString());
        assertTrue(db.columns("accounts").contains("email"));
    }

    @Test
    void anAllowlistedMigrationHidingADropAfterAnAdditiveStatement_isRefusedAndTheDatabaseIsUnchanged() throws Exception {
        project.migration("001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);").allow("001_users.sql");
        assertEquals(Verdict.PASS, project.boot().verdict());
        db.execute("INSERT INTO users (id, email) VALUES (1, 'a@example.com')", "INSERT INTO users (id, email) VALUES (2, 'b@example.com')");
        String before = db.dump();
        project.migration("002_cleanup.sql", "CREATE TABLE IF NOT EXISTS notes (id INTEGER);\n-- harmless, says the reviewer\nDROP TABLE users;")
                .allow("002_cleanup.sql");

        BootReport report = project.boot();

        assertEquals(Code.MIGRATION_NOT_ADDITIVE, report.code());
        Map<String, String> line = GuardLines.parse(report.line());
        assertEquals("002_cleanup.sql", line.get("migration"));
        assertTrue(line.get("reason").contains("002_cleanup.sql:3"), line.get("reason"));
        assertEquals(before, db.dump());
    }

    @Test
    void aPinThatDoesNotMatchTheFile_failsWithManifestHashMismatchAndAppliesNothing() throws Exception {
        project.migration("001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);")
                .manifestText("001_users.sql sha256=" + "0".repeat(64) + "\n");

        BootReport report = project.boot();

        assertEquals(Code.MANIFEST_HASH_MISMATCH, report.code());
        assertEquals("001_users.sql", GuardLines.parse(report.line()).get("migration"));
        assertTrue(report.message().contains(Project.sha256(project.migrations().resolve("001_users.sql"))));
        assertFalse(db.objects().contains("users"));
    }

    @Test
    void aPinThatMatches_applies() throws Exception {
        project.migration("001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);");
        project.manifestText("001_users.sql  sha256=" + Project.sha256(project.migrations().resolve("001_users.sql")) + "  # reviewed\n");

        assertEquals(Verdict.PASS, project.boot().verdict());
        assertEquals(List.of("001_users.sql"), db.ledger());
    }

    @Test
    void aManifestNameThatIsNotInTheChangelog_failsWithManifestUnknownMigration() throws Exception {
        project.migration("001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);").allow("001_users.sql", "002_typo.sql");

        BootReport report = project.boot();

        assertEquals(Code.MANIFEST_UNKNOWN_MIGRATION, report.code());
        assertEquals("002_typo.sql", GuardLines.parse(report.line()).get("migration"));
        assertTrue(report.message().contains("boot-manifest.txt:2"), report.message());
        assertEquals(List.of(), db.ledger());
    }

    @Test
    void anAppliedMigrationEditedAfterwards_failsWithChecksumDrift() throws Exception {
        project.migration("001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);").allow("001_users.sql");
        assertEquals(Verdict.PASS, project.boot().verdict());
        project.migration("001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);");

        BootReport report = project.boot();

        assertEquals(Code.CHECKSUM_DRIFT, report.code());
        assertEquals("001_users.sql", GuardLines.parse(report.line()).get("migration"));
    }

    @Test
    void aMigrationThatFailsHalfway_isRolledBackWholeWithItsLedgerRow_orMarkedWhereDdlIsNotTransactional() throws Exception {
        project.migration("001_ok.sql", "CREATE TABLE kept (id INTEGER);")
                .migration("002_half.sql", "CREATE TABLE IF NOT EXISTS first_half (id INTEGER);\n"
                        + "CREATE INDEX IF NOT EXISTS first_half_note ON first_half (no_such_column);")
                .allow("001_ok.sql", "002_half.sql");

        BootReport report = project.boot();

        assertEquals(Code.MIGRATION_FAILED, report.code());
        Map<String, String> line = GuardLines.parse(report.line());
        assertEquals("002_half.sql", line.get("migration"));
        assertTrue(line.get("reason").contains("002_half.sql:2"), line.get("reason"));
        assertEquals("1", line.get("applied"));
        assertEquals(List.of("001_ok.sql"), db.ledger());
        assertTrue(db.objects().contains("kept"));
        if (db.transactionalDdl()) {
            assertFalse(db.objects().contains("first_half"), "the first statement's effect must be rolled back");
        } else {
            // Each DDL statement commits on its own there, so the engine's judge rehearses the migration on a scratch
            // copy first: it fails there, before its first statement runs (a failure only the real rows cause, which
            // leaves the first statement's effect behind, is the dialect's own test: MariaDbUnfinishedMigrationTest).
            assertFalse(db.objects().contains("first_half"), "nothing of it ran on the database");
            assertTrue(report.message().contains("nothing of it ran on the database"), report.message());
        }
    }

    @Test
    void aMultiStatementMigration_hasEveryStatementsEffect() throws Exception {
        // Where DDL is not transactional, a migration of several statements is applied only if each can run twice.
        String ifNotExists = db.transactionalDdl() ? "" : "IF NOT EXISTS ";
        project.migration("001_many.sql", """
                -- several statements; a ';' inside a comment and inside a string must not split them
                CREATE TABLE %1$sa (id INTEGER, note TEXT DEFAULT 'x;y');
                CREATE TABLE %1$sb (id INTEGER); CREATE TABLE %1$sc (id INTEGER);
                /* block comment; with a semicolon */
                CREATE INDEX %1$sa_id ON a (id);
                CREATE VIEW %1$sv AS SELECT id FROM b;
                ALTER TABLE c ADD COLUMN %1$slabel TEXT;
                """.formatted(ifNotExists)).allow("001_many.sql");

        BootReport report = project.boot();

        assertEquals(Verdict.PASS, report.verdict(), report.line());
        assertTrue(db.objects().containsAll(List.of("a", "b", "c", "v")), db.objects().toString());
        assertTrue(db.columns("c").contains("label"));
        assertTrue(db.columns("a").contains("note"));
    }

    @Test
    void theSameMigrationsReadFromAnotherFolder_areNotRunAgain() throws Exception {
        writeIncident2Migrations();
        project.allow(FIVE.toArray(String[]::new));
        assertEquals(Verdict.PASS, project.boot().verdict());
        Path moved = dir.resolve("image/app/migrations");
        Files.createDirectories(moved);
        for (String name : FIVE) {
            Files.copy(project.migrations().resolve(name), moved.resolve(name));
        }

        BootReport report = dev.schemaguard.SchemaGuard.of(project.config(moved)).boot();

        assertEquals(Verdict.PASS, report.verdict(), report.line());
        assertEquals("0", GuardLines.parse(report.line()).get("applied"));
        assertEquals(FIVE, db.ledger());
    }

    /**
     * Issue 11's worst case: a TEMP table named like the ledger made the ledger insert land in a
     * throwaway table and the boot print PASS with nothing recorded. Whatever the migrations, a boot
     * that prints PASS has every migration it applied in the real ledger, read by another connection.
     */
    @Test
    void aTempTableNamedLikeTheLedger_isRefused_andNoBootPassesWithoutItsRowInTheRealLedger() throws Exception {
        project.migration("001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);").allow("001_users.sql");
        BootReport first = project.boot();
        assertEquals(Verdict.PASS, first.verdict(), first.line());
        assertEveryAppliedMigrationIsInTheRealLedger(first);
        project.migration("002_shadow.sql", "CREATE TEMP TABLE DATABASECHANGELOG (ID VARCHAR(255), AUTHOR VARCHAR(255),"
                        + " FILENAME VARCHAR(255), DATEEXECUTED TIMESTAMP, ORDEREXECUTED INTEGER, EXECTYPE VARCHAR(10),"
                        + " MD5SUM VARCHAR(35), DESCRIPTION VARCHAR(255), COMMENTS VARCHAR(255), TAG VARCHAR(255),"
                        + " LIQUIBASE VARCHAR(20), CONTEXTS VARCHAR(255), LABELS VARCHAR(255), DEPLOYMENT_ID VARCHAR(10));\n"
                        + "CREATE TABLE notes (id INTEGER);")
                .migration("003_tags.sql", "CREATE TABLE tags (id INTEGER);")
                .allow("002_shadow.sql", "003_tags.sql");

        for (int boot = 1; boot <= 2; boot++) {
            BootReport report = project.boot();

            assertEquals(Verdict.FAIL, report.verdict(), report.line());
            assertEquals(Code.MIGRATION_NOT_ADDITIVE, report.code());
            assertEquals("002_shadow.sql", GuardLines.parse(report.line()).get("migration"), report.line());
            assertEquals(List.of("001_users.sql"), db.ledger(), "boot " + boot);
            assertEveryAppliedMigrationIsInTheRealLedger(report);
        }
        assertFalse(db.objects().contains("notes"), "nothing of the refused migration ran");
    }

    /** The invariant behind the distinctive line: PASS means recorded, in the ledger other connections read. */
    protected void assertEveryAppliedMigrationIsInTheRealLedger(BootReport report) throws Exception {
        List<String> ledger = db.ledger();
        for (MigrationOutcome m : report.migrations()) {
            if (m.status() == MigrationOutcome.Status.APPLIED) {
                assertTrue(ledger.contains(m.name()), m.name() + " reported applied but not in the ledger " + ledger);
            }
        }
    }

    @Test
    void aSecondBoot_isANoOpPass() throws Exception {
        writeIncident2Migrations();
        project.allow(FIVE.toArray(String[]::new));
        assertEquals(Verdict.PASS, project.boot().verdict());
        String before = db.dump();

        BootReport second = project.boot();

        assertEquals(Verdict.PASS, second.verdict());
        assertEquals(0, second.applied());
        assertTrue(second.migrations().stream().allMatch(m -> m.status() == MigrationOutcome.Status.ALREADY_APPLIED));
        assertEquals(before, db.dump());
    }

    @Test
    void plan_reportsWhatBootWouldDoAndChangesNothing() throws Exception {
        project.migration("001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);").allow("001_users.sql");
        assertEquals(Verdict.PASS, project.boot().verdict());
        project.migration("002_notes.sql", "CREATE TABLE notes (id INTEGER);")
                .migration("003_drop.sql", "DROP TABLE notes;")
                .allow("002_notes.sql");
        String before = db.dump();

        BootReport plan = project.plan();

        assertEquals(Verdict.PASS, plan.verdict(), plan.line());
        assertEquals("plan", GuardLines.parse(plan.line()).get("mode"));
        assertEquals(List.of(MigrationOutcome.Status.ALREADY_APPLIED, MigrationOutcome.Status.WOULD_APPLY, MigrationOutcome.Status.HELD),
                plan.migrations().stream().map(MigrationOutcome::status).toList());
        assertTrue(plan.migrations().get(2).reason().startsWith("not in manifest; also not additive: drop"),
                plan.migrations().get(2).reason());
        assertEquals(before, db.dump());
    }

    @Test
    void afterABoot_eachMigrationCarriesItsLedgerDate_itsChecksum_andItsPlaceInTheManifest() throws Exception {
        project.migration("001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);")
                .migration("002_drop.sql", "DROP TABLE IF EXISTS legacy;")
                .manifestText("001_users.sql sha256=" + Project.sha256(project.migrations().resolve("001_users.sql")) + "\n");
        java.time.LocalDateTime before = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).minusDays(1);
        assertEquals(Verdict.PASS, project.boot().verdict());

        List<MigrationOutcome> rows = project.plan().migrations();

        MigrationOutcome users = rows.get(0);
        assertEquals(MigrationOutcome.Status.ALREADY_APPLIED, users.status());
        assertTrue(users.inManifest() && users.pinned());
        assertTrue(users.appliedAt() != null && users.appliedAt().isAfter(before), "DATEEXECUTED read back: " + users);
        assertEquals(Project.sha256(project.migrations().resolve("001_users.sql")), users.checksum());
        MigrationOutcome drop = rows.get(1);
        assertEquals(MigrationOutcome.Status.HELD, drop.status());
        assertFalse(drop.inManifest());
        assertEquals(null, drop.appliedAt());
    }

    @Test
    void anAppliedFileEditedAfterwards_isMarkedDriftedOnItsOwnRow() throws Exception {
        project.migration("001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);")
                .migration("002_notes.sql", "CREATE TABLE notes (id INTEGER);").allow("001_users.sql", "002_notes.sql");
        assertEquals(Verdict.PASS, project.boot().verdict());
        project.migration("001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);");

        BootReport plan = project.plan();

        assertEquals(Code.CHECKSUM_DRIFT, plan.code());
        assertEquals(List.of(MigrationOutcome.Status.DRIFTED, MigrationOutcome.Status.ALREADY_APPLIED),
                plan.migrations().stream().map(MigrationOutcome::status).toList());
        assertTrue(plan.migrations().get(0).reason().startsWith("changed after it was applied: the ledger recorded sha256="),
                plan.migrations().get(0).reason());
        assertEquals(0, plan.pending(), "a drifted migration is in the ledger, not pending");
    }

    @Test
    void aLedgerRowTheChangelogDoesNotHave_isListedLastAsUnknown() throws Exception {
        project.migration("001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);").allow("001_users.sql");
        assertEquals(Verdict.PASS, project.boot().verdict());
        project.migration("000_removed.sql", "CREATE TABLE removed (id INTEGER);").allow("000_removed.sql");
        assertEquals(Verdict.PASS, project.boot().verdict());
        java.nio.file.Files.delete(project.migrations().resolve("000_removed.sql"));
        project.manifestText("001_users.sql\n");

        BootReport plan = project.plan();

        assertEquals(Verdict.PASS, plan.verdict(), plan.line());
        MigrationOutcome removed = plan.migrations().get(plan.migrations().size() - 1);
        assertEquals("000_removed.sql", removed.name());
        assertEquals(MigrationOutcome.Status.UNKNOWN, removed.status());
        assertTrue(removed.appliedAt() != null, removed.toString());
        assertEquals(0, plan.pending());
    }

    @Test
    void aHeldMigration_holdsTheOnesAfterIt_unlessGapsAreAllowed() throws Exception {
        project.migration("001_drop.sql", "DROP TABLE IF EXISTS legacy;")
                .migration("002_users.sql", "CREATE TABLE users (id INTEGER);")
                .allow("002_users.sql");

        BootReport noGaps = project.boot();
        assertEquals(Verdict.PASS, noGaps.verdict());
        assertEquals(0, noGaps.applied());
        assertTrue(noGaps.migrations().get(1).reason().contains("waits for held 001_drop.sql"), noGaps.migrations().get(1).reason());

        BootReport gaps = project.allowGaps(true).boot();
        assertEquals(1, gaps.applied());
        assertEquals(List.of("002_users.sql"), db.ledger());
    }
}
