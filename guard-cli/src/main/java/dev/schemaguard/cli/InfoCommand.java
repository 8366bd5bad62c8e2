package dev.schemaguard.cli;

import dev.schemaguard.BootListener;
import dev.schemaguard.BootReport;
import dev.schemaguard.VerifyReport;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "info", description = "Show a table of every migration in the changelog and every ledger row: required, "
        + "in the manifest, pinned, status (applied, pending, held and why, drifted, unknown to the changelog), applied at, "
        + "checksum; changes nothing.")
final class InfoCommand implements Callable<Integer> {
    @Mixin
    GuardOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        return CliLogging.withoutGuardLines(() -> GuardRun.run(options, out, guard -> {
            BootReport report = guard.plan();
            if (options.format == VerifyReport.Format.TEXT) {
                out.print(InfoTable.text(report));
                out.flush();
            }
            return report;
        }, BootListener.NONE, InfoTable::json));
    }
}
