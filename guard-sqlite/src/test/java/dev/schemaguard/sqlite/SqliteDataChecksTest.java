package dev.schemaguard.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.BootReport;
import dev.schemaguard.Code;
import dev.schemaguard.DataExpectations.Canary;
import dev.schemaguard.GuardConfigException;
import dev.schemaguard.SchemaGuard;
import dev.schemaguard.Verdict;
import dev.schemaguard.testing.ExpireIn;
import dev.schemaguard.testing.GuardLines;
import dev.schemaguard.testing.Project;
import dev.schemaguard.testing.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Canaries and the shrink guard where SQLite differs: a file to keep counts next to, and SQLite-only SQL in the proofs. */
class SqliteDataChecksTest {
    /**
     * Rows 1..3, then an error for any row scanned after them: the filter runs on every row read, and
     * SQLite raises "integer overflow" for this abs(). A count that reads a fourth row fails.
     */
    private static final String POISONED_AFTER_THREE = "CREATE VIEW poisoned AS WITH RECURSIVE n(i) AS "
            + "(SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10) "
            + "SELECT i FROM n WHERE CASE WHEN i > 3 THEN abs(-9223372036854775807 - 1) ELSE 1 END";

    @TempDir
    Path dir;
    SqliteTestDatabase db;
    Project project;

    @BeforeEach
    void setUp() throws Exception {
        db = new SqliteTestDatabase(dir.resolve("app.db"));
        project = new Project(dir.resolve("project"), db.url())
                .migration("001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);").allow("001_users.sql");
        assertEquals(Verdict.PASS, project.boot().verdict());
    }

    @Test
    void countingStopsAtMinRows_aCanaryWhoseFourthRowCannotBeReadPassesWithMinRowsThree() throws Exception {
        db.execute(POISONED_AFTER_THREE);

        BootReport three = project.canary("poisoned", 3).boot();

        assertEquals(Verdict.PASS, three.verdict(), three.line());
    }

    @Test
    void countingStopsAtMinRows_control_readingAFourthRowDoesFail() throws Exception {
        db.execute(POISONED_AFTER_THREE);

        BootReport four = project.canary("poisoned", 4).boot();

        assertEquals(Code.CANARY_FAILED, four.code(), four.line());
        String reason = GuardLines.parse(four.line()).get("reason");
        assertTrue(reason.startsWith("table poisoned could not be read:") && reason.contains("overflow"), reason);
    }

    @Test
    void shrinkGuard_keepsItsCountsNextToTheDatabaseFile_byDefault() throws Exception {
        db.execute("INSERT INTO users (id) VALUES (1), (2)");

        BootReport report = project.canary("users", 1).shrinkGuard(0.5).boot();

        assertEquals(Verdict.PASS, report.verdict(), report.line());
        Path counts = dir.resolve("app.db.schema-guard-counts");
        assertTrue(Files.readAllLines(counts).contains("users=2"), Files.readString(counts));
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file is left behind");
        }
    }

    @Test
    void shrinkGuard_withoutAFileToKeepCountsNextTo_isConfigInvalidNamingStampDir() {
        BootReport report = project.database("jdbc:sqlite::memory:").canary("users", 1).shrinkGuard(0.5).boot();

        assertEquals(Code.CONFIG_INVALID, report.code(), report.line());
        assertTrue(report.message().contains("integrity.stamp_dir"), report.message());
    }

    @Test
    void aCanaryTableNamedLikeAKeyword_isQuotedAndCounted() throws Exception {
        db.execute("CREATE TABLE \"order\" (id INTEGER)", "INSERT INTO \"order\" VALUES (1)");

        BootReport report = project.canary("order", 1).boot();

        assertEquals(Verdict.PASS, report.verdict(), report.line());
    }

    @Test
    void aCanaryThatIsNotAPlainTableName_isRefusedWithFileLineAndKey_beforeAnythingRuns() throws Exception {
        Path yaml = project.writeYaml("canaries:\n  - table: \"users; DELETE FROM users\"\n    min_rows: 1\n");

        GuardConfigException e = assertThrows(GuardConfigException.class, () -> SchemaGuard.fromConfigFile(yaml));

        int line = Files.readAllLines(yaml).indexOf("  - table: \"users; DELETE FROM users\"") + 1;
        assertTrue(e.getMessage().startsWith(yaml + ":" + line + ": table: 'users; DELETE FROM users' is not a plain table name"), e.getMessage());
        assertThrows(GuardConfigException.class, () -> new Canary("users\" --", 1), "built in code, too");
    }

    @Test
    void aCanaryQueryThatNeverEnds_isCutByTheDeadline_asHangInPhaseDataCheck() throws Exception {
        // A view that never yields a row: counting it runs until the statement is cancelled.
        db.execute("CREATE VIEW endless AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
                + "SELECT i FROM n WHERE i < 0");

        // The budget runs out as the data check begins, whatever the machine's speed before it.
        Duration budget = Duration.ofSeconds(60);
        TestClock clock = TestClock.realTime();

        BootReport report = project.canary("endless", 1).deadline(budget).boot(ExpireIn.phase("data_check", clock, budget), clock);

        assertEquals(Verdict.HANG, report.verdict(), report.line());
        Map<String, String> line = GuardLines.parse(report.line());
        assertEquals("data_check", line.get("phase"));
        assertTrue(report.elapsedMs() < budget.toMillis() + 1000, "HANG within a second of the deadline, was " + report.elapsedMs());
    }
}
