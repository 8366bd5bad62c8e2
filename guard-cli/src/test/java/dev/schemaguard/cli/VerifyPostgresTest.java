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
}
