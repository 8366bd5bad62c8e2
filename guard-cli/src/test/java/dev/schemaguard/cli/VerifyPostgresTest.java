package dev.schemaguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.postgres.PostgresServer;
import dev.schemaguard.postgres.PostgresTestDatabase;
import dev.schemaguard.testing.Project;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify --simulate-fresh for a PostgreSQL configuration: the boot a brand-new empty database would get. */
class VerifyPostgresTest {
    @TempDir
    Path dir;
    Project project;
    PostgresTestDatabase fresh;

    @BeforeEach
    void setUp() throws Exception {
        PostgresServer server = PostgresServer.defaultMajor();
        fresh = server.newDatabase();
        // The production database the config names is never opened by verify.
        project = new Project(dir.resolve("project"), "jdbc:postgresql://prod.invalid:5432/app?user=app");
        project.migration("001_accounts.sql", "CREATE TABLE IF NOT EXISTS accounts (id BIGINT PRIMARY KEY, email TEXT);")
                .migration("002_accounts_email.sql", "CREATE INDEX IF NOT EXISTS accounts_email ON accounts (email);")
                .require("001_accounts.sql", "002_accounts_email.sql");
    }

    @Test
    void aServerDatabaseNeedsAnEmptyDatabaseToSimulateOn_neverCreatesOne() {
        project.allow("001_accounts.sql", "002_accounts_email.sql");

        CliRun run = CliRun.of("verify", "--config", project.writeYaml("").toString(), "--simulate-fresh");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--simulate-fresh: pass --fresh-database <jdbc-url> of an empty database"), run.err());
    }

    @Test
    void aCleanBuildBootsTheFreshDatabaseToItsContract() throws Exception {
        project.allow("001_accounts.sql", "002_accounts_email.sql");

        CliRun run = CliRun.of("verify", "--config", project.writeYaml("").toString(), "--simulate-fresh",
                "--fresh-database", fresh.url());

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertEquals(List.of("001_accounts.sql", "002_accounts_email.sql"), fresh.ledger());
    }

    @Test
    void theIncident2ShapeIsFoundOnTheFreshDatabase() {
        CliRun run = CliRun.of("verify", "--config", project.writeYaml("").toString(), "--simulate-fresh",
                "--fresh-database", fresh.url());

        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains("ends FAIL REQUIRED_MIGRATIONS_MISSING"), run.out());
    }

    /**
     * Both judges run on the scratch database: a migration the classifier passes (a new schema, a new
     * table in it) but whose schema is named like the session's user, so that it comes first in the
     * default search_path and its table shadows public.accounts for every later query: the engine sees
     * the existing table stop resolving by its name and refuses it before it commits.
     */
    @Test
    void theEngineJudgeRunsOnTheFreshDatabase_andRefusesWhatTheClassifierCouldNotSee() throws Exception {
        project.migration("003_shadow.sql", "CREATE SCHEMA postgres;\nCREATE TABLE postgres.accounts (id BIGINT);")
                .allow("001_accounts.sql", "002_accounts_email.sql", "003_shadow.sql");

        CliRun run = CliRun.of("verify", "--config", project.writeYaml("").toString(), "--simulate-fresh",
                "--fresh-database", fresh.url());

        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("MIGRATION_NOT_ADDITIVE"), run.out());
        assertTrue(run.err().contains("judge=engine"), run.err());
        assertTrue(run.err().contains("relation public.accounts changed: visible true -> false"), run.err());
        assertEquals(List.of("001_accounts.sql", "002_accounts_email.sql"), fresh.ledger(), "003 was rolled back");
        assertEquals(List.of(), fresh.column("SELECT nspname FROM pg_namespace WHERE nspname = 'postgres'"));
    }
}
