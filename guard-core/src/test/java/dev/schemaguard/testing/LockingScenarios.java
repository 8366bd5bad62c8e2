package dev.schemaguard.testing;

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
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DDL stuck behind another transaction, and a replica waiting for another's apply phase, on a server
 * database: bounded by the lock limits and the deadline, never a hang. A dialect module extends this
 * with its server, how it writes the live-table migration, and how another boot holds its apply lock.
 */
public abstract class LockingScenarios {
    @TempDir
    protected Path dir;
    protected TestDatabase db;
    protected Project project;

    protected abstract TestDatabase database() throws Exception;

    /** 002_email.sql: adds accounts.email on a live table, as this dialect must write it to be additive. */
    protected abstract String addEmail();

    /** Takes the apply lock on this connection, as another boot would. */
    protected abstract void holdApplyLock(Connection connection) throws SQLException;

    /** Releases the apply lock taken by {@link #holdApplyLock}. */
    protected abstract void releaseApplyLock(Connection connection) throws SQLException;

    /** The smallest lock wait this dialect bounds exactly (MariaDB's lock_wait_timeout takes whole seconds). */
    protected abstract Duration shortLockTimeout();

    /** A phrase of the server's error when a lock wait times out. */
    protected abstract String lockTimeoutPhrase();

    /** A phrase of LOCK_TIMEOUT's message that tells where to find the blocker. */
    protected abstract String blockerHint();

    /** A phrase of the apply lock's timeout message naming the holder. */
    protected abstract String holderPhrase();

    @BeforeEach
    void accountsApplied() throws Exception {
        db = database();
        project = new Project(dir, db.url()).deadline(Duration.ofSeconds(20));
        project.migration("001_accounts.sql", "CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT);").allow("001_accounts.sql");
        assertEquals(Verdict.PASS, project.boot().verdict());
        project.migration("002_email.sql", addEmail()).allow("002_email.sql");
    }

    @Test
    void ddlBehindALongTransaction_failsWithLockTimeoutNamingTheTableWithinTheConfiguredTime() throws Exception {
        long lockMs = shortLockTimeout().toMillis();
        try (Connection reader = readerHoldingAccounts()) {
            BootReport report = SchemaGuard.of(project.config().toBuilder()
                    .connection(ConnectionSettings.DEFAULT.withTimeouts(shortLockTimeout(), Duration.ofSeconds(10))).build()).boot();

            assertEquals(Verdict.FAIL, report.verdict(), report.line());
            assertEquals(Code.LOCK_TIMEOUT, report.code());
            Map<String, String> line = GuardLines.parse(report.line());
            assertEquals("accounts", line.get("table"));
            assertEquals("002_email.sql", line.get("migration"));
            assertTrue(line.get("reason").contains(lockTimeoutPhrase()), line.get("reason"));
            assertTrue(report.message().contains(blockerHint()), report.message());
            assertTrue(report.elapsedMs() < lockMs + 4000, "bounded by the lock limit, not by the 20s deadline: " + report.elapsedMs());
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
        try (Connection reader = readerHoldingAccounts()) {
            // The lock limit is derived from what is left (a tenth of it stays for the verdict): a deadline of a
            // few seconds leaves a loaded host too little time to deliver the server's lock timeout before it.
            Duration deadline = Duration.ofSeconds(10);
            BootReport report = SchemaGuard.of(project.config().toBuilder().deadline(deadline)
                    .connection(ConnectionSettings.DEFAULT.withTimeouts(Duration.ofMinutes(5), Duration.ofMinutes(5))).build()).boot();

            assertEquals(Code.LOCK_TIMEOUT, report.code(), report.line());
            assertTrue(report.elapsedMs() < deadline.toMillis(), "the lock limit fired inside the deadline: " + report.elapsedMs());
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
            // Once it applies, only the lock it waits for keeps it from finishing.
            Await.until(applying::get, Duration.ofSeconds(30), "the boot reaches its apply phase");
            assertFalse(boot.isDone(), "the boot waits for the apply lock");
            try (Statement s = otherReplica.createStatement()) {
                s.execute("ALTER TABLE accounts ADD COLUMN email TEXT");
                s.execute("INSERT INTO databasechangelog (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, EXECTYPE)"
                        + " VALUES ('002_email.sql', 'other', '002_email.sql', CURRENT_TIMESTAMP, 2, 'EXECUTED')");
            }
            releaseApplyLock(otherReplica);

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
            assertTrue(report.message().contains(holderPhrase()), report.message());
            assertTrue(report.elapsedMs() < 2000, "reported before the deadline: " + report.elapsedMs());
        }
        assertEquals(List.of("001_accounts.sql"), db.ledger());
    }

    /** A transaction that read accounts and stays open: its lock blocks DDL on the table until it ends. */
    private Connection readerHoldingAccounts() throws SQLException {
        Connection reader = db.connect();
        reader.setAutoCommit(false);
        try (Statement s = reader.createStatement()) {
            s.execute("SELECT count(*) FROM accounts");
        }
        return reader;
    }
}
