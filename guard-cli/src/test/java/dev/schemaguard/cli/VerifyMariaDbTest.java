package dev.schemaguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.mariadb.MariaDbServer;
import dev.schemaguard.mariadb.MariaDbTestDatabase;
import dev.schemaguard.testing.Project;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify --simulate-fresh for a MariaDB configuration: the boot a brand-new empty database would get, with
 * both judges, the classifier and the engine's rehearsal of each migration on a scratch copy.
 */
class VerifyMariaDbTest {
    @TempDir
    Path dir;
    Project project;
    MariaDbTestDatabase fresh;

    @BeforeEach
    void setUp() throws Exception {
        fresh = MariaDbServer.shared().newDatabase();
        // The production database the config names is never opened by verify.
        project = new Project(dir.resolve("project"), "jdbc:mariadb://prod.invalid:3306/app?user=app");
        project.migration("001_accounts.sql", "CREATE TABLE IF NOT EXISTS accounts (id BIGINT PRIMARY KEY, email VARCHAR(255));")
                .migration("002_accounts_email.sql", "CREATE INDEX IF NOT EXISTS accounts_email ON accounts (email);")
                .require("001_accounts.sql", "002_accounts_email.sql");
    }

    @Test
    void aCleanBuildBootsTheFreshDatabase_withTheEngineJudgingEachMigration() throws Exception {
        project.allow("001_accounts.sql", "002_accounts_email.sql");

        CliRun run = CliRun.of("verify", "--config", project.writeYaml("").toString(), "--simulate-fresh",
                "--fresh-database", fresh.url());

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertEquals(List.of("001_accounts.sql", "002_accounts_email.sql"), fresh.ledger());
        assertFalse(run.err().contains("classifier's word alone"), "the engine judged every migration:\n" + run.err());
        assertEquals(List.of(), MariaDbServer.shared().scratchDatabases());
    }

    /**
     * A migration that lifts max_statement_time is found before deploy (the classifier's guard-limits; the
     * engine's rehearsal found it first, and is tested alone in MariaDbEngineJudgeTest); a static finding
     * stops verify before the simulated boot, so nothing runs on the fresh database.
     */
    @Test
    void aMigrationLiftingTheStatementLimit_isFoundBeforeDeploy_andNothingRunsOnTheFreshDatabase() throws Exception {
        project.migration("003_audit.sql", "SET max_statement_time = 0;\nCREATE TABLE IF NOT EXISTS audit (id BIGINT PRIMARY KEY);")
                .allow("001_accounts.sql", "002_accounts_email.sql", "003_audit.sql");

        CliRun run = CliRun.of("verify", "--config", project.writeYaml("").toString(), "--simulate-fresh",
                "--fresh-database", fresh.url());

        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("MIGRATION_NOT_ADDITIVE"), run.out());
        assertTrue(run.out().contains("guard-limits") || run.err().contains("guard-limits"), run.out() + run.err());
        assertEquals(List.of(), fresh.ledger(), "a static finding stops verify before the simulated boot");
        assertFalse(fresh.objects().contains("audit"), "nothing of 003 ran");
        assertEquals(List.of(), MariaDbServer.shared().scratchDatabases());
    }
}
