package dev.schemaguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.BootReport;
import dev.schemaguard.SchemaGuard;
import dev.schemaguard.Verdict;
import dev.schemaguard.testing.GuardLines;
import dev.schemaguard.testing.Project;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
    void databaseWithABigTable() throws Exception {
        db = dir.resolve("app.db");
        project = new Project(dir.resolve("project"), "jdbc:sqlite:" + db);
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
        Path yaml = project.writeYaml("");
        try (CliProcess boot = CliProcess.start(dir, "boot", "--config", yaml.toString())) {
            boot.awaitLine(l -> l.contains("phase=apply") && l.contains("migration=002_slow.sql"), 30_000);
            Thread.sleep(150);
            boot.kill9();
            assertFalse(boot.errLines().stream().anyMatch(l -> l.startsWith("SCHEMA_GUARD result=")), "killed before its verdict");
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
        // The CLI counts the deadline from the JVM's start; 4 s leave the boot well into the migrations, which take longer.
        Path yaml = project.deadline(Duration.ofSeconds(4)).writeYaml("");
        int exit;
        List<String> lines;
        try (CliProcess boot = CliProcess.start(dir, "boot", "--config", yaml.toString())) {
            exit = boot.waitFor();
            lines = boot.errLines();
        }

        assertEquals(3, exit, lines.toString());
        String last = lines.get(lines.size() - 1);
        Map<String, String> line = GuardLines.parse(last);
        assertEquals("HANG", line.get("result"));
        assertEquals("DEADLINE_EXCEEDED", line.get("code"));
        assertEquals("apply", line.get("phase"));
        assertTrue(Long.parseLong(line.get("elapsed_ms")) < 4000 + 1000, last);
    }
}
