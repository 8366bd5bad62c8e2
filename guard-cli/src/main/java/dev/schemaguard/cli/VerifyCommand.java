package dev.schemaguard.cli;

import dev.schemaguard.GuardConfigException;
import dev.schemaguard.SchemaGuard;
import dev.schemaguard.VerifyReport;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "verify", description = "Before a deploy, with no database: check that the manifest and migrations satisfy "
        + "the contract, and report every finding with its file and line (text, json, sarif, github or junit). "
        + "Exit 0 clean, 1 findings, 2 configuration error.")
final class VerifyCommand implements Callable<Integer> {
    @Mixin
    GuardOptions options;

    @Option(names = "--require-pins", description = "An unpinned manifest entry is an error (otherwise a warning).")
    boolean requirePins;

    @Option(names = "--simulate-fresh", description = "Also boot the configuration on a brand-new empty database "
            + "(a temporary SQLite file, or --fresh-database) and check that the contract holds afterwards.")
    boolean simulateFresh;

    @Option(names = "--fresh-database", paramLabel = "<jdbc-url>", description = "The empty database --simulate-fresh boots "
            + "against (required for a server database; it is never created).")
    String freshDatabase;

    @Option(names = "--artifact", paramLabel = "<jar or folder>", description = "Read the config, changelog and manifest from "
            + "inside a built artifact (a jar's resources or an image's folder); --config is then a path inside it.")
    Path artifact;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            VerifyReport report = artifact == null ? verify(options.config)
                    : SchemaGuard.verifyArtifact(artifact, root -> verify(root.resolve(options.config.toString())));
            out.print(report.render(options.format, Path.of("")));
            out.flush();
            return report.clean() ? Main.EXIT_PASS : Main.EXIT_FAIL;
        } catch (GuardConfigException | UncheckedIOException e) {
            err.println("schema-guard verify: CONFIG_INVALID: " + e.getMessage());
            err.flush();
            return Main.EXIT_USAGE;
        }
    }

    private VerifyReport verify(Path config) {
        options.config = config;
        SchemaGuard guard = SchemaGuard.of(options.load());
        return simulateFresh && freshDatabase != null ? guard.verify(requirePins, freshDatabase) : guard.verify(requirePins, simulateFresh);
    }
}
