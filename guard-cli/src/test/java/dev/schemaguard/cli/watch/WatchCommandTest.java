package dev.schemaguard.cli.watch;

import dev.schemaguard.testing.TestClock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code watch} run in-process through picocli, output captured. */
class WatchCommandTest {

    static final Instant NOW = Instant.parse("2026-01-15T03:00:00Z");

    static final String START = "SCHEMA_GUARD phase=boot status=STARTED boot=1a2b3c4d db=/data/app.db version=1.4.0";
    static final String INTEGRITY = "SCHEMA_GUARD phase=integrity_check status=STARTED boot=1a2b3c4d elapsed_ms=4";
    static final String PASS = "SCHEMA_GUARD result=PASS code=OK db=/data/app.db applied=12 pending=0 integrity=ok"
            + " elapsed_ms=900 boot=1a2b3c4d";
    static final String FAIL = "SCHEMA_GUARD result=FAIL code=REQUIRED_MIGRATIONS_MISSING db=/data/app.db applied=7"
            + " pending=5 integrity=ok elapsed_ms=812 boot=1a2b3c4d missing=0008_sessions,0009_audit_log"
            + " reason=\"required migrations missing from schema_migrations and not allowed by the boot manifest\"";
    static final String FAIL_ALERT = "SCHEMA_GUARD_ALERT shape=FAIL code=REQUIRED_MIGRATIONS_MISSING boot=1a2b3c4d"
            + " db=/data/app.db missing=0008_sessions,0009_audit_log"
            + " reason=\"required migrations missing from schema_migrations and not allowed by the boot manifest\"";

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }
    }

    private static Run run(Clock clock, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new WatchCommand(clock,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static Run run(String stdin, String... args) {
        return run(Clock.fixed(NOW, ZoneOffset.UTC), stdin, args);
    }

    private static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    @Test
    void stdinFailLineIsOneAlertOnStdoutAndExitOne() {
        Run run = run(lines("starting app", START, FAIL));
        assertEquals(1, run.exit(), run.err());
        assertEquals(List.of(FAIL_ALERT), run.outLines());
    }

    @Test
    void healthyStdinPrintsNothingAndExitsZero() {
        Run run = run(lines(START, "2026-01-15T03:00:01Z " + PASS, "unrelated"));
        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.out());
    }

    @Test
    void exitOnAlertStopsAtTheFirstAlert() {
        String second = FAIL.replace("1a2b3c4d", "5e6f7a8b");
        Run without = run(lines(START, FAIL, second));
        assertEquals(2, without.outLines().size());
        Run with = run(lines(START, FAIL, second), "--exit-on-alert");
        assertEquals(1, with.exit());
        assertEquals(List.of(FAIL_ALERT), with.outLines());
    }

    @Test
    void endOfStdinWithAnOpenBootIsSilentButOnceTreatsItAsInProgress() {
        Run ended = run(lines(START, INTEGRITY));
        assertEquals(1, ended.exit());
        assertTrue(ended.out().startsWith("SCHEMA_GUARD_ALERT shape=SILENT code=none boot=1a2b3c4d"), ended.out());

        Run snapshot = run(lines(START, INTEGRITY), "--once");
        assertEquals(0, snapshot.exit(), snapshot.out());
    }

    @Test
    void onceOverAFileMeasuresStallsWithTheLinesOwnTimestamps() throws IOException {
        Path log = dir.resolve("app.log");
        Files.writeString(log, lines(
                "2026-01-15T02:58:00.000000001Z " + START,
                "2026-01-15T02:58:00.000000002Z " + INTEGRITY)); // two minutes before NOW, nothing since
        Run run = run("", "--file", log.toString(), "--once");
        assertEquals(1, run.exit());
        assertEquals(List.of("SCHEMA_GUARD_ALERT shape=HANG code=none boot=1a2b3c4d db=/data/app.db phase=integrity_check"
                + " reason=\"no output for more than 1m after phase=integrity_check status=STARTED\""), run.outLines());

        Run patient = run("", "--file", log.toString(), "--once", "--stall", "5m");
        assertEquals(0, patient.exit(), patient.out());
    }

    @Test
    void followedFileSkipsOldLinesAndRaisesAStallWhileNoInputArrives() throws Exception {
        Path log = dir.resolve("app.log");
        Files.writeString(log, "an old line that follow mode skips: " + FAIL + "\n");
        TestClock clock = TestClock.at(NOW);
        AtomicInteger exit = new AtomicInteger(-1);
        StringWriter out = new StringWriter();
        WatchCommand command = new WatchCommand(clock, InputStreamNone.INSTANCE);
        CountDownLatch open = new CountDownLatch(1);
        command.onInputOpen = open::countDown;
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        Thread watcher = new Thread(() -> exit.set(cli.execute(
                "--file", log.toString(), "--poll-interval", "5ms", "--exit-on-alert")));
        watcher.start();
        assertTrue(open.await(5, TimeUnit.SECONDS), "watch did not open its input");
        Files.writeString(log, lines(START, INTEGRITY), StandardOpenOption.APPEND);
        // no sleeping: move the clock past the stall until the watcher, polling every 5 ms, sees it
        for (int i = 0; i < 200 && watcher.isAlive(); i++) {
            clock.advance(Duration.ofSeconds(61));
            watcher.join(10);
        }
        watcher.join(5000);
        assertFalse(watcher.isAlive());
        assertEquals(1, exit.get());
        List<String> alerts = out.toString().lines().toList();
        assertEquals(1, alerts.size(), out.toString());
        assertTrue(alerts.get(0).startsWith("SCHEMA_GUARD_ALERT shape=HANG code=none boot=1a2b3c4d"), alerts.get(0));
    }

    @Test
    void followedFileSeesAFailAppendedAfterTheStart() throws Exception {
        Path log = dir.resolve("app.log");
        AtomicInteger exit = new AtomicInteger(-1);
        StringWriter out = new StringWriter();
        WatchCommand command = new WatchCommand(Clock.fixed(NOW, ZoneOffset.UTC), InputStreamNone.INSTANCE);
        CountDownLatch open = new CountDownLatch(1);
        command.onInputOpen = open::countDown;
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        Thread watcher = new Thread(() -> exit.set(cli.execute(
                "--file", log.toString(), "--poll-interval", "5ms", "--exit-on-alert")));
        watcher.start();
        assertTrue(open.await(5, TimeUnit.SECONDS), "watch did not open its input");
        Files.writeString(log, START + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Files.writeString(log, FAIL + "\n", StandardOpenOption.APPEND);
        watcher.join(5000);
        assertFalse(watcher.isAlive());
        assertEquals(1, exit.get());
        assertEquals(List.of(FAIL_ALERT), out.toString().lines().toList());
    }

    @Test
    void execReceivesTheAlertInItsEnvironmentAndOnStdin() throws IOException {
        Path env = dir.resolve("env.txt");
        Path in = dir.resolve("stdin.txt");
        Run run = run(lines(START, FAIL), "--exec",
                "printf '%s' \"$SCHEMA_GUARD_ALERT\" > '" + env + "'; cat > '" + in + "'; echo hook ran");
        assertEquals(1, run.exit());
        assertEquals(FAIL_ALERT, Files.readString(env));
        assertEquals(FAIL_ALERT + "\n", Files.readString(in));
        assertEquals(List.of(FAIL_ALERT), run.outLines(), "hook output goes to stderr, not stdout");
        assertTrue(run.err().contains("hook ran"), run.err());
    }

    @Test
    void execThatHangsIsKilledAfterItsTimeout() {
        Run run = run(lines(START, FAIL), "--exec", "sleep 30", "--exec-timeout", "100ms");
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("--exec timed out after 100 ms"), run.err());
    }

    @Test
    void badDurationsAndThresholdsAreUsageErrors() {
        assertEquals(2, run("", "--stall", "soon").exit());
        Run run = run("", "--crash-loop-boots", "1");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("crash-loop-boots must be at least 2"), run.err());
    }

    /** Standard input that is never read in the --file tests. */
    static final class InputStreamNone extends java.io.InputStream {
        static final InputStreamNone INSTANCE = new InputStreamNone();

        @Override
        public int read() {
            return -1;
        }
    }
}
