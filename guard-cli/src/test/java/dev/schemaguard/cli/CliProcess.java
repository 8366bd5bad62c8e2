package dev.schemaguard.cli;

import dev.schemaguard.testing.RealTime;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CLI as a real process, for what only a process shows: exit codes, signals, a kill -9. Also any
 * other process whose output is read line by line (the Docker entrypoint script).
 */
final class CliProcess implements AutoCloseable {
    /** The jar {@code package} built, for the *IT tests that run it. */
    static final Path BUILT_JAR = Path.of("target/schema-guard.jar").toAbsolutePath();
    /** This JVM's {@code java}. */
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private final Process process;
    private final List<String> errLines = new CopyOnWriteArrayList<>();
    private final Thread reader;
    /** Notified at every line and at the end of the stream, so a waiting test wakes on the event itself. */
    private final Object lineRead = new Object();
    private volatile boolean ended;

    private CliProcess(Process process, java.io.InputStream lines) {
        this.process = process;
        this.reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(lines, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    errLines.add(line);
                    synchronized (lineRead) {
                        lineRead.notifyAll();
                    }
                }
            } catch (IOException ignored) {
                // the process was killed
            } finally {
                ended = true;
                synchronized (lineRead) {
                    lineRead.notifyAll();
                }
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    static CliProcess start(Path workDir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return new CliProcess(process, process.getErrorStream());
    }

    /** Any process, its standard output and error read together as lines. */
    static CliProcess of(ProcessBuilder builder) throws IOException {
        Process process = builder.redirectErrorStream(true).start();
        return new CliProcess(process, process.getInputStream());
    }

    long pid() {
        return process.pid();
    }

    List<ProcessHandle> descendants() {
        return process.descendants().toList();
    }

    /** What {@code docker stop} sends to PID 1 (through the handle: Process.destroy() would also close our pipes). */
    void sigterm() {
        process.toHandle().destroy();
    }

    /** Waits until a line of standard error matches; fails after the timeout. */
    void awaitLine(Predicate<String> match, long timeoutMillis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (lineRead) {
            while (errLines.stream().noneMatch(match)) {
                if (ended) {
                    throw new AssertionError("process ended without the expected line: " + errLines);
                }
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no matching line within " + timeoutMillis + " ms: " + errLines);
                }
                TimeUnit.NANOSECONDS.timedWait(lineRead, left);
            }
        }
    }

    /**
     * Freezes the guard (SIGSTOP to this process and its descendants, so also the guard a script runs),
     * as a stalled step or a paused machine would, until {@code budget} has passed by the boot's own
     * count (the {@code elapsed_ms} of the first line that matches {@code running}, a line of a step that
     * takes longer than that), then lets it run: the deadline runs out in that step however fast or
     * loaded the machine is, and its clocks ran on meanwhile.
     */
    void freezeUntilBudgetPassed(Predicate<String> running, Duration budget) throws IOException, InterruptedException {
        String line = errLines.stream().filter(running).findFirst().orElseThrow();
        Matcher elapsed = Pattern.compile(" elapsed_ms=(\\d+)").matcher(line);
        if (!elapsed.find()) {
            throw new AssertionError("no elapsed_ms in " + line);
        }
        List<ProcessHandle> frozen = new ArrayList<>(List.of(process.toHandle()));
        frozen.addAll(descendants());
        signal(frozen, "STOP");
        RealTime.passMillis(Math.max(0, budget.toMillis() - Long.parseLong(elapsed.group(1))) + 100);
        signal(frozen, "CONT");
    }

    private void signal(List<ProcessHandle> processes, String name) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kill", "-" + name));
        processes.forEach(p -> command.add(Long.toString(p.pid())));
        Process kill = new ProcessBuilder(command).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + errLines);
        }
    }

    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    int waitFor() throws InterruptedException {
        return waitFor(60);
    }

    int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the process did not end within " + seconds + " s: " + errLines);
        }
        reader.join(5000);
        return process.exitValue();
    }

    List<String> errLines() {
        return errLines;
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
