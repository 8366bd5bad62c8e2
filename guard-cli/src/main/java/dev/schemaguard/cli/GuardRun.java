package dev.schemaguard.cli;

import dev.schemaguard.BootListener;
import dev.schemaguard.BootReport;
import dev.schemaguard.GuardConfig;
import dev.schemaguard.SchemaGuard;
import dev.schemaguard.VerifyReport;
import java.io.PrintWriter;
import java.util.function.Function;

/** What boot, plan and info share: load the config, run, print JSON if asked, map the verdict to an exit code. */
final class GuardRun {
    private GuardRun() {
    }

    static int run(GuardOptions options, PrintWriter out, Function<SchemaGuard, BootReport> action) {
        return run(options, out, action, BootListener.NONE);
    }

    /** @param listener  hears the verdict of a configuration that could not be loaded (the action's boot tells it the rest) */
    static int run(GuardOptions options, PrintWriter out, Function<SchemaGuard, BootReport> action, BootListener listener) {
        return run(options, out, action, listener, report -> report);
    }

    /** @param jsonView  what --format json prints of the report */
    static int run(GuardOptions options, PrintWriter out, Function<SchemaGuard, BootReport> action, BootListener listener,
                   Function<BootReport, Object> jsonView) {
        return finish(options, out, report(options, action, listener), jsonView);
    }

    /** Loads the config and runs the action; a configuration that cannot be loaded is a CONFIG_INVALID report. */
    static BootReport report(GuardOptions options, Function<SchemaGuard, BootReport> action, BootListener listener) {
        try {
            GuardConfig config = options.load();
            return action.apply(SchemaGuard.of(options.startingNow(config)));
        } catch (RuntimeException e) {
            // A configuration that cannot be loaded is CONFIG_INVALID; anything else here is a defect,
            // INTERNAL_ERROR: both end with a verdict line that the listener hears, like any boot.
            return SchemaGuard.reportFailure(e, options.databaseForMessages(), listener);
        }
    }

    /** Prints the JSON if asked, and maps the verdict to the exit code. */
    static int finish(GuardOptions options, PrintWriter out, BootReport report, Function<BootReport, Object> jsonView) {
        if (options.format == VerifyReport.Format.JSON) {
            out.println(JsonText.of(jsonView.apply(report)));
            out.flush();
        }
        return exitCode(report);
    }

    static int exitCode(BootReport report) {
        return switch (report.code()) {
            case OK -> Main.EXIT_PASS;
            case CONFIG_INVALID -> Main.EXIT_USAGE;
            case DEADLINE_EXCEEDED -> Main.EXIT_HANG;
            // Only a signal terminates a CLI boot, and the JVM then exits with 128 + its number itself.
            case TERMINATED -> Main.EXIT_TERMINATED;
            default -> Main.EXIT_FAIL;
        };
    }
}
