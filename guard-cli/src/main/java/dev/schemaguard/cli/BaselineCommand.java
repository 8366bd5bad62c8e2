package dev.schemaguard.cli;

import dev.schemaguard.BootReport;
import dev.schemaguard.MigrationOutcome;
import dev.schemaguard.VerifyReport;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "baseline", description = "Adopt a database that already holds the schema: record the migrations up to "
        + "--to as applied in the ledger the service keeps, each only after checking in the catalog that its tables, columns, "
        + "indexes and views are there. If one is not, nothing is recorded. Exit 0 recorded, 1 not, 2 configuration error.")
final class BaselineCommand implements Callable<Integer> {
    @Mixin
    GuardOptions options;

    @Option(names = "--to", paramLabel = "<name>",
            description = "The last migration to record (its file name, or the version the ledger records); default: all.")
    String to;

    @Option(names = "--dry-run", description = "Print what would be recorded and why; change nothing.")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        return GuardRun.run(options, out, guard -> {
            BootReport report = guard.baseline(to, dryRun);
            if (options.format == VerifyReport.Format.TEXT) {
                print(report, out);
            }
            return report;
        });
    }

    /** The table a person reads before letting baseline write: each migration, what baseline does with it, and why. */
    private static void print(BootReport report, PrintWriter out) {
        if (report.details().containsKey("ledger")) {
            out.printf("ledger: %s%n", report.details().get("ledger"));
        }
        if (!report.migrations().isEmpty()) {
            out.printf("%-40s %-16s %s%n", "MIGRATION", "ACTION", "WHY");
        }
        for (MigrationOutcome m : report.migrations()) {
            out.printf("%-40s %-16s %s%n", m.name(), action(m.status()), m.reason());
        }
        out.printf("verdict: %s %s: %s%n", report.verdict(), report.code(), report.message());
        out.flush();
    }

    private static String action(MigrationOutcome.Status status) {
        return switch (status) {
            case RECORDED -> "recorded";
            case WOULD_RECORD -> "would record";
            case UNVERIFIED -> "not recordable";
            case ALREADY_APPLIED -> "already recorded";
            case HELD -> "not recorded";
            default -> status.name().toLowerCase(Locale.ROOT);
        };
    }
}
