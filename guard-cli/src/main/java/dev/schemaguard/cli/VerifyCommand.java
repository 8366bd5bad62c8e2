package dev.schemaguard.cli;

import dev.schemaguard.GuardConfig;
import dev.schemaguard.GuardConfigException;
import dev.schemaguard.SchemaGuard;
import dev.schemaguard.VerifyReport;
import dev.schemaguard.VerifyReport.Finding;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "verify", description = "Before a deploy, with no database: check that the manifest and migrations satisfy "
        + "the contract, and report every finding with file:line. Exit 0 clean, 1 findings, 2 configuration error.")
final class VerifyCommand implements Callable<Integer> {
    @Mixin
    GuardOptions options;

    @Option(names = "--require-pins", description = "An unpinned manifest entry is a finding.")
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
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path unpacked = null;
        try {
            if (artifact != null) {
                if (!Files.exists(artifact)) {
                    throw new GuardConfigException(artifact + ": --artifact does not exist. Pass the built jar or the image's folder.");
                }
                Path root = artifact;
                if (!Files.isDirectory(artifact)) {
                    unpacked = Artifacts.unpack(artifact);
                    root = unpacked;
                }
                options.config = root.resolve(options.config.toString());
            }
            GuardConfig config = options.load();
            String freshUrl = null;
            Path freshFolder = null;
            if (simulateFresh) {
                if (freshDatabase != null) {
                    freshUrl = freshDatabase;
                } else if (config.database().startsWith("jdbc:sqlite:")) {
                    freshFolder = Files.createTempDirectory("schema-guard-fresh");
                    freshUrl = "jdbc:sqlite:" + freshFolder.resolve("fresh.db");
                } else {
                    throw new GuardConfigException("--simulate-fresh: pass --fresh-database <jdbc-url> of an empty database "
                            + "for a server database; Schema Guard never creates one.");
                }
            }
            VerifyReport report = SchemaGuard.of(config).verify(requirePins, freshUrl);
            print(report, out);
            if (freshFolder != null) {
                Artifacts.delete(freshFolder);
            }
            return report.clean() ? Main.EXIT_PASS : Main.EXIT_FAIL;
        } catch (GuardConfigException e) {
            err.println("schema-guard verify: CONFIG_INVALID: " + e.getMessage());
            err.flush();
            return Main.EXIT_USAGE;
        } catch (UncheckedIOException e) {
            err.println("schema-guard verify: CONFIG_INVALID: " + e.getMessage());
            err.flush();
            return Main.EXIT_USAGE;
        } finally {
            if (unpacked != null) {
                Artifacts.delete(unpacked);
            }
        }
    }

    private void print(VerifyReport report, PrintWriter out) {
        if (options.format == GuardOptions.Format.json) {
            out.println(GuardRun.json(report));
        } else {
            for (Finding finding : report.findings()) {
                out.println(finding);
            }
            out.println(report.clean() ? "verify: clean" : "verify: " + report.findings().size() + " finding(s)");
        }
        out.flush();
    }
}
