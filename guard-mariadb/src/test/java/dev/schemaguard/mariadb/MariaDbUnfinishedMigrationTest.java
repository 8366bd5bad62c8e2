package dev.schemaguard.mariadb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.BootReport;
import dev.schemaguard.Code;
import dev.schemaguard.Verdict;
import dev.schemaguard.testing.GuardLines;
import dev.schemaguard.testing.Project;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a boot finds after another one died halfway through a migration, where each DDL statement commits
 * on its own. The dead boot is reproduced exactly as it leaves the database: the statements it finished,
 * and its progress row (the CLI test kills a real process mid-migration).
 */
class MariaDbUnfinishedMigrationTest {
    @TempDir
    Path dir;
    MariaDbTestDatabase db;
    Project project;

    @BeforeEach
    void usersApplied() throws Exception {
        db = MariaDbServer.shared().newDatabase();
        project = new Project(dir, db.url());
        project.migration("001_users.sql", "CREATE TABLE users (id BIGINT PRIMARY KEY);").allow("001_users.sql");
        assertEquals(Verdict.PASS, project.boot().verdict());
    }

    /** Its index says LOCK=NONE: when it runs again, the table its first run created counts as an existing one. */
    @Test
    void aMigrationWhoseStatementsCanRunTwice_isFinishedByTheNextBoot() throws Exception {
        project.migration("002_orders.sql", "CREATE TABLE IF NOT EXISTS orders (id BIGINT PRIMARY KEY, user_id BIGINT);\n"
                + "CREATE INDEX IF NOT EXISTS orders_user ON orders (user_id) LOCK=NONE;\n"
                + "ALTER TABLE users ADD COLUMN IF NOT EXISTS note TEXT, ALGORITHM=INSTANT;").allow("002_orders.sql");
        diedAfterFirstStatement("002_orders.sql", 3, "CREATE TABLE orders (id BIGINT PRIMARY KEY, user_id BIGINT)");

        BootReport report = project.boot();

        assertEquals(Verdict.PASS, report.verdict(), report.line());
        assertEquals(List.of("001_users.sql", "002_orders.sql"), db.ledger());
        assertTrue(db.columns("users").contains("note"));
        assertEquals(List.of("0"), db.column("SELECT COUNT(*) FROM schema_guard_progress"));
    }

    @Test
    void aSingleStatementThatCannotRunTwice_stopsTheBootWithMigrationIncomplete_untilTheRowIsCleared() throws Exception {
        project.migration("002_note.sql", "ALTER TABLE users ADD COLUMN note TEXT, ALGORITHM=INSTANT;").allow("002_note.sql");
        diedAfterFirstStatement("002_note.sql", 1, "ALTER TABLE users ADD COLUMN note TEXT");
        db.execute("UPDATE schema_guard_progress SET STATEMENTS_DONE = 0"); // killed while the statement ran

        BootReport boot = project.boot();
        BootReport plan = project.plan();

        assertEquals(Code.MIGRATION_INCOMPLETE, boot.code(), boot.line());
        Map<String, String> line = GuardLines.parse(boot.line());
        assertEquals("002_note.sql", line.get("migration"));
        assertEquals("0", line.get("applied"));
        assertTrue(boot.message().contains("002_note.sql:1"), boot.message());
        assertTrue(boot.message().contains("DELETE FROM schema_guard_progress WHERE ID = '002_note.sql'"), boot.message());
        assertEquals(Code.MIGRATION_INCOMPLETE, plan.code(), "plan predicts it");
        assertEquals(List.of("001_users.sql"), db.ledger());

        db.execute("ALTER TABLE users DROP COLUMN note", "DELETE FROM schema_guard_progress WHERE ID = '002_note.sql'");
        BootReport after = project.boot();
        assertEquals(Verdict.PASS, after.verdict(), after.line());
        assertEquals(List.of("001_users.sql", "002_note.sql"), db.ledger());
    }

    @Test
    void severalStatementsThatCannotRunTwice_areRefusedBeforeAnythingRuns() throws Exception {
        project.migration("002_orders.sql", "CREATE TABLE orders (id BIGINT PRIMARY KEY);\n"
                + "CREATE INDEX orders_id ON orders (id);").allow("002_orders.sql");

        BootReport report = project.boot();

        assertEquals(Code.MIGRATION_NOT_ADDITIVE, report.code(), report.line());
        assertTrue(GuardLines.parse(report.line()).get("reason").startsWith("ddl-not-atomic at 002_orders.sql:1"), report.line());
        assertFalse(db.objects().contains("orders"));
    }

    @Test
    void aFailedStatementAfterOthers_leavesTheMigrationMarked_andTheNextBootRunsItAgain() throws Exception {
        // The real rows make the second statement fail: the engine judge's rehearsal, on a copy without rows, passed it.
        db.execute("CREATE TABLE codes (code INT)", "INSERT INTO codes VALUES (1), (1)");
        project.migration("002_orders.sql", "CREATE TABLE IF NOT EXISTS orders (id BIGINT PRIMARY KEY);\n"
                + "CREATE UNIQUE INDEX IF NOT EXISTS codes_code ON codes (code) LOCK=NONE;").allow("002_orders.sql");

        BootReport failed = project.boot();

        assertEquals(Code.MIGRATION_FAILED, failed.code(), failed.line());
        assertTrue(failed.message().contains("1 of 2 statements took effect"), failed.message());
        assertTrue(db.objects().contains("orders"));
        assertEquals(List.of("1"), db.column("SELECT STATEMENTS_DONE FROM schema_guard_progress WHERE ID = '002_orders.sql'"));

        project.migration("002_orders.sql", "CREATE TABLE IF NOT EXISTS orders (id BIGINT PRIMARY KEY);\n"
                + "CREATE INDEX IF NOT EXISTS orders_id ON orders (id) LOCK=NONE;");
        BootReport fixed = project.boot();
        assertEquals(Verdict.PASS, fixed.verdict(), fixed.line());
        assertEquals(List.of("0"), db.column("SELECT COUNT(*) FROM schema_guard_progress"));
    }

    @Test
    void aHalfAppliedMigrationThatIsNoLongerAllowed_stillStopsTheBoot() throws Exception {
        project.migration("002_orders.sql", "CREATE TABLE IF NOT EXISTS orders (id BIGINT PRIMARY KEY);\n"
                + "CREATE INDEX IF NOT EXISTS orders_id ON orders (id) LOCK=NONE;");
        diedAfterFirstStatement("002_orders.sql", 2, "CREATE TABLE orders (id BIGINT PRIMARY KEY)");

        BootReport report = project.boot();

        assertEquals(Code.MIGRATION_INCOMPLETE, report.code(), report.line());
        assertTrue(report.message().contains("It is held now (not in manifest)"), report.message());
    }

    /** What a boot killed after the first statement of a migration leaves: that statement's effect and the progress row. */
    private void diedAfterFirstStatement(String migration, int statements, String firstStatement) throws Exception {
        db.execute(firstStatement, "CREATE TABLE IF NOT EXISTS schema_guard_progress (ID VARCHAR(255) NOT NULL PRIMARY KEY,"
                        + " STARTED VARCHAR(40) NOT NULL, DEPLOYMENT_ID VARCHAR(10), STATEMENTS_DONE INT NOT NULL, STATEMENTS INT NOT NULL)",
                "INSERT INTO schema_guard_progress VALUES ('" + migration + "', '2026-11-29T10:00:00Z', 'deadbeef', 1, " + statements + ")");
    }
}
