package dev.schemaguard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.schemaguard.BootListener;
import dev.schemaguard.BootReport;
import dev.schemaguard.GuardConfig;
import dev.schemaguard.GuardConfigException;
import dev.schemaguard.SchemaGuard;
import dev.schemaguard.internal.boot.BootRunner;
import dev.schemaguard.internal.boot.SafeListener;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.function.Function;

/** What boot and plan share: load the config, run, print JSON if asked, map the verdict to an exit code. */
final class GuardRun {
    private GuardRun() {
    }

    static int run(GuardOptions options, PrintWriter out, Function<SchemaGuard, BootReport> action) {
        return run(options, out, action, BootListener.NONE);
    }

    /** @param listener  hears the verdict of a configuration that could not be loaded (the action's boot tells it the rest) */
    static int run(GuardOptions options, PrintWriter out, Function<SchemaGuard, BootReport> action, BootListener listener) {
        BootReport report;
        try {
            GuardConfig config = options.load();
            report = action.apply(SchemaGuard.of(options.startingNow(config)));
        } catch (GuardConfigException e) {
            report = BootRunner.configInvalid(e, options.databaseForMessages());
            SafeListener.wrap(listener).verdict(report);
        }
        if (options.format == GuardOptions.Format.json) {
            out.println(json(report));
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

    static String json(Object value) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
