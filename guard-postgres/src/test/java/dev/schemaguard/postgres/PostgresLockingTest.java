package dev.schemaguard.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.BootListener;
import dev.schemaguard.BootReport;
import dev.schemaguard.Code;
import dev.schemaguard.ConnectionSettings;
import dev.schemaguard.MigrationOutcome;
import dev.schemaguard.SchemaGuard;
import dev.schemaguard.Verdict;
import dev.schemaguard.testing.Await;
import dev.schemaguard.testing.GuardLines;
import dev.schemaguard.testing.Project;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DDL stuck behind another transaction, and a replica waiting for another's apply phase: bounded, never a hang. */
class PostgresLockingTest {
    @TempDir
    Path dir;
    PostgresTestDatabase db;
    Project project;

    @BeforeEach
    void accountsApplied() throws Exception {
        db = PostgresServer.defaultMajor().newDatabase();
        project = new Project(dir, db.url()).deadline(Duration.ofSeconds(20));
        project.migration("001_accounts.sql", "CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT);").allow("001_accounts.sql");
        assertEquals(Verdict.PASS, project.boot().verdict());
        project.migration("002_email.sql", "ALTER TABLE accounts ADD COLUMN email TEXT;").allow("002_email.sql");
    }

    @Test
    void ddlBehindALongTransaction_failsWithLockTimeoutNamingTheTableWithinTheConfiguredTime() throws Exception {
        try (Connection reader = db.connect()) {
            reader.setAutoCommit(false);
            try (Statement s = reader.createStatement()) {
                s.execute("SELECT count(*) FROM accounts"); // holds ACCESS SHARE until the transaction ends
            }

            BootReport report = SchemaGuard.of(project.config().toBuilder()
                    .connection(ConnectionSettings.DEFAULT.withTimeouts(Duration.ofMillis(800), Duration.ofSeconds(10))).build()).boot();

            assertEquals(Verdict.FAIL, report.verdict(), report.line());
            assertEquals(Code.LOCK_TIMEOUT, report.code());
            Map<String, String> line = GuardLines.parse(report.line());
            assertEquals("accounts", line.get("table"));
            assertEquals("002_email.sql", line.get("migration"));
            assertTrue(line.get("reason").contains("lock timeout"), line.get("reason"));
            assertTrue(report.message().contains("pg_blocking_pids"), report.message());
            assertTrue(report.elapsedMs() < 800 + 4000, "bounded by lock_timeout, not by the 20s deadline: " + report.elapsedMs());
            assertEquals(MigrationOutcome.Status.FAILED, report.migrations().get(1).status());
            reader.rollback();
        }
        assertEquals(List.of("001_accounts.sql"), db.ledger());
        assertFalse(db.columns("accounts").contains("email"));
        assertEquals(Verdict.PASS, project.boot().verdict(), "once the long transaction ends, the next boot applies it");
        assertTrue(db.columns("accounts").contains("email"));
    }

    @Test
    void theLockTimeoutIsCappedByTheTimeLeftInTheDeadline() throws Exception {
        try (Connection reader = db.connect()) {
            reader.setAutoCommit(false);
            try (Statement s = reader.createStatement()) {
                s.execute("SELECT count(*) FROM accounts");
            }

            BootReport report = SchemaGuard.of(project.config().toBuilder().deadline(Duration.ofSeconds(3))
                    .connection(ConnectionSettings.DEFAULT.withTimeouts(Duration.ofMinutes(5), Duration.ofMinutes(5))).build()).boot();

            assertEquals(Code.LOCK_TIMEOUT, report.code(), report.line());
            assertTrue(report.elapsedMs() < 3000 + 1000, "elapsed " + report.elapsedMs());
            reader.rollback();
        }
        assertEquals(List.of("001_accounts.sql"), db.ledger());
    }

    @Test
    void aReplicaWaitsForAnotherBootsApplyLock_thenFindsWhatIsStillPending() throws Exception {
        try (Connection otherReplica = db.connect()) {
            holdApplyLock(otherReplica);
            AtomicBoolean applying = new AtomicBoolean();
            BootListener listener = new BootListener() {
                @Override
                public void progress(String bootId, String phase, String status) {
                    applying.compareAndSet(false, phase.equals("apply"));
                }
            };
            CompletableFuture<BootReport> boot = CompletableFuture.supplyAsync(() -> SchemaGuard.of(project.config()).boot(listener));
            Await.until(applying::get, Duration.ofSeconds(30), "the boot reaches its apply phase");
            assertFalse(boot.isDone(), "the boot waits for the apply lock");
            try (Statement s = otherReplica.createStatement()) {
                s.execute("ALTER TABLE accounts ADD COLUMN email TEXT");
                s.execute("INSERT INTO DATABASECHANGELOG (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, EXECTYPE)"
                        + " VALUES ('002_email.sql', 'other', '002_email.sql', now(), 2, 'EXECUTED')");
                s.execute("SELECT pg_advisory_unlock_all()");
            }

            BootReport report = boot.get();

            assertEquals(Verdict.PASS, report.verdict(), report.line());
            assertEquals(0, report.applied(), "002 was applied by the other replica meanwhile");
            assertEquals("applied by another boot meanwhile", report.migrations().get(1).reason());
        }
        assertEquals(List.of("001_accounts.sql", "002_email.sql"), db.ledger());
    }

    @Test
    void anApplyLockHeldPastTheDeadline_isLockTimeoutNamingTheHolder_notAHang() throws Exception {
        try (Connection otherReplica = db.connect()) {
            holdApplyLock(otherReplica);

            BootReport report = SchemaGuard.of(project.config().toBuilder().deadline(Duration.ofSeconds(2)).build()).boot();

            assertEquals(Code.LOCK_TIMEOUT, report.code(), report.line());
            assertTrue(report.message().contains("another boot holds the apply lock"), report.message());
            assertTrue(report.message().contains("pid "), report.message());
            assertTrue(report.elapsedMs() < 2000, "reported before the deadline: " + report.elapsedMs());
        }
        assertEquals(List.of("001_accounts.sql"), db.ledger());
    }

    private static void holdApplyLock(Connection connection) throws Exception {
        try (Statement s = connection.createStatement()) {
            s.execute("SELECT pg_advisory_lock(hashtextextended('schema-guard ' || current_schema() || '.databasechangelog', 0))");
        }
    }
}
