package dev.schemaguard.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.BootReport;
import dev.schemaguard.Code;
import dev.schemaguard.ConnectionSettings;
import dev.schemaguard.SchemaGuard;
import dev.schemaguard.Verdict;
import dev.schemaguard.testing.ExpireIn;
import dev.schemaguard.testing.GuardLines;
import dev.schemaguard.testing.Project;
import dev.schemaguard.testing.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The guard bounds every migration with lock_timeout and statement_timeout; a migration that lifts
 * them (0, DEFAULT, RESET) could hang the boot behind a lock, so it is refused and nothing of it runs.
 * A migration that sets its own positive limits, as squawk and strong_migrations advise, is applied.
 */
class PostgresGuardLimitsTest {
    @TempDir
    Path dir;
    PostgresTestDatabase db;
    Project project;

    @BeforeEach
    void accountsApplied() throws Exception {
        db = PostgresServer.defaultMajor().newDatabase();
        project = new Project(dir, db.url());
        project.migration("001_accounts.sql", "CREATE TABLE accounts (id INTEGER PRIMARY KEY);").allow("001_accounts.sql");
        assertEquals(Verdict.PASS, project.boot().verdict());
    }

    @ParameterizedTest
    @ValueSource(strings = {"SET statement_timeout = 0;", "SET lock_timeout TO 0;", "SET LOCAL lock_timeout = '0ms';",
        "SET statement_timeout TO DEFAULT;", "RESET lock_timeout;", "RESET statement_timeout;", "RESET ALL;",
        "SET SESSION lock_timeout = '0.4ms';"})
    void aMigrationLiftingTheLimits_isRefusedAndNothingOfItRuns(String lift) throws Exception {
        project.migration("002_email.sql", lift + "\nALTER TABLE accounts ADD COLUMN email TEXT;").allow("002_email.sql");

        BootReport report = project.boot();

        assertEquals(Verdict.FAIL, report.verdict(), report.line());
        assertEquals(Code.MIGRATION_NOT_ADDITIVE, report.code());
        Map<String, String> line = GuardLines.parse(report.line());
        assertEquals("002_email.sql", line.get("migration"));
        assertTrue(line.get("reason").startsWith("guard-limits at 002_email.sql:1"), line.get("reason"));
        assertEquals(List.of("001_accounts.sql"), db.ledger());
        assertFalse(db.columns("accounts").contains("email"));
    }

    @Test
    void aMigrationSettingItsOwnPositiveLimits_isApplied() throws Exception {
        project.migration("002_email.sql", "SET lock_timeout = '2s';\nSET LOCAL statement_timeout = '1min';\n"
                + "ALTER TABLE accounts ADD COLUMN email TEXT;").allow("002_email.sql");

        BootReport report = project.boot();

        assertEquals(Verdict.PASS, report.verdict(), report.line());
        assertEquals(List.of("001_accounts.sql", "002_email.sql"), db.ledger());
        assertTrue(db.columns("accounts").contains("email"));
    }

