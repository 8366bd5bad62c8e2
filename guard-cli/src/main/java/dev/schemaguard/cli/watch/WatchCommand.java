package dev.schemaguard.cli.watch;

import dev.schemaguard.GuardConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code schema-guard watch}: reads boot log lines and prints one alert line per failure shape. */
@Command(name = "watch", mixinStandardHelpOptions = true,
        // One paragraph: the command list of --help shows a command's first description line only.
        description = "Read Schema Guard boot lines (standard input or --file) and print one SCHEMA_GUARD_ALERT line per "
                + "FAIL, HANG, CRASH_LOOP or SILENT boot. Exit 0 no alert, 1 an alert was raised, 2 usage error. "
                + "See docs/watchdog.md.")
public final class WatchCommand implements Callable<Integer> {

    static final int NO_ALERT = 0;
    static final int ALERTED = 1;
    static final int USAGE = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--file", paramLabel = "<path>",
            description = "Follow this file like tail -F (survives rotation and truncation); default: standard input.")
    Path file;

    @Option(names = "--stall", defaultValue = "60s", converter = DurationConverter.class,
            description = "A boot silent this long after a phase line is HANG (default: ${DEFAULT-VALUE}).")
    Duration stall;

    @Option(names = "--crash-loop-boots", defaultValue = "3",
            description = "Failed boots within the window that make a CRASH_LOOP (default: ${DEFAULT-VALUE}).")
    int crashLoopBoots;

    @Option(names = "--crash-loop-window", defaultValue = "10m", converter = DurationConverter.class,
            description = "Crash-loop window (default: ${DEFAULT-VALUE}).")
    Duration crashLoopWindow;

    @Option(names = "--silent-grace", defaultValue = "15s", converter = DurationConverter.class,
            description = "How long an open boot may stay quiet after a newer boot started before it is SILENT"
                    + " (default: ${DEFAULT-VALUE}; 0s for a stream of one replica).")
    Duration silentGrace;

    @Option(names = "--exit-on-alert", description = "Exit 1 at the first alert.")
    boolean exitOnAlert;

    @Option(names = "--exec", paramLabel = "<command>",
            description = "Run this shell command per alert; the alert line is in $SCHEMA_GUARD_ALERT and on stdin.")
    String exec;

    @Option(names = "--exec-timeout", defaultValue = "10s", converter = DurationConverter.class,
            description = "Kill an --exec command after this long (default: ${DEFAULT-VALUE}).")
    Duration execTimeout;

    @Option(names = "--once", description = "Read the input through, evaluate stalls against the clock, exit."
            + " Boots still open at the end are in progress, not SILENT.")
    boolean once;

    @Option(names = "--poll-interval", defaultValue = "250ms", converter = DurationConverter.class, hidden = true)
    Duration pollInterval;

    private final Clock clock;
    private final InputStream stdin;
    /** Called once the input is open; a test appends to a followed file only after it. */
    Runnable onInputOpen = () -> { };

    public WatchCommand() {
        this(Clock.systemUTC(), System.in);
    }

    WatchCommand(Clock clock, InputStream stdin) {
        this.clock = clock;
        this.stdin = stdin;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        WatchConfig config;
        try {
            config = new WatchConfig(stall, crashLoopBoots, crashLoopWindow, silentGrace);
        } catch (IllegalArgumentException e) {
            err.println("schema-guard watch: " + e.getMessage());
            return USAGE;
        }
        BootWatcher watcher = new BootWatcher(config, clock);
        AlertExec hook = exec == null ? null : new AlertExec(exec, execTimeout, err);
        boolean alerted = false;
        try (LineSource source = openSource()) {
            onInputOpen.run();
            while (true) {
                LineSource.Batch batch = source.next(pollInterval);
                for (LineSource.TimedLine line : batch.lines()) {
                    alerted |= publish(watcher.accept(line.text(), line.at()), out, hook);
                    if (alerted && exitOnAlert) {
                        return ALERTED;
                    }
                }
                // --once: the input was a snapshot and open boots may still be running;
                // otherwise the producer is gone and every open boot ended without a verdict
                List<Alert> timed = !batch.ended() ? watcher.tick() : once ? watcher.tick() : watcher.endOfInput();
                alerted |= publish(timed, out, hook);
                if (batch.ended() || (alerted && exitOnAlert)) {
                    return alerted ? ALERTED : NO_ALERT;
                }
            }
        }
    }

    private LineSource openSource() throws IOException {
        if (file == null) {
            return new StdinLineSource(stdin, once ? replayTime(clock.instant()) : StdinLineSource.arrivalTime(clock));
        }
        if (once) {
            // a line without its own timestamp counts as written when the file was last written
            Instant lastWrite = Files.exists(file) ? Files.getLastModifiedTime(file).toInstant() : clock.instant();
            return new FileLineSource(FileFollower.fromStart(file), true, replayTime(lastWrite));
        }
        return new FileLineSource(FileFollower.fromEnd(file), false, StdinLineSource.arrivalTime(clock));
    }

    private static Function<String, LineSource.TimedLine> replayTime(Instant fallback) {
        return text -> new LineSource.TimedLine(text, PrefixTime.of(text).orElse(fallback));
    }

    private static boolean publish(List<Alert> alerts, PrintWriter out, AlertExec hook) {
        for (Alert alert : alerts) {
            String line = alert.toLine();
            out.println(line);
            out.flush(); // a pipe reader (grep, a sidecar) must see it now, not at exit
            if (hook != null) {
                hook.run(line);
            }
        }
        return !alerts.isEmpty();
    }

    /** Durations as {@code 60s}, {@code 10m}, {@code 250ms}. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return GuardConfig.parseDuration(value);
        }
    }
}
