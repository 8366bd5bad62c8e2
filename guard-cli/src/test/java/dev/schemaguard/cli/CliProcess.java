package dev.schemaguard.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

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

    /** Freezes the process (SIGSTOP), as a stalled step or a paused machine would; its clocks run on. */
    void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** Lets a frozen process run again (SIGCONT). */
    void thaw() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -" + name + " " + process.pid() + " failed: " + errLines);
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
