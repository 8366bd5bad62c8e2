package dev.schemaguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.testing.GuardLines;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/** Exit codes by what went wrong: a bad option is a usage error; a crash is a defect with its verdict line. */
class ExitCodesTest {

    @Command(name = "explode")
    static final class Explode implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("a defect in a command");
        }
    }

    @Test
    void aCommandThatCrashes_endsWithAnInternalErrorVerdictLine_andExitsOne() {
        CliRun run = CliRun.run(() -> Main.commandLine(Map.of(), "explode").addSubcommand("explode", new Explode()), "explode");

        assertEquals(Main.EXIT_FAIL, run.exitCode(), run.err());
        Map<String, String> line = GuardLines.parse(run.verdictLine());
        assertEquals("FAIL", line.get("result"));
        assertEquals("INTERNAL_ERROR", line.get("code"));
        assertEquals("a defect in a command", line.get("reason"));
    }

    @Test
    void aBadOption_isAUsageError_inOneLineThatNamesTheProgramOnce_withoutAVerdict() {
        CliRun run = CliRun.of("boot", "--config", "schema-guard.yaml", "--no-such-option");

        assertEquals(Main.EXIT_USAGE, run.exitCode(), run.err());
        String first = run.err().lines().findFirst().orElse("");
        assertTrue(first.startsWith("schema-guard") && first.contains("--no-such-option"), run.err());
        assertEquals(first.indexOf("schema-guard"), first.lastIndexOf("schema-guard"), first);
        assertTrue(run.verdictLines().isEmpty(), run.err());
    }
}
