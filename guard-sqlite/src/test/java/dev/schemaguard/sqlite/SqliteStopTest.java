package dev.schemaguard.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.BootListener;
import dev.schemaguard.BootReport;
import dev.schemaguard.Code;
import dev.schemaguard.SchemaGuard;
import dev.schemaguard.Verdict;
import dev.schemaguard.testing.ExpireIn;
import dev.schemaguard.testing.GuardLines;
import dev.schemaguard.testing.Project;
import dev.schemaguard.testing.TestClock;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A boot stopped from outside (its thread interrupted, as SIGTERM does in the CLI), and a boot that meets a held lock. */
class SqliteStopTest {
    @TempDir
    Path dir;
    SqliteTestDatabase db;
    Project project;

    @BeforeEach
    void setUp() throws Exception {
        db = new SqliteTestDatabase(dir.resolve("app.db"));
        project = new Project(dir.resolve("project"), db.url());
        project.migration("001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);").allow("001_users.sql");
        assertEquals(Verdict.PASS, project.boot().verdict());
    }

    @Test
    void aBootWhoseThreadIsInterrupted_endsTerminatedInItsPhase_rollsTheMigrationBackWhole_andKeepsTheInterrupt() throws Exception {
        db.execute("CREATE TABLE big (id INTEGER, v TEXT)",
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500000) "
                        + "INSERT INTO big SELECT i, hex(randomblob(16)) FROM n");
        project.migration("002_index.sql", "CREATE INDEX big_v ON big (v, id);\nCREATE INDEX big_v2 ON big (id, v);\n"
                + "CREATE INDEX big_v3 ON big (v DESC);").allow("002_index.sql").deadline(Duration.ofSeconds(60));
        CountDownLatch applying = new CountDownLatch(1);
        BootListener listener = new BootListener() {
            @Override
            public void progress(String bootId, String phase, String status) {
                if (phase.equals("apply")) {
                    applying.countDown();
                }
            }
        };
        AtomicBoolean interruptKept = new AtomicBoolean();
        Thread[] bootThread = new Thread[1];
        CompletableFuture<BootReport> boot = new CompletableFuture<>();
        bootThread[0] = new Thread(() -> {
            BootReport report = SchemaGuard.of(project.config()).boot(listener);
            interruptKept.set(Thread.currentThread().isInterrupted());
            boot.complete(report);
        });
        bootThread[0].start();
        assertTrue(applying.await(30, TimeUnit.SECONDS), "the boot reached the apply phase");
        long stopped = System.nanoTime();
        bootThread[0].interrupt();

        BootReport report = boot.get(30, TimeUnit.SECONDS);

        long tookMs = (System.nanoTime() - stopped) / 1_000_000;
        assertEquals(Verdict.HANG, report.verdict(), report.line());
        assertEquals(Code.TERMINATED, report.code());
        Map<String, String> line = GuardLines.parse(report.line());
        assertEquals("apply", line.get("phase"));
        assertEquals("0", line.get("applied"));
        assertEquals("1", line.get("pending"));
        assertTrue(tookMs < 1500, "the verdict follows the interrupt within a second or so, took " + tookMs + " ms");
        assertTrue(interruptKept.get(), "the caller's interrupt status is set again when boot() returns");
        // The interrupted worker may still be rolling back: the write lock is free once it has.
        db.execute("PRAGMA busy_timeout = 30000", "BEGIN IMMEDIATE", "ROLLBACK");
        assertEquals(List.of("001_users.sql"), db.ledger());
        assertFalse(db.column("SELECT name FROM sqlite_master WHERE type = 'index'").contains("big_v"));
    }

    /**
     * Issue 10's 47 MB migration, with the deadline run out as planning begins (by the boot's clock,
     * so on any machine): the planner stops at its next statement instead of splitting and classifying
     * the rest, and its thread has ended by the time the verdict is back.
     */
    @Test
    void aDeadlineThatRunsOutWhileA47MegabyteMigrationIsPlanned_stopsThePlanner() throws Exception {
        Path big = project.migrations().resolve("002_seed.sql");
        try (BufferedWriter out = Files.newBufferedWriter(big, StandardCharsets.UTF_8)) {
            for (int i = 0; Files.size(big) < 47L * 1000 * 1000; i++) {
                out.write("INSERT INTO users VALUES (" + i + "); -- a row with a comment to make the line longer\n");
                if (i % 100_000 == 0) {
                    out.flush();
                }
            }
        }
        Duration budget = Duration.ofSeconds(60);
        project.allow("002_seed.sql").deadline(budget);
        TestClock clock = TestClock.realTime();
        ExpireIn expireInPlan = ExpireIn.phase("plan", clock, budget);

        BootReport report = project.boot(expireInPlan, clock);

        assertTrue(expireInPlan.expired(), "the boot reached the plan");
        assertEquals(Code.DEADLINE_EXCEEDED, report.code(), report.line());
        Map<String, String> line = GuardLines.parse(report.line());
        assertEquals("plan", line.get("phase"));
        assertEquals("1", line.get("pending"));
        Thread worker = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("schema-guard-boot-" + line.get("boot"))).findFirst().orElse(null);
        if (worker != null) {
            worker.join(200); // a thread that has just left its last task
        }
        assertTrue(worker == null || !worker.isAlive(), "the planner is still running after the verdict: "
                + (worker == null ? "" : List.of(worker.getStackTrace())));
    }

    @Test
    void aWriteLockHeldPastTheBudget_isLockedBeforeTheDeadline_namingTheHolder_notAHang() throws Exception {
        project.migration("002_notes.sql", "CREATE TABLE notes (id INTEGER);").allow("002_notes.sql").deadline(Duration.ofMillis(2500));
        try (Connection holder = db.connect(); Statement s = holder.createStatement()) {
            holder.setAutoCommit(false);
            s.execute("INSERT INTO users VALUES (42)");

            BootReport report = project.boot();

            assertEquals(Code.LOCKED, report.code(), report.line());
            assertTrue(report.elapsedMs() < 2500, "reported before the deadline, as a FAIL: " + report.elapsedMs());
            Map<String, String> line = GuardLines.parse(report.line());
            assertEquals("002_notes.sql", line.get("migration"));
            assertEquals("1", line.get("pending"));
            assertTrue(String.valueOf(line.get("holder")).contains("this process"), report.line() + "\n"
                    + Files.readString(Path.of("/proc/locks")) + " ino=" + Files.getAttribute(db.file(), "unix:ino"));
            assertTrue(report.message().contains("Another process holds the database's write lock"), report.message());
            holder.rollback();
        }
        assertEquals(List.of("001_users.sql"), db.ledger());
        assertEquals(Verdict.PASS, project.deadline(Duration.ofSeconds(10)).boot().verdict(), "the next boot, once it is free");
    }
}
