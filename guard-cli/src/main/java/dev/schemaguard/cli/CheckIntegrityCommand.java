package dev.schemaguard.cli;

import dev.schemaguard.SchemaGuard;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "check-integrity", description = "Run the full integrity check on a read-only connection, whatever the "
        + "database's size (the check a boot skips above skip_above), and print the verdict line; for cron. "
        + "A pass refreshes the trusted stamp. Exit 0 PASS, 1 FAIL, 2 configuration error.")
final class CheckIntegrityCommand implements Callable<Integer> {
    @Mixin
    GuardOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return GuardRun.run(options, spec.commandLine().getOut(), SchemaGuard::checkIntegrity);
    }
}
