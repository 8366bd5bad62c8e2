package dev.schemaguard.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.BootReport;
import dev.schemaguard.Code;
import dev.schemaguard.Verdict;
import dev.schemaguard.testing.GuardLines;
import dev.schemaguard.testing.Project;
import java.nio.file.Path;
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
}
