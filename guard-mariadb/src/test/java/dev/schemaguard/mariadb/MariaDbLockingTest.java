package dev.schemaguard.mariadb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.BootReport;
import dev.schemaguard.Code;
import dev.schemaguard.ConnectionSettings;
import dev.schemaguard.MigrationOutcome;
import dev.schemaguard.SchemaGuard;
import dev.schemaguard.Verdict;
import dev.schemaguard.testing.GuardLines;
import dev.schemaguard.testing.Project;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DDL behind a long transaction, and a replica behind another's apply lock: bounded, never a hang. */
class MariaDbLockingTest {
    @TempDir
    Path dir;
    MariaDbTestDatabase db;
    Project project;

    @BeforeEach
    void accountsApplied() throws Exception {
        db = MariaDbServer.shared().newDatabase();
        project = new Project(dir, db.url()).deadline(Duration.ofSeconds(20));
        project.migration("001_accounts.sql", "CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT);").allow("001_accounts.sql");
        assertEquals(Verdict.PASS, project.boot().verdict());
        project.migration("002_email.sql", "ALTER TABLE accounts ADD COLUMN email TEXT, ALGORITHM=INSTANT;").allow("002_email.sql");
    }

    @Test
    void ddlBehindALongTransaction_failsWithLockTimeoutNamingTheTable_boundedByLockWaitTimeout() throws Exception {
        try (Connection reader = db.connect()) {
            reader.setAutoCommit(false);
            try (Statement s = reader.createStatement()) {
                s.execute("SELECT COUNT(*) FROM accounts"); // holds a metadata lock until the transaction ends
            }

            BootReport report = SchemaGuard.of(project.config().toBuilder()
                    .connection(ConnectionSettings.DEFAULT.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(10))).build()).boot();

            assertEquals(Verdict.FAIL, report.verdict(), report.line());
            assertEquals(Code.LOCK_TIMEOUT, report.code());
            Map<String, String> line = GuardLines.parse(report.line());
            assertEquals("accounts", line.get("table"));
            assertEquals("002_email.sql", line.get("migration"));
            assertTrue(line.get("reason").contains("Lock wait timeout"), line.get("reason"));
            assertTrue(report.message().contains("SHOW PROCESSLIST"), report.message());
            assertTrue(report.message().contains("Nothing of it took effect"), report.message());
            assertTrue(report.elapsedMs() < 1000 + 5000, "bounded by lock_wait_timeout, not the 20s deadline: " + report.elapsedMs());
            assertEquals(MigrationOutcome.Status.FAILED, report.migrations().get(1).status());
            reader.rollback();
        }
        assertEquals(List.of("001_accounts.sql"), db.ledger());
        assertFalse(db.columns("accounts").contains("email"));
        assertEquals(Verdict.PASS, project.boot().verdict(), "once the long transaction ends, the next boot applies it");
        assertTrue(db.columns("accounts").contains("email"));
    }

    @Test
    void theLockWaitIsCappedByTheTimeLeftInTheDeadline() throws Exception {
        try (Connection reader = db.connect()) {
            reader.setAutoCommit(false);
            try (Statement s = reader.createStatement()) {
                s.execute("SELECT COUNT(*) FROM accounts");
            }

            BootReport report = SchemaGuard.of(project.config().toBuilder().deadline(Duration.ofSeconds(4))
                    .connection(ConnectionSettings.DEFAULT.withTimeouts(Duration.ofMinutes(5), Duration.ofMinutes(5))).build()).boot();

            assertEquals(Code.LOCK_TIMEOUT, report.code(), report.line());
            assertTrue(report.elapsedMs() < 4000 + 1000, "elapsed " + report.elapsedMs());
            reader.rollback();
        }
        assertEquals(List.of("001_accounts.sql"), db.ledger());
    }

    @Test
    void aReplicaWaitsForAnotherBootsApplyLock_thenFindsWhatIsStillPending() throws Exception {
        try (Connection otherReplica = db.connect()) {
            holdApplyLock(otherReplica);
            CompletableFuture<BootReport> boot = CompletableFuture.supplyAsync(project::boot);
            Thread.sleep(1000);
            assertFalse(boot.isDone(), "the boot waits for the apply lock");
            try (Statement s = otherReplica.createStatement()) {
                s.execute("ALTER TABLE accounts ADD COLUMN email TEXT");
                s.execute("INSERT INTO databasechangelog (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, EXECTYPE)"
                        + " VALUES ('002_email.sql', 'other', '002_email.sql', NOW(), 2, 'EXECUTED')");
                s.execute("DO RELEASE_LOCK(LEFT(CONCAT('schema-guard:', DATABASE()), 64))");
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
            assertTrue(report.message().contains("connection "), report.message());
            assertTrue(report.elapsedMs() < 2000, "reported before the deadline: " + report.elapsedMs());
        }
        assertEquals(List.of("001_accounts.sql"), db.ledger());
    }

    private static void holdApplyLock(Connection connection) throws Exception {
        try (Statement s = connection.createStatement()) {
            s.execute("DO GET_LOCK(LEFT(CONCAT('schema-guard:', DATABASE()), 64), 0)");
        }
    }
}
