package dev.schemaguard.mariadb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.BootReport;
import dev.schemaguard.Code;
import dev.schemaguard.GuardConfig;
import dev.schemaguard.SchemaGuard;
import dev.schemaguard.Verdict;
import dev.schemaguard.testing.GuardLines;
import dev.schemaguard.testing.NoSecrets;
import dev.schemaguard.testing.Project;
import dev.schemaguard.testing.ServerStartingUp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server not up yet, one that never comes up, credentials the server refuses, a read-only server; and
 * in every case the password appears in no output, report or line.
 */
class MariaDbReachabilityTest {
    @TempDir
    Path dir;

    @Test
    void aServerStartedAfterTheBootBegan_isWaitedForWithinTheDeadline() throws Exception {
        int port = MariaDbServer.freePort();
        Project project = new Project(dir, "jdbc:mariadb://127.0.0.1:" + port + "/app?user=root").deadline(Duration.ofSeconds(60));
        project.migration("001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);").allow("001_users.sql");

        CompletableFuture<BootReport> boot = CompletableFuture.supplyAsync(project::boot);
        ServerStartingUp.turnAwayFor(port, Duration.ofMillis(1500));
        assertFalse(boot.isDone(), "the boot is still retrying");
        // The database exists before the server takes its first connection: the boot, retrying meanwhile,
        // must never find the server up and the database not yet there.
        MariaDbServer late = MariaDbServer.start(port, "CREATE DATABASE app");
        try {
            BootReport report = boot.get();

            assertEquals(Verdict.PASS, report.verdict(), report.line());
            assertEquals("1", GuardLines.parse(report.line()).get("applied"));
            assertTrue(report.elapsedMs() >= 1500, "it waited for the server: " + report.elapsedMs());
        } finally {
            late.stop();
        }
    }

    @Test
    void aServerThatNeverComesUp_isDatabaseUnreachableWithTheLastError_beforeTheDeadline() {
        String password = "Hunter2-in-the-url";
        Project project = new Project(dir, "jdbc:mariadb://127.0.0.1:" + MariaDbServer.freePort() + "/app?user=app&password=" + password)
                .deadline(Duration.ofSeconds(2));
        project.migration("001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);").allow("001_users.sql");

        BootReport report = NoSecrets.run(project::boot, password);

        assertEquals(Code.DATABASE_UNREACHABLE, report.code(), report.line());
        Map<String, String> line = GuardLines.parse(report.line());
        assertEquals("open", line.get("phase"));
        assertTrue(line.get("reason").matches("still unreachable after \\d+ attempts in \\d+ms; last error: .*"), line.get("reason"));
        assertTrue(report.elapsedMs() < 2000, "FAIL before the deadline, not HANG: " + report.elapsedMs());
    }

    @Test
    void aWrongPassword_isAuthenticationFailedAtOnce_andThePasswordIsNeverPrinted() throws Exception {
        MariaDbTestDatabase db = MariaDbServer.shared().newDatabase();
        String wrong = "Wrong-" + Long.toHexString(System.nanoTime()) + "-pw";
        Project project = new Project(dir, db.urlWithoutPassword()).deadline(Duration.ofSeconds(20));
        project.migration("001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);").allow("001_users.sql");
        GuardConfig config = project.config().withCredentials(db.user(), wrong);

        BootReport report = NoSecrets.run(() -> SchemaGuard.of(config).boot(), wrong, db.password());

        assertEquals(Code.AUTHENTICATION_FAILED, report.code(), report.line());
        assertTrue(report.line().contains("Access denied"), report.line());
        assertTrue(report.elapsedMs() < 5000, "not retried until the 20s deadline: " + report.elapsedMs());
        assertEquals(List.of(), db.objects());
    }

    @Test
    void theRightPasswordInConnectionSettings_passes_andIsNeverPrinted() throws Exception {
        MariaDbTestDatabase db = MariaDbServer.shared().newDatabase();
        Project project = new Project(dir, db.urlWithoutPassword());
        project.migration("001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);").allow("001_users.sql");
        GuardConfig config = project.config().withCredentials(db.user(), db.password());

        BootReport report = NoSecrets.run(() -> SchemaGuard.of(config).boot(), db.password());

        assertEquals(Verdict.PASS, report.verdict(), report.line());
    }

    @Test
    void aReadOnlyServerWithMigrationsToApply_isDatabaseReadOnlyBeforeAnythingIsApplied() throws Exception {
        MariaDbTestDatabase db = MariaDbServer.shared().newDatabase();
        Project project = new Project(dir, db.url());
        project.migration("001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);").allow("001_users.sql").require("001_users.sql");
        assertEquals(Verdict.PASS, project.boot().verdict());
        project.migration("002_notes.sql", "CREATE TABLE notes (id INTEGER);").allow("002_notes.sql");
        MariaDbServer.shared().admin("SET GLOBAL read_only = ON");
        try {
            BootReport boot = project.boot();
            BootReport plan = project.plan();

            assertEquals(Code.DATABASE_READ_ONLY, boot.code(), boot.line());
            assertEquals("read-only", GuardLines.parse(boot.line()).get("reason"));
            assertEquals(Code.DATABASE_READ_ONLY, plan.code(), "plan predicts the boot's verdict");
            assertEquals(List.of("001_users.sql"), db.ledger());
            assertFalse(db.objects().contains("notes"));
        } finally {
            MariaDbServer.shared().admin("SET GLOBAL read_only = OFF");
        }
    }
}