    /**
     * The guard's limits are not set again before a migration while the session is known to hold them;
     * a migration that sets its own, for the session or its transaction, ends that: the next migration
     * is bounded by the guard's lock_timeout again, not by the one the migration before it set. Here the
     * third migration waits for a lock another session holds, and is stopped by the guard's 300 ms
     * (LOCK_TIMEOUT), not by the hour the second one set (the boot would reach its deadline: a HANG).
     */
    @ParameterizedTest
    @ValueSource(strings = {"SET lock_timeout = '1h';", "SET SESSION lock_timeout TO '3600s';", "SET LOCAL lock_timeout = '1h';",
        "-- no limit of its own"})
    void aMigrationsOwnLockTimeout_doesNotCarryIntoTheNextMigration(String own) throws Exception {
        project.migration("002_email.sql", "ALTER TABLE accounts ADD COLUMN email TEXT;")
                .migration("003_name.sql", own + "\nALTER TABLE accounts ADD COLUMN name TEXT;")
                .migration("004_phone.sql", "ALTER TABLE accounts ADD COLUMN phone TEXT;")
                .allow("002_email.sql", "003_name.sql", "004_phone.sql");
        ConnectionSettings limits = ConnectionSettings.DEFAULT.withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(20));
        dev.schemaguard.GuardConfig config = project.deadline(Duration.ofSeconds(40)).config().toBuilder().connection(limits).build();
        // 004 waits behind this session's lock, taken as 004 begins; 002 and 003 find the table free
        try (java.sql.Connection holder = db.connect()) {
            holder.setAutoCommit(false);
            java.util.concurrent.atomic.AtomicInteger applyLines = new java.util.concurrent.atomic.AtomicInteger();
            BootReport report = SchemaGuard.of(config).boot(new dev.schemaguard.BootListener() {
                @Override
                public void progress(String bootId, String phase, String status) {
                    // the apply phase's line, then one line per migration: the fourth is 004's, once 003 committed
                    if (phase.equals("apply") && status.equals("STARTED") && applyLines.incrementAndGet() == 4) {
                        try (java.sql.Statement lock = holder.createStatement()) {
                            lock.execute("LOCK TABLE accounts IN ACCESS SHARE MODE");
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
            });
            holder.rollback();

            assertEquals(Code.LOCK_TIMEOUT, report.code(), report.line());
            assertEquals("004_phone.sql", GuardLines.parse(report.line()).get("migration"));
            assertEquals(List.of("001_accounts.sql", "002_email.sql", "003_name.sql"), db.ledger());
            assertTrue(db.columns("accounts").containsAll(List.of("email", "name")), db.columns("accounts").toString());
            assertFalse(db.columns("accounts").contains("phone"), "004 was rolled back whole");
            assertEquals(4, applyLines.get(), "the lock was taken as 004 began");
            assertTrue(report.elapsedMs() < 20_000, "stopped by the guard's 300 ms lock_timeout, not the deadline: " + report.line());
        }
    }

    /**
     * A statement whose limit was cut to the time left in the budget, still running when it ends: the
     * boot ran out of its budget (a HANG in apply, as the runner would say a moment later), not a
     * migration to fix. Once it reported MIGRATION_FAILED, "fix the migration" (the long reliability
     * suite, eight boots on a loaded host).
     */
    @Test
    void aStatementStoppedByTheTimeLeftInTheBudget_isAHangInApply_notAMigrationToFix() throws Exception {
        aBigTableAndAnIndexOnIt();
        Duration budget = Duration.ofSeconds(60);
        TestClock clock = TestClock.realTime();
        // One second left as the migration begins: the index build (seconds) is cut at 700 ms, before the runner's
        // deadline. Not as apply begins: on a loaded host, taking the apply lock once used that second up, and the
        // deadline came before the migration was named.
        ExpireIn oneSecondLeft = ExpireIn.phaseLeaving("apply", 2, clock, budget, Duration.ofSeconds(1));

        BootReport report = project.deadline(budget).boot(oneSecondLeft, clock);

        assertTrue(oneSecondLeft.expired(), "the boot reached apply");
        assertEquals(Code.DEADLINE_EXCEEDED, report.code(), report.line());
        Map<String, String> line = GuardLines.parse(report.line());
        assertEquals("apply", line.get("phase"));
        assertEquals("002_big_v.sql", line.get("migration"));
        assertEquals(List.of("001_accounts.sql"), db.ledger());
        assertFalse(db.objects().contains("big_v"), "the invalid index the cancelled build left was dropped");
    }

    @Test
    void aStatementStoppedByTheConfiguredStatementTimeout_isAFailedMigration_sayingSo() throws Exception {
        aBigTableAndAnIndexOnIt();

        BootReport report = SchemaGuard.of(project.deadline(Duration.ofSeconds(60)).config().toBuilder()
                .connection(ConnectionSettings.DEFAULT.withTimeouts(Duration.ofMillis(100), Duration.ofMillis(200))).build()).boot();

        assertEquals(Code.MIGRATION_FAILED, report.code(), report.line());
        assertEquals("002_big_v.sql", GuardLines.parse(report.line()).get("migration"));
        assertTrue(report.message().contains("ran longer than statement_timeout allows"), report.message());
        assertEquals(List.of("001_accounts.sql"), db.ledger());
    }

    /** Two million rows: building an index on them takes seconds. */
    private void aBigTableAndAnIndexOnIt() throws Exception {
        db.execute("CREATE TABLE big AS SELECT i AS id, md5(i::text) AS v FROM generate_series(1, 2000000) i");
        project.migration("002_big_v.sql", "CREATE INDEX CONCURRENTLY big_v ON big (v, id);").allow("002_big_v.sql");
    }
}
