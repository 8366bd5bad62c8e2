package dev.schemaguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.testing.Project;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/docker/entrypoint.sh as an image runs it (there is no Docker engine here): the script
 * as a process, the built schema-guard.jar, a real SQLite file, and a stand-in service that says
 * when it starts and when it gets SIGTERM.
 */
class EntrypointScriptIT {
    private static final Path SCRIPT = Path.of("../examples/docker/entrypoint.sh").toAbsolutePath().normalize();
    private static final Path JAR = Path.of("target/schema-guard.jar").toAbsolutePath();
    /** Prints its PID once it can take SIGTERM, then waits for it. */
    private static final String SERVICE = "trap 'echo service got TERM; exit 0' TERM; echo \"service started pid=$$\"; "
            + "while :; do sleep 0.05; done";

    @TempDir
    static Path shared;
    static Path bigDatabase;

    @TempDir
    Path dir;
    Path db;
    Project project;

    /** A table big enough that indexing it takes seconds: a boot that is still running when we need it to be. */
    @BeforeAll
    static void aBigDatabase() throws Exception {
        bigDatabase = shared.resolve("big.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + bigDatabase); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE big (id INTEGER, v TEXT)");
            s.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500000) "
                    + "INSERT INTO big SELECT i, hex(randomblob(16)) FROM n");
        }
    }

    @BeforeEach
    void setUp() {
        db = dir.resolve("app.db");
        project = new Project(dir.resolve("app"), "jdbc:sqlite:" + db)
                .migration("001_users.sql", "CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY);")
                .migration("002_users_email.sql", "ALTER TABLE users ADD COLUMN email TEXT;")
                .require("001_users.sql", "002_users_email.sql");
    }

    @Test
    void pass_execsTheService_whichKeepsTheScriptsPidAndGetsItsSigterm() throws Exception {
        project.allow("001_users.sql", "002_users_email.sql");

        try (Script script = Script.start(project.writeYaml(""), SERVICE)) {
            script.awaitLine(l -> l.startsWith("service started"), 30_000);

            assertTrue(script.lines().stream().anyMatch(l -> l.startsWith("SCHEMA_GUARD result=PASS")), script.lines().toString());
            assertTrue(script.lines().contains("service started pid=" + script.pid()),
                    "exec: the service is the script's process (PID 1 in a container): " + script.lines());
            script.sigterm();
            assertEquals(0, script.waitFor(10), script.lines().toString());
            assertTrue(script.lines().contains("service got TERM"), script.lines().toString());
        }
    }

    @Test
    void fail_exitsOne_andTheServiceNeverStarts() throws Exception {
        project.allow("001_users.sql");

        try (Script script = Script.start(project.writeYaml(""), SERVICE)) {
            assertEquals(1, script.waitFor(30), script.lines().toString());

            assertTrue(script.lines().stream().anyMatch(l -> l.startsWith("SCHEMA_GUARD result=FAIL code=REQUIRED_MIGRATIONS_MISSING")),
                    script.lines().toString());
            assertFalse(script.serviceStarted(), script.lines().toString());
        }
    }

    @Test
    void hang_exitsThree_andTheServiceNeverStarts() throws Exception {
        slowProject();

        try (Script script = Script.start(project.deadline(Duration.ofMillis(900)).writeYaml(""), SERVICE)) {
            assertEquals(3, script.waitFor(30), script.lines().toString());

            assertTrue(script.lines().stream().anyMatch(l -> l.startsWith("SCHEMA_GUARD result=HANG code=DEADLINE_EXCEEDED")),
                    script.lines().toString());
            assertFalse(script.serviceStarted(), script.lines().toString());
        }
    }

    @Test
    void sigtermDuringTheBoot_reachesTheGuard_whichStops_andTheServiceNeverStarts() throws Exception {
        slowProject();

        try (Script script = Script.start(project.deadline(Duration.ofSeconds(60)).writeYaml(""), SERVICE)) {
            script.awaitLine(l -> l.contains("phase=apply") && l.contains("migration=003_slow.sql"), 30_000);
            List<ProcessHandle> guard = script.descendants();
            assertFalse(guard.isEmpty(), "the guard runs as the script's child");

            long sent = System.nanoTime();
            script.sigterm();
            int exit = script.waitFor(20);

            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
            assertTrue(exit != 0, "the script exits with the guard's status: " + exit + " " + script.lines());
            assertTrue(tookMs < 10_000, "the guard stopped on SIGTERM instead of finishing its 60 s budget: " + tookMs + " ms");
            assertTrue(guard.stream().noneMatch(ProcessHandle::isAlive), "the script waited for the guard to end");
            assertFalse(script.serviceStarted(), script.lines().toString());
        }
    }

    /** 001 and 002, then an allowlisted index on the big table: seconds of work on a copy of the big database. */
    private void slowProject() throws IOException {
        Files.copy(bigDatabase, db, StandardCopyOption.REPLACE_EXISTING);
        project.migration("003_slow.sql", "CREATE INDEX big_v ON big (v, id);\nCREATE INDEX big_v2 ON big (id, v);\n"
                        + "CREATE INDEX big_v3 ON big (v DESC, id);\nCREATE INDEX big_v4 ON big (id DESC, v);")
                .allow("001_users.sql", "002_users_email.sql", "003_slow.sql");
    }

    /** The entrypoint script as a container's PID 1 runs it, its output and error merged. */
    private static final class Script implements AutoCloseable {
        private final Process process;
        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final Thread reader;

        private Script(Process process) {
            this.process = process;
            this.reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        static Script start(Path config, String service) throws IOException {
            List<String> command = new ArrayList<>(List.of(SCRIPT.toString(), "sh", "-c", service));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("SCHEMA_GUARD_JAR", JAR.toString());
            builder.environment().put("SCHEMA_GUARD_CONFIG", config.toString());
            builder.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
            return new Script(builder.start());
        }

        long pid() {
            return process.pid();
        }

        List<ProcessHandle> descendants() {
            return process.descendants().toList();
        }

        List<String> lines() {
            return lines;
        }

        boolean serviceStarted() {
            return lines.stream().anyMatch(l -> l.startsWith("service started"));
        }

        /** What {@code docker stop} sends to PID 1 (through the handle: Process.destroy() would also close our pipes). */
        void sigterm() {
            process.toHandle().destroy();
        }

        void awaitLine(Predicate<String> match, long timeoutMillis) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (System.nanoTime() < end) {
                if (lines.stream().anyMatch(match)) {
                    return;
                }
                if (!process.isAlive()) {
                    reader.join(1000);
                    if (lines.stream().anyMatch(match)) {
                        return;
                    }
                    throw new AssertionError("the script ended (exit " + process.exitValue() + ") without the line: " + lines);
                }
                Thread.sleep(10);
            }
            throw new AssertionError("no matching line within " + timeoutMillis + " ms: " + lines);
        }

        int waitFor(long seconds) throws InterruptedException {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                throw new AssertionError("the script did not end within " + seconds + " s: " + lines);
            }
            reader.join(5000);
            return process.exitValue();
        }

        @Override
        public void close() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
