package dev.schemaguard.mariadb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.BootReport;
import dev.schemaguard.Code;
import dev.schemaguard.GuardConfig.FreshDatabase;
import dev.schemaguard.Verdict;
import dev.schemaguard.testing.GuardLines;
import dev.schemaguard.testing.Project;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The acceptance on a real MariaDB, as a user sees it: the line, the schema, the ledger. */
class MariaDbAcceptanceTest {
    @TempDir
    Path dir;
    MariaDbTestDatabase db;
    Project project;

    @BeforeEach
    void freshDatabase() throws Exception {
        db = MariaDbServer.shared().newDatabase();
        project = new Project(dir, db.url());
    }

    @Test
    void threeAdditiveMigrations_onALiveTable_passAndAreRecorded() throws Exception {
        project.migration("001_users.sql", "CREATE TABLE users (id BIGINT PRIMARY KEY, email VARCHAR(255)) ENGINE=InnoDB;")
                .allow("001_users.sql");
        assertEquals(Verdict.PASS, project.boot().verdict());
        db.execute("INSERT INTO users VALUES (1, 'a@example.com'), (2, 'b@example.com')");
        project.migration("002_nickname.sql", "ALTER TABLE users ADD COLUMN nickname VARCHAR(64) NULL, ALGORITHM=INSTANT;")
                .migration("003_users_email.sql", "CREATE INDEX users_email ON users (email) ALGORITHM=INPLACE LOCK=NONE;")
                .migration("004_audit.sql", "CREATE TABLE IF NOT EXISTS audit (id BIGINT PRIMARY KEY, what TEXT);\n"
                        + "CREATE INDEX IF NOT EXISTS audit_what ON audit (what(20));")
                .allow("002_nickname.sql", "003_users_email.sql", "004_audit.sql");

        BootReport report = project.boot();

        assertEquals(Verdict.PASS, report.verdict(), report.line());
        assertEquals("3", GuardLines.parse(report.line()).get("applied"));
        assertEquals(List.of("001_users.sql", "002_nickname.sql", "003_users_email.sql", "004_audit.sql"), db.ledger());
        assertTrue(db.columns("users").contains("nickname"));
        assertEquals(List.of("users_email"), db.column("SELECT DISTINCT INDEX_NAME FROM information_schema.STATISTICS"
                + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'users' AND INDEX_NAME <> 'PRIMARY'"));
        assertEquals(List.of("2"), db.column("SELECT COUNT(*) FROM users"));
        assertEquals(List.of("0"), db.column("SELECT COUNT(*) FROM schema_guard_progress"), "no migration left marked");
    }

    @Test
    void aDropColumn_isRefusedAndTheColumnStays() throws Exception {
        project.migration("001_users.sql", "CREATE TABLE users (id BIGINT PRIMARY KEY, legacy TEXT);").allow("001_users.sql");
        assertEquals(Verdict.PASS, project.boot().verdict());
        project.migration("002_drop.sql", "ALTER TABLE users DROP COLUMN legacy;").allow("002_drop.sql");

        BootReport report = project.boot();

        assertEquals(Code.MIGRATION_NOT_ADDITIVE, report.code(), report.line());
        Map<String, String> line = GuardLines.parse(report.line());
        assertEquals("002_drop.sql", line.get("migration"));
        assertTrue(line.get("reason").startsWith("drop at 002_drop.sql:1"), line.get("reason"));
        assertTrue(db.columns("users").contains("legacy"));
        assertEquals(List.of("001_users.sql"), db.ledger());
    }

    @Test
    void anAddColumnThatMayCopyTheTable_isRefusedWithTableCopy() throws Exception {
        project.migration("001_users.sql", "CREATE TABLE users (id BIGINT PRIMARY KEY);").allow("001_users.sql");
        assertEquals(Verdict.PASS, project.boot().verdict());
        project.migration("002_note.sql", "ALTER TABLE users ADD COLUMN note TEXT;").allow("002_note.sql");

        BootReport report = project.boot();

        assertEquals(Code.MIGRATION_NOT_ADDITIVE, report.code(), report.line());
        assertTrue(GuardLines.parse(report.line()).get("reason").startsWith("table-copy at 002_note.sql:1"), report.line());
        assertFalse(db.columns("users").contains("note"));
    }

    @Test
    void incident4_anEmptyDatabase_isRefusedAndNothingIsCreated() throws Exception {
        project.fresh(FreshDatabase.FAIL).migration("001_users.sql", "CREATE TABLE users (id BIGINT PRIMARY KEY);")
                .allow("001_users.sql");

        BootReport report = project.boot();

        assertEquals(Code.DATABASE_MISSING, report.code(), report.line());
        assertEquals("empty database", GuardLines.parse(report.line()).get("reason"));
        assertEquals(List.of(), db.objects());
    }

    @Test
    void incident4_emptyVolumeWhoseMigrationsCreateOnlyAnAdminRow_failsWithCanaryFailed() throws Exception {
        // The replay: a new, empty database; the service's migrations create the users table and seed the admin.
        project.migration("001_users.sql", "CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR(64));")
                .allow("001_users.sql").canary("users", 2);
        assertEquals(Code.CANARY_FAILED, project.boot().code(), "no rows at all on the first boot");
        db.execute("INSERT INTO users VALUES (1, 'admin')"); // what the service's own seeding does on an empty database

        BootReport report = project.boot();

        assertEquals(Code.CANARY_FAILED, report.code(), report.line());
        Map<String, String> line = GuardLines.parse(report.line());
        assertEquals("users", line.get("table"));
        assertEquals("1", line.get("rows"));
        assertEquals("2", line.get("min_rows"));
    }

    @Test
    void aUrlThatWouldCreateTheDatabase_isRefusedAsAConfigurationError() throws Exception {
        project.database(db.url() + "&createDatabaseIfNotExist=true")
                .migration("001_users.sql", "CREATE TABLE users (id BIGINT PRIMARY KEY);").allow("001_users.sql");

        BootReport report = project.boot();

        assertEquals(Code.CONFIG_INVALID, report.code(), report.line());
        assertTrue(report.message().contains("createDatabaseIfNotExist"), report.message());
    }

    @Test
    void aDatabaseThatDoesNotExist_isDatabaseMissing() throws Exception {
        MariaDbServer.shared().admin("GRANT ALL ON `nowhere_db`.* TO '" + db.user() + "'@'%'");
        project.database(MariaDbServer.shared().url("nowhere_db") + "?user=" + db.user() + "&password=" + db.password())
                .migration("001_users.sql", "CREATE TABLE users (id BIGINT PRIMARY KEY);").allow("001_users.sql");

        BootReport report = project.boot();

        assertEquals(Code.DATABASE_MISSING, report.code(), report.line());
        assertTrue(MariaDbServer.shared().rootConnection().getMetaData() != null);
    }
}
