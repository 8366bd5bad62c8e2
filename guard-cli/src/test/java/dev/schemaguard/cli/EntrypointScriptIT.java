package dev.schemaguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.testing.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
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

        try (CliProcess script = script(project.writeYaml(""), SERVICE)) {
            script.awaitLine(l -> l.startsWith("service started"), 30_000);

            assertTrue(script.errLines().stream().anyMatch(l -> l.startsWith("SCHEMA_GUARD result=PASS")), script.errLines().toString());
            assertTrue(script.errLines().contains("service started pid=" + script.pid()),
                    "exec: the service is the script's process (PID 1 in a container): " + script.errLines());
            script.sigterm();
            assertEquals(0, script.waitFor(10), script.errLines().toString());
            assertTrue(script.errLines().contains("service got TERM"), script.errLines().toString());
        }
    }

    @Test
    void fail_exitsOne_andTheServiceNeverStarts() throws Exception {
        project.allow("001_users.sql");

        try (CliProcess script = script(project.writeYaml(""), SERVICE)) {
            assertEquals(1, script.waitFor(30), script.errLines().toString());

            assertTrue(script.errLines().stream().anyMatch(l -> l.startsWith("SCHEMA_GUARD result=FAIL code=REQUIRED_MIGRATIONS_MISSING")),
                    script.errLines().toString());
            assertFalse(serviceStarted(script), script.errLines().toString());
        }
    }

    @Test
    void hang_exitsThree_andTheServiceNeverStarts() throws Exception {
        slowProject();

        // A budget no step before the slow index uses up on any machine, run out while the index is built.
        Duration budget = Duration.ofSeconds(8);
        try (CliProcess script = script(project.deadline(budget).writeYaml(""), SERVICE)) {
            Predicate<String> indexing = l -> l.contains("phase=apply") && l.contains("migration=003_slow.sql");
            script.awaitLine(indexing, 60_000);
            script.freezeUntilBudgetPassed(indexing, budget);
            assertEquals(3, script.waitFor(30), script.errLines().toString());

            assertTrue(script.errLines().stream().anyMatch(l -> l.startsWith("SCHEMA_GUARD result=HANG code=DEADLINE_EXCEEDED")),
                    script.errLines().toString());
            assertFalse(serviceStarted(script), script.errLines().toString());
        }
    }

    @Test
    void sigtermDuringTheBoot_reachesTheGuard_whichStops_andTheServiceNeverStarts() throws Exception {
        slowProject();

        try (CliProcess script = script(project.deadline(Duration.ofSeconds(60)).writeYaml(""), SERVICE)) {
            script.awaitLine(l -> l.contains("phase=apply") && l.contains("migration=003_slow.sql"), 30_000);
            List<ProcessHandle> guard = script.descendants();
            assertFalse(guard.isEmpty(), "the guard runs as the script's child");

            long sent = System.nanoTime();
            script.sigterm();
            int exit = script.waitFor(20);

            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
            assertTrue(exit != 0, "the script exits with the guard's status: " + exit + " " + script.errLines());
            assertTrue(tookMs < 10_000, "the guard stopped on SIGTERM instead of finishing its 60 s budget: " + tookMs + " ms");
            assertTrue(guard.stream().noneMatch(ProcessHandle::isAlive), "the script waited for the guard to end");
            assertFalse(serviceStarted(script), script.errLines().toString());
        }
    }

    /** 001 and 002, then an allowlisted index on the big table: seconds of work on a copy of the big database. */
    private void slowProject() throws IOException {
        Files.copy(bigDatabase, db, StandardCopyOption.REPLACE_EXISTING);
        project.migration("003_slow.sql", "CREATE INDEX big_v ON big (v, id);\nCREATE INDEX big_v2 ON big (id, v);\n"
                        + "CREATE INDEX big_v3 ON big (v DESC, id);\nCREATE INDEX big_v4 ON big (id DESC, v);")
                .allow("001_users.sql", "002_users_email.sql", "003_slow.sql");
    }

    /** The entrypoint script as a container's PID 1 runs it, its output and error read together. */
    private static CliProcess script(Path config, String service) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(SCRIPT.toString(), "sh", "-c", service);
        builder.environment().put("SCHEMA_GUARD_JAR", JAR.toString());
        builder.environment().put("SCHEMA_GUARD_CONFIG", config.toString());
        builder.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return CliProcess.of(builder);
    }

    private static boolean serviceStarted(CliProcess script) {
        return script.errLines().stream().anyMatch(l -> l.startsWith("service started"));
    }
}
