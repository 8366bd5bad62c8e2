package dev.schemaguard.cli;

import dev.schemaguard.SchemaGuard;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "boot", description = "Check the contract, apply allowlisted additive migrations, print the verdict line. "
        + "Exit 0 PASS, 1 FAIL, 2 configuration error, 3 HANG.")
final class BootCommand implements Callable<Integer> {
    @Mixin
    GuardOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return GuardRun.run(options, spec.commandLine().getOut(), SchemaGuard::boot);
    }
}
