package dev.schemaguard.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.BootReport;
import dev.schemaguard.Code;
import dev.schemaguard.GuardConfig.FreshDatabase;
import dev.schemaguard.SchemaGuard;
import dev.schemaguard.Verdict;
import dev.schemaguard.testing.GuardLines;
import dev.schemaguard.testing.Project;
import dev.schemaguard.testing.ServerStartingUp;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server that is not up yet, one that never comes up, a database that is not there, a server that cannot write. */
class PostgresReachabilityTest {
    @TempDir
    Path dir;

    @Test
    void aServerStartedAfterTheBootBegan_isWaitedForAndThePassComesAfterIt() throws Exception {
        int port = PostgresServer.freePort();
        Project project = new Project(dir, "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres")
                .deadline(Duration.ofSeconds(40));
        project.migration("001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);").allow("001_users.sql").require("001_users.sql");

        CompletableFuture<BootReport> boot = CompletableFuture.supplyAsync(project::boot);
        ServerStartingUp.turnAwayFor(port, Duration.ofMillis(1500));
        assertFalse(boot.isDone(), "the boot is still retrying");
        try (PostgresServer late = PostgresServer.startOnPort(port)) {
            BootReport report = boot.get();

            assertEquals(Verdict.PASS, report.verdict(), report.line());
            assertEquals("1", GuardLines.parse(report.line()).get("applied"));
            assertTrue(report.elapsedMs() >= 1500, "it waited for the server: " + report.elapsedMs());
            try (Connection c = DriverManager.getConnection(late.url("postgres"), "postgres", null);
                 var rs = c.createStatement().executeQuery("SELECT ID FROM DATABASECHANGELOG")) {
                assertTrue(rs.next());
                assertEquals("001_users.sql", rs.getString(1));
            }
        }
    }

    @Test
    void aServerThatNeverComesUp_isDatabaseUnreachableWithTheLastError_beforeTheDeadline() {
        int port = PostgresServer.freePort();
        Project project = new Project(dir, "jdbc:postgresql://localhost:" + port + "/app?user=app&password=Hunter2-in-the-url")
                .deadline(Duration.ofSeconds(2));
        project.migration("001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);").allow("001_users.sql");

        BootReport report = project.boot();

        assertEquals(Verdict.FAIL, report.verdict(), report.line());
        assertEquals(Code.DATABASE_UNREACHABLE, report.code());
        Map<String, String> line = GuardLines.parse(report.line());
        assertEquals("open", line.get("phase"));
        assertTrue(line.get("reason").matches("still unreachable after \\d+ attempts in \\d+ms; last error: .*refused.*"), line.get("reason"));
        assertTrue(report.elapsedMs() < 2000, "FAIL before the deadline, not HANG: " + report.elapsedMs());
        assertFalse(report.line().contains("Hunter2-in-the-url"), report.line());
    }

    @Test
    void aDatabaseThatDoesNotExistOnTheServer_isDatabaseMissingAndIsNotCreated_evenWithBootstrap() throws Exception {
        PostgresServer server = PostgresServer.defaultMajor();
        Project project = new Project(dir, server.url("wiped_volume") + "?user=postgres").fresh(FreshDatabase.BOOTSTRAP);
        project.migration("001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);").allow("001_users.sql");

        BootReport boot = project.boot();
        BootReport plan = project.plan();

        assertEquals(Code.DATABASE_MISSING, boot.code(), boot.line());
        assertEquals("does not exist", GuardLines.parse(boot.line()).get("reason"));
        assertTrue(boot.message().contains("never creates one"), boot.message());
        assertEquals(Code.DATABASE_MISSING, plan.code(), plan.line());
        try (Connection c = DriverManager.getConnection(server.url("postgres"), "postgres", null);
             var rs = c.createStatement().executeQuery("SELECT count(*) FROM pg_database WHERE datname = 'wiped_volume'")) {
            rs.next();
            assertEquals(0, rs.getInt(1));
        }
    }

    @Test
    void aReadOnlyDatabaseWithMigrationsToApply_isDatabaseReadOnlyBeforeAnythingIsApplied() throws Exception {
        PostgresTestDatabase db = PostgresServer.defaultMajor().newDatabase();
        Project project = new Project(dir, db.url());
        project.migration("001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);").allow("001_users.sql");
        assertEquals(Verdict.PASS, project.boot().verdict());
        project.migration("002_notes.sql", "CREATE TABLE notes (id INTEGER);").allow("002_notes.sql");
        PostgresServer.defaultMajor().admin("ALTER DATABASE " + db.name() + " SET default_transaction_read_only = on");

        BootReport boot = project.boot();
        BootReport plan = project.plan();

        assertEquals(Code.DATABASE_READ_ONLY, boot.code(), boot.line());
        assertEquals("read-only", GuardLines.parse(boot.line()).get("reason"));
        assertEquals("0", GuardLines.parse(boot.line()).get("applied"));
        assertEquals(Code.DATABASE_READ_ONLY, plan.code(), "plan predicts the boot's verdict");
        assertEquals(List.of("001_users.sql"), db.ledger());
        assertFalse(db.objects().contains("notes"));
    }

    @Test
    void aReadOnlyDatabaseWithNothingToApply_passes_likeAServiceBootingAgainstAStandby() throws Exception {
        PostgresTestDatabase db = PostgresServer.defaultMajor().newDatabase();
        Project project = new Project(dir, db.url());
        project.migration("001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);").allow("001_users.sql").require("001_users.sql");
        assertEquals(Verdict.PASS, project.boot().verdict());
        PostgresServer.defaultMajor().admin("ALTER DATABASE " + db.name() + " SET default_transaction_read_only = on");

        BootReport boot = project.boot();

        assertEquals(Verdict.PASS, boot.verdict(), boot.line());
        assertEquals(0, boot.applied());
    }
}
