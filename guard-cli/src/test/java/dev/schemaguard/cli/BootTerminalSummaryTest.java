package dev.schemaguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.schemaguard.testing.Project;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * boot in a terminal ends with a short summary above the verdict line; piped to a collector, its
 * lines are only the machine-readable ones. The terminal is a real pseudo-terminal from util-linux's
 * {@code script}.
 */
class BootTerminalSummaryTest {
    private static final Path SCRIPT = Path.of("/usr/bin/script");

    @TempDir
    Path dir;
    Project project;

    @BeforeEach
    void setUp() {
        project = new Project(dir.resolve("project"), "jdbc:sqlite:" + dir.resolve("app.db"))
                .migration("001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);")
                .migration("002_drop_legacy.sql", "DROP TABLE IF EXISTS legacy;")
                .require("001_users.sql")
                .allow("001_users.sql");
    }

    @Test
    void inATerminal_aSummaryOfAppliedHeldAndIntegrity_comesRightAboveTheVerdictLine() throws Exception {
        assumeTrue(Files.isExecutable(SCRIPT), "util-linux script gives the boot a terminal");

        List<String> lines = inTerminal("boot", "--config", project.writeYaml("").toString());

        int verdict = lines.size() - 1;
        assertTrue(lines.get(verdict).startsWith("SCHEMA_GUARD result=PASS"), "the verdict line stays last: " + lines);
        int summary = lines.indexOf(lines.stream().filter(l -> l.startsWith("schema-guard boot: PASS in ")).findFirst()
                .orElseThrow(() -> new AssertionError("no summary: " + lines)));
        assertEquals(List.of("  applied    1: 001_users.sql", "  held       1"), lines.subList(summary + 1, summary + 3));
        assertTrue(lines.get(summary + 3).strip().startsWith("002_drop_legacy.sql: not in manifest"), lines.toString());
        assertEquals("  integrity  ok", lines.get(summary + 4));
        assertEquals(verdict, summary + 5, "nothing between the summary and the verdict line: " + lines);
    }

    @Test
    void piped_theLinesAreOnlyTheMachineReadableOnes() throws Exception {
        try (CliProcess boot = CliProcess.start(dir, "boot", "--config", project.writeYaml("").toString())) {
            assertEquals(0, boot.waitFor());

            assertTrue(boot.errLines().stream().allMatch(l -> l.startsWith("SCHEMA_GUARD ")), boot.errLines().toString());
            assertFalse(boot.errLines().stream().anyMatch(l -> l.startsWith("schema-guard boot:")));
        }
    }

    /** The CLI with standard output and error on a pseudo-terminal; what the terminal showed, line by line. */
    private List<String> inTerminal(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = java + " -cp " + System.getProperty("java.class.path") + " " + Main.class.getName() + " " + String.join(" ", args);
        Path typescript = dir.resolve("terminal.out");
        Process process = new ProcessBuilder(SCRIPT.toString(), "-qec", command, "/dev/null")
                .redirectOutput(typescript.toFile()).redirectErrorStream(true).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the boot did not end");
        return Files.readString(typescript, StandardCharsets.UTF_8).replace("\r", "").lines().toList();
    }
}
