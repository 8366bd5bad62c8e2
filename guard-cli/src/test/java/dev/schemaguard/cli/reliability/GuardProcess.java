package dev.schemaguard.cli.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.schemaguard.testing.GuardLines;
import dev.schemaguard.testing.RealTime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The CLI as production runs it: {@code java -jar schema-guard.jar}, one JVM per boot, with its own
 * environment, working folder, exit status and signals. Everything it prints is kept for the secrets
 * scan ({@link Secrets}).
 */
final class GuardProcess {
    private final List<String> prefix = new ArrayList<>();
    private final List<String> jvm = new ArrayList<>();
    private final List<String> args = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private Path dir;
    private Path jar = jar();

    private GuardProcess(String... args) {
        this.args.addAll(List.of(args));
    }

    /** The shaded jar the build made ({@code schemaguard.jar}, set by the failsafe configuration). */
    static Path jar() {
        return Path.of(System.getProperty("schemaguard.jar", "target/schema-guard.jar")).toAbsolutePath();
    }

    static GuardProcess of(String... args) {
        return new GuardProcess(args);
    }

    GuardProcess env(String name, String value) {
        env.put(name, value);
        return this;
    }

    GuardProcess in(Path folder) {
        dir = folder;
        return this;
    }

    /** Runs the JVM under another command first ({@code setpriv --reuid ...}, for a non-root user). */
    GuardProcess under(List<String> command) {
        prefix.addAll(command);
        return this;
    }

    GuardProcess jvmOption(String option) {
        jvm.add(option);
        return this;
    }

    GuardProcess jarAt(Path other) {
        jar = other;
        return this;
    }

    Running start() throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvm);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        if (dir != null) {
            builder.directory(dir.toFile());
        }
        builder.environment().remove("PGPASSWORD");
        builder.environment().remove("SCHEMA_GUARD_DATABASE");
        builder.environment().putAll(env);
        return new Running(builder.start(), String.join(" ", args));
    }

    Finished run(Duration timeout) throws Exception {
        try (Running running = start()) {
            return running.waitFor(timeout);
        }
    }

    /** A CLI process that is running. */
    static final class Running implements AutoCloseable {
        private final Process process;
        private final String what;
        private final long startedNanos = System.nanoTime();
        private final Collector out;
        private final Collector err;

        Running(Process process, String what) {
            this.process = process;
            this.what = what;
            this.out = new Collector(process.getInputStream());
            this.err = new Collector(process.getErrorStream());
        }

        long pid() {
            return process.pid();
        }

        /** Waits until a line of standard error matches; fails if the process ends first or the time runs out. */
        void awaitLine(Predicate<String> match, Duration timeout) throws InterruptedException {
            long end = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < end) {
                if (err.text().lines().anyMatch(match)) {
                    return;
                }
                if (!process.isAlive()) {
                    err.join();
                    if (err.text().lines().anyMatch(match)) {
                        return;
                    }
                    throw new AssertionError("the CLI ended without the expected line:\n" + err.text());
                }
                RealTime.passMillis(5);
            }
            throw new AssertionError("no matching line within " + timeout + ":\n" + err.text());
        }

        /** Sends a signal by name (TERM, INT, KILL), as {@code kill -s} does. */
        void signal(String name) throws IOException, InterruptedException {
            new ProcessBuilder("kill", "-s", name, Long.toString(process.pid())).inheritIO().start().waitFor();
        }

        void kill9() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        Finished waitFor(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the CLI (" + what + ") did not end within " + timeout + ":\n" + err.text());
            }
            long wallMs = (System.nanoTime() - startedNanos) / 1_000_000;
            out.join();
            err.join();
            Finished finished = new Finished(process.exitValue(), out.text(), err.text(), wallMs);
            Secrets.output(what, finished.out() + finished.err());
            return finished;
        }

        /** What it printed so far (for a process that was killed). */
        String errSoFar() {
            return err.text();
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
            out.join();
            err.join();
            Secrets.output(what, out.text() + err.text());
        }
    }

    /**
     * A CLI process that ended.
     *
     * @param wallMs  from just before the process was started to its exit: JVM start included
     */
    record Finished(int exit, String out, String err, long wallMs) {
        /** The one verdict line; fails when there is none or more than one. */
        String verdictLine() {
            List<String> verdicts = err.lines().filter(l -> l.startsWith("SCHEMA_GUARD result=")).toList();
            assertEquals(1, verdicts.size(), "exactly one verdict line:\n" + err);
            return verdicts.get(0);
        }

        Map<String, String> verdict() {
            return GuardLines.parse(verdictLine());
        }

        void assertNoStackTrace() {
            assertFalse(err.contains("\tat ") || err.contains("Exception in thread"), "no stack trace:\n" + err);
        }

        @Override
        public String toString() {
            return "exit " + exit + " after " + wallMs + " ms\n" + err;
        }
    }

    /** Reads a stream to its end on a thread of its own. */
    private static final class Collector {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Thread thread;

        Collector(InputStream in) {
            thread = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try (in) {
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        synchronized (bytes) {
                            bytes.write(buffer, 0, n);
                        }
                    }
                } catch (IOException ignored) {
                    // the process was killed
                }
            }, "cli-output");
            thread.setDaemon(true);
            thread.start();
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }

        void join() throws InterruptedException {
            thread.join(10_000);
        }
    }
}
