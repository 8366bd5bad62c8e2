package dev.schemaguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HelpAndUsageTest {

    @Test
    void help_showsEveryCommandsSummaryWhole() {
        CliRun run = CliRun.of("--help");
        String help = collapse(run.out());

        Map<String, CommandLine> commands = Main.commandLine("--help").getSubcommands();
        assertTrue(commands.keySet().containsAll(java.util.List.of("boot", "plan", "info", "verify", "check-integrity", "watch")),
                commands.keySet().toString());
        for (CommandLine command : commands.values()) {
            String[] description = command.getCommandSpec().usageMessage().description();
            assertEquals(1, description.length, command.getCommandName() + ": --help lists only a description's first line");
            assertTrue(help.contains(collapse(description[0])), command.getCommandName() + "'s summary, whole:\n" + run.out());
            assertTrue(description[0].endsWith("."), description[0]);
        }
    }

    @Test
    void anUnknownCommand_namesTheProgramOnce() {
        CliRun run = CliRun.of("bogus");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("Run 'schema-guard --help' for usage."), run.err());
        assertFalse(run.err().contains("schema-guard schema-guard"), run.err());
    }

    @Test
    void aSubcommandsUsageError_pointsAtItsOwnHelp() {
        CliRun run = CliRun.of("verify", "--format", "yaml", "--config", "x.yaml");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("schema-guard verify: --format: unknown format 'yaml'. Known formats: text, json, sarif, "
                + "github, junit."), run.err());
        assertTrue(run.err().contains("Run 'schema-guard verify --help' for usage."), run.err());
    }

    private static String collapse(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }
}
