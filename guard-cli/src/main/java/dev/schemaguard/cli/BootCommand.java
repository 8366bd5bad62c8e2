package dev.schemaguard.cli;

import dev.schemaguard.BootListener;
import dev.schemaguard.BootReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "boot", description = "Check the contract, apply allowlisted additive migrations, print the verdict line. "
        + "Exit 0 PASS, 1 FAIL, 2 configuration error, 3 HANG, 143/130 stopped by SIGTERM/SIGINT (after its verdict line).")
final class BootCommand implements Callable<Integer> {
    @Mixin
    GuardOptions options;

    @Option(names = "--status-file", paramLabel = "<path>",
            description = "Keep a JSON status (boot, phase, started_at, last_progress_at, verdict, code, line) in this file, "
                    + "rewritten atomically at every phase and at the verdict.")
    Path statusFile;

    @Option(names = "--termination-log", paramLabel = "<path>",
            description = "Write the verdict line here when the boot does not pass (FAIL, HANG). Default: "
                    + "/dev/termination-log when it exists and is writable (Kubernetes' termination message).")
    Path terminationLog;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Termination termination = Termination.install(Thread.currentThread());
        try {
            options.countDeadlineFromProcessStart();
            return boot(listener(termination));
        } finally {
            termination.finished();
        }
    }

    private int boot(BootListener listener) {
        // A person at a terminal gets a short summary above the verdict line; a log collector only the lines.
        boolean summary = Terminal.stderrIsTerminal() && VerdictHold.hold();
        BootReport report;
        try {
            report = GuardRun.report(options, guard -> guard.boot(listener), listener);
        } catch (RuntimeException | Error e) {
            if (summary) {
                VerdictHold.release(() -> { });
            }
            throw e;
        }
        if (summary) {
            VerdictHold.release(() -> {
                System.err.print(BootSummary.text(report));
                System.err.flush();
            });
        }
        return GuardRun.finish(options, spec.commandLine().getOut(), report, r -> r);
    }

    /** SIGTERM's listener first (it hears the boot start), then the status file and the termination log. */
    private BootListener listener(Termination signals) {
        BootListener listener = signals.listener();
        if (statusFile != null) {
            listener = listener.andThen(BootListener.statusFile(statusFile));
        }
        return listener.andThen(terminationLog != null ? BootListener.terminationLog(terminationLog)
                : BootListener.kubernetesTerminationLog());
    }
}
