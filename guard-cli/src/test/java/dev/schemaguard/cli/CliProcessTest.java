package dev.schemaguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.BootReport;
import dev.schemaguard.SchemaGuard;
import dev.schemaguard.Verdict;
import dev.schemaguard.testing.GuardLines;
import dev.schemaguard.testing.Project;
import dev.schemaguard.testing.RealTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as a Dockerfile ENTRYPOINT runs it: a process with an exit code, that can be killed. */
class CliProcessTest {
    @TempDir
    Path dir;
    Path db;
    Project project;

    @BeforeEach
    void setUp() {
        db = dir.resolve("app.db");
        project = new Project(dir.resolve("project"), "jdbc:sqlite:" + db);
    }

    /** A table big enough that indexing it takes seconds, and two migrations: a quick one, then that indexing. */
    private void databaseWithABigTable() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE big (id INTEGER, v TEXT)");
            s.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500000) "
                    + "INSERT INTO big SELECT i, hex(randomblob(16)) FROM n");
        }
        project.migration("001_small.sql", "CREATE TABLE small (id INTEGER);")
                .migration("002_slow.sql", "CREATE INDEX big_v ON big (v, id);\nCREATE INDEX big_v2 ON big (id, v);\n"
                        + "CREATE INDEX big_v3 ON big (v DESC, id);\nCREATE INDEX big_v4 ON big (id DESC, v);")
                .allow("001_small.sql", "002_slow.sql").require("001_small.sql", "002_slow.sql");
    }

    @Test
    void aBootKilledWithSigkillWhileApplying_leavesNoLockAndTheNextBootGoesThrough() throws Exception {
        databaseWithABigTable();
        Path yaml = project.writeYaml("");
        try (CliProcess boot = CliProcess.start(dir, "boot", "--config", yaml.toString())) {
            boot.awaitLine(l -> l.contains("phase=apply") && l.contains("migration=002_slow.sql"), 30_000);
            RealTime.passMillis(150);
            boot.kill9();
            assertFalse(boot.errLines().stream().anyMatch(l -> l.startsWith("SCHEMA_GUARD result=")), "killed before its verdict: " + boot.errLines());
        }

        BootReport next = SchemaGuard.of(project.deadline(Duration.ofSeconds(60)).config()).boot();

        assertEquals(Verdict.PASS, next.verdict(), next.line());
        assertEquals(1, next.applied(), "002 was rolled back by the kill and is applied now; 001 was committed before");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT ID FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED");
            assertTrue(rs.next());
            assertEquals("001_small.sql", rs.getString(1));
            assertTrue(rs.next());
            assertEquals("002_slow.sql", rs.getString(1));
            assertFalse(rs.next());
            assertTrue(s.executeQuery("SELECT 1 FROM sqlite_master WHERE name = 'big_v4'").next());
        }
    }

    @Test
    void aBootThatRunsOutOfItsDeadline_exitsThreeWithAHangLineWithinASecond() throws Exception {
        databaseWithABigTable();
        // A budget no phase before apply uses up on any machine; the boot is then frozen in apply until the
        // budget has passed by its own clock, so the deadline runs out there however fast the machine is.
        Duration budget = Duration.ofSeconds(8);
        Path yaml = project.deadline(budget).writeYaml("integrity:\n  mode: off\n");
        int exit;
        List<String> lines;
        try (CliProcess boot = CliProcess.start(dir, "boot", "--config", yaml.toString())) {
            Predicate<String> applyingTheSlowOne = l -> l.contains("phase=apply") && l.contains("migration=002_slow.sql");
            boot.awaitLine(applyingTheSlowOne, 60_000);
            boot.freezeUntilBudgetPassed(applyingTheSlowOne, budget);
            exit = boot.waitFor();
            lines = boot.errLines();
        }

        assertEquals(3, exit, lines.toString());
        String last = lines.get(lines.size() - 1);
        Map<String, String> line = GuardLines.parse(last);
        assertEquals("HANG", line.get("result"));
        assertEquals("DEADLINE_EXCEEDED", line.get("code"));
        assertEquals("apply", line.get("phase"));
        assertTrue(Long.parseLong(line.get("elapsed_ms")) < budget.toMillis() + 1000, last);
    }

    @Test
    void checkIntegrityFromCron_passesASoundFile_andGivesItATrustedStamp() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT)");
            s.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000) "
                    + "INSERT INTO items (name) SELECT hex(randomblob(20)) FROM n");
            s.execute("CREATE INDEX items_name ON items (name)");
        }
        // skip_above 1 byte: a boot would never check this file; check-integrity always does.
        Path yaml = project.writeYaml("integrity:\n  mode: quick\n  skip_above: 1\n");
        RealTime.passMillis(1100); // a file written within the last second is never stamped: the file system's clock is the point

        int exit;
        List<String> lines;
        try (CliProcess check = CliProcess.start(dir, "check-integrity", "--config", yaml.toString())) {
            exit = check.waitFor();
            lines = check.errLines();
        }

        assertEquals(0, exit, lines.toString());
        Map<String, String> line = GuardLines.parse(lines.get(lines.size() - 1));
        assertEquals("ok", line.get("integrity"));
        assertEquals("deferred_integrity_check", line.get("phase"));
        try (var files = Files.list(dir)) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("app.db.schema-guard-stamp")), "stamp written");
        }
    }
}
