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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootCommandTest {
    @TempDir
    Path dir;
    Project project;
    Path db;

    @BeforeEach
    void setUp() {
        db = dir.resolve("app.db");
        project = new Project(dir.resolve("project"), "jdbc:sqlite:" + db);
        project.migration("001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);")
                .migration("002_drop.sql", "DROP TABLE users;")
                .allow("001_users.sql").require("001_users.sql");
    }

    @Test
    void boot_passesWithExitZeroAndOneVerdictLineAfterAllOtherOutput() {
        CliRun run = CliRun.of("boot", "--config", project.writeYaml("").toString());

        assertEquals(0, run.exitCode(), run.err());
        Map<String, String> line = GuardLines.parse(run.verdictLine());
        assertEquals("PASS", line.get("result"));
        assertEquals("1", line.get("applied"));
        assertEquals("1", line.get("pending"));
        String[] lines = run.err().strip().split("\n");
        assertEquals(run.verdictLine(), lines[lines.length - 1], "the verdict line comes last");
    }

    @Test
    void boot_failsWithExitOne() {
        project.require("003_missing.sql");

        CliRun run = CliRun.of("boot", "--config", project.writeYaml("").toString());

        assertEquals(1, run.exitCode());
        assertEquals("REQUIRED_MIGRATIONS_MISSING", GuardLines.parse(run.verdictLine()).get("code"));
    }

    @Test
    void databaseOption_overridesTheConfig() {
        Path other = dir.resolve("other.db");

        CliRun run = CliRun.of("boot", "--config", project.writeYaml("").toString(), "--database", "jdbc:sqlite:" + other);

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.exists(other));
        assertFalse(Files.exists(db));
    }

    @Test
    void formatJson_printsTheFullReportOnStandardOutputOnly() throws Exception {
        CliRun run = CliRun.of("boot", "--config", project.writeYaml("").toString(), "--format", "json");

        JsonNode report = new ObjectMapper().readTree(run.out());
        assertEquals("PASS", report.get("verdict").asText());
        assertEquals("OK", report.get("code").asText());
        assertEquals("001_users.sql", report.get("migrations").get(0).get("name").asText());
        assertEquals("APPLIED", report.get("migrations").get(0).get("status").asText());
        assertEquals("HELD", report.get("migrations").get(1).get("status").asText());
        assertEquals(run.verdictLine(), report.get("line").asText());
        assertFalse(run.out().contains("SCHEMA_GUARD phase="), "logs stay on standard error");
    }

    @Test
    void plan_printsEachMigrationAndChangesNothing() {
        CliRun run = CliRun.of("plan", "--config", project.writeYaml("").toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("WOULD_APPLY      001_users.sql"), run.out());
        assertTrue(run.out().contains("HELD             002_drop.sql"), run.out());
        assertTrue(run.out().contains("not in manifest; also not additive: drop at 002_drop.sql:1"), run.out());
        assertFalse(Files.exists(db));
    }

    @Test
    void anUnknownKey_isConfigInvalidWithTheLineAndASuggestion_exitTwo_noStackTrace() {
        Path yaml = project.writeYaml("dedline: 10s\n");

        CliRun run = CliRun.of("boot", "--config", yaml.toString());

        assertEquals(2, run.exitCode());
        Map<String, String> line = GuardLines.parse(run.verdictLine());
        assertEquals("CONFIG_INVALID", line.get("code"));
        assertTrue(line.get("reason").contains("schema-guard.yaml:8: dedline: unknown key; did you mean 'deadline'?"), line.get("reason"));
        assertNoStackTrace(run);
    }

    @Test
    void badYaml_isConfigInvalidNamingFileAndLine() throws Exception {
        Path yaml = dir.resolve("bad.yaml");
        Files.writeString(yaml, "database: jdbc:sqlite:x.db\nchangelog: [unclosed\n");

        CliRun run = CliRun.of("boot", "--config", yaml.toString());

        assertEquals(2, run.exitCode());
        assertTrue(GuardLines.parse(run.verdictLine()).get("reason").contains("bad.yaml:3: not valid YAML"), run.err());
        assertNoStackTrace(run);
    }

    @Test
    void aMissingConfigFile_orAMissingChangelog_isConfigInvalid() {
        CliRun missing = CliRun.of("boot", "--config", dir.resolve("nope.yaml").toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.verdictLine().contains("nope.yaml: file not found"), missing.err());

        assertNoStackTrace(missing);

        Path yaml = dir.resolve("no-changelog.yaml");
        writeString(yaml, "database: jdbc:sqlite:" + db + "\nchangelog: nowhere\n");
        CliRun noChangelog = CliRun.of("boot", "--config", yaml.toString());
        assertEquals(2, noChangelog.exitCode());
        assertTrue(noChangelog.verdictLine().contains("no-changelog.yaml:2: changelog: 'nowhere' does not exist"), noChangelog.err());
        assertNoStackTrace(noChangelog);
        assertFalse(Files.exists(db));
    }

    @Test
    void aBadManifestLine_isConfigInvalidNamingTheManifestLine() {
        project.manifestText("001_users.sql\n001_users.sql sha256=nothex\n");

        CliRun run = CliRun.of("boot", "--config", project.writeYaml("").toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.verdictLine().contains("boot-manifest.txt:2: cannot read"), run.err());
        assertNoStackTrace(run);
    }

    @Test
    void everyCommandHasHelp_withoutItsRequiredOptions() {
        for (String command : List.of("boot", "plan", "verify", "check-integrity", "watch")) {
            CliRun run = CliRun.of(command, "--help");
            assertEquals(0, run.exitCode(), command + ": " + run.err());
            assertTrue(run.out().startsWith("Usage: schema-guard " + command), command + ": " + run.out());
        }
    }

    @Test
    void usageErrors_exitTwo() {
        assertEquals(2, CliRun.of("boot").exitCode());
        assertEquals(2, CliRun.of("nonsense").exitCode());
    }

    private static void writeString(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void assertNoStackTrace(CliRun run) {
        assertFalse(run.err().contains("\tat "), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }
}
