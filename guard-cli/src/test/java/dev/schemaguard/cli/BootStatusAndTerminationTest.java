package dev.schemaguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemaguard.testing.GuardLines;
import dev.schemaguard.testing.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code boot --status-file} and {@code --termination-log}: what a sidecar or Kubernetes reads after each shape of boot. */
class BootStatusAndTerminationTest {
    @TempDir
    Path dir;
    Project project;
    Path db;
    Path status;
    Path termination;

    @BeforeEach
    void setUp() {
        db = dir.resolve("app.db");
        status = dir.resolve("run/status.json");
        termination = dir.resolve("termination-log");
        project = new Project(dir.resolve("project"), "jdbc:sqlite:" + db);
        project.migration("001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);").allow("001_users.sql").require("001_users.sql");
    }

    private CliRun boot(String yamlExtra) {
        return CliRun.of("boot", "--config", project.writeYaml(yamlExtra).toString(),
                "--status-file", status.toString(), "--termination-log", termination.toString());
    }

    private JsonNode status() throws Exception {
        return new ObjectMapper().readTree(Files.readString(status));
    }

    /** The keys every status has, whatever the verdict: the boot id of the line, and times in order. */
    private void assertStatusMatchesTheLine(JsonNode json, String line) {
        assertEquals(GuardLines.parse(line).get("boot"), json.get("boot").asText());
        assertEquals(line, json.get("line").asText());
        Instant started = Instant.parse(json.get("started_at").asText());
        Instant last = Instant.parse(json.get("last_progress_at").asText());
        assertFalse(last.isBefore(started), started + " then " + last);
    }

    @Test
    void pass_statusFileHoldsPassAndTheLine_andTheTerminationLogIsUntouched() throws Exception {
        Files.writeString(termination, "left by an earlier container\n");

        CliRun run = boot("");

        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = status();
        assertEquals("PASS", json.get("verdict").asText());
        assertEquals("OK", json.get("code").asText());
        assertEquals("apply", json.get("phase").asText(), "the last phase the boot entered");
        assertStatusMatchesTheLine(json, run.verdictLine());
        assertEquals("left by an earlier container\n", Files.readString(termination));
    }

    @Test
    void fail_statusFileHoldsFailWithItsCode_andTheTerminationLogHoldsTheLine() throws Exception {
        project.require("002_missing.sql");

        CliRun run = boot("");

        assertEquals(1, run.exitCode());
        JsonNode json = status();
        assertEquals("FAIL", json.get("verdict").asText());
        assertEquals("REQUIRED_MIGRATIONS_MISSING", json.get("code").asText());
        assertStatusMatchesTheLine(json, run.verdictLine());
        assertEquals(run.verdictLine() + "\n", Files.readString(termination));
    }

    @Test
    void hang_statusFileHoldsHangWithThePhaseThatRanOut_andTheTerminationLogHoldsTheLine() throws Exception {
        assertEquals(0, boot("").exitCode());
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE VIEW endless AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n WHERE i < 0");
        }
        // The canary's query never ends, so the deadline runs out in the data check: long enough for every phase
        // before it on a loaded machine, and the CLI's clock is the machine's.
        project.deadline(java.time.Duration.ofSeconds(3));

        CliRun run = boot("canaries:\n  - table: endless\n    min_rows: 1\n");

        assertEquals(3, run.exitCode(), run.err());
        JsonNode json = status();
        assertEquals("HANG", json.get("verdict").asText());
        assertEquals("DEADLINE_EXCEEDED", json.get("code").asText());
        assertEquals("data_check", json.get("phase").asText());
        assertStatusMatchesTheLine(json, run.verdictLine());
        assertEquals(run.verdictLine() + "\n", Files.readString(termination));
    }

    @Test
    void configInvalid_stillWritesTheStatusAndTheTerminationLog() throws Exception {
        CliRun run = boot("canaries:\n  - table: \"users; DROP TABLE users\"\n");

        assertEquals(2, run.exitCode());
        JsonNode json = status();
        assertEquals("FAIL", json.get("verdict").asText());
        assertEquals("CONFIG_INVALID", json.get("code").asText());
        assertStatusMatchesTheLine(json, run.verdictLine());
        assertTrue(Files.readString(termination).contains("code=CONFIG_INVALID"));
        assertFalse(Files.exists(db), "nothing ran");
    }
}
