package dev.schemaguard.cli;

import dev.schemaguard.BootReport;
import dev.schemaguard.MigrationOutcome;
import dev.schemaguard.SchemaGuard;
import dev.schemaguard.VerifyReport;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "plan", description = "Show what boot would do, migration by migration, and its verdict; changes nothing.")
final class PlanCommand implements Callable<Integer> {
    @Mixin
    GuardOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        return GuardRun.run(options, out, guard -> {
            BootReport report = guard.plan();
            if (options.format == VerifyReport.Format.TEXT) {
                print(report, out);
            }
            return report;
        });
    }

    private static void print(BootReport report, PrintWriter out) {
        if (report.details().containsKey("ledger")) {
            out.printf("ledger: %s%n", report.details().get("ledger"));
        }
        for (MigrationOutcome m : report.migrations()) {
            out.printf("%-16s %-40s%s%s%n", m.status(), m.name(), m.required() ? " [required]" : "",
                    m.reason().isEmpty() ? "" : "  " + m.reason());
        }
        out.printf("would apply: %d, pending after: %d%n", report.applied(), report.pending());
        out.printf("verdict: %s %s: %s%n", report.verdict(), report.code(), report.message());
        out.flush();
    }
}
