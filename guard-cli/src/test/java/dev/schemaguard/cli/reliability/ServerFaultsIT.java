package dev.schemaguard.cli.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.testing.Project;
import dev.schemaguard.testing.RealTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PostgreSQL server's faults, through the CLI as a process and with scram-sha-256: a server that comes
 * up after the boot started, another session holding a lock the migration needs (until the boot gives
 * up, and until SIGTERM stops the boot). The server that goes away mid-boot is in {@link CrashConsistencyIT}.
 */
@ExtendWith(Secrets.class)
class ServerFaultsIT {
    @TempDir
    Path dir;

    @Test
    void aServerThatComesUpAfterTheBootStarted_isWaitedFor_andTheBootPasses() throws Exception {
        {
            ScramServer server = ScramServer.shared(); // stopped and started again, in this test only
            Project project = new Project(dir.resolve("project"), server.serviceUrl(server.newDatabase())).deadline(Duration.ofSeconds(40));
            Migrations.tablesWithIndexes(project, 3);
            Path yaml = project.writeYaml("");
            server.stop();
            GuardProcess.Finished run;
            boolean started = false;
            try (GuardProcess.Running boot = GuardProcess.of("boot", "--config", yaml.toString())
                    .env("PGPASSWORD", server.password()).start()) {
                boot.awaitLine(l -> l.contains("database not reachable yet"), Duration.ofSeconds(30));
                RealTime.passMillis(2000);
                server.startAgain();
                started = true;
                run = boot.waitFor(Duration.ofSeconds(60));
            } finally {
                if (!started) {
                    server.startAgain(); // the server is shared with the other suites
                }
            }

            assertEquals(0, run.exit(), run.toString());
            assertEquals("3", run.verdict().get("applied"));
            long retries = run.err().lines().filter(l -> l.contains("database not reachable yet")).count();
            assertTrue(retries >= 2, run.err());
            System.out.printf("RELIABILITY server late: PASS after %d retries, elapsed_ms %s%n", retries, run.verdict().get("elapsed_ms"));
        }
    }

    @Test
    void anotherSessionHoldingAccessExclusive_isLockTimeoutNamingTheTable_insideTheDeadline() throws Exception {
        Accounts accounts = accountsWithAPendingColumn(Duration.ofSeconds(20), "lock_timeout: 2s\n");
        GuardProcess.Finished run;
        try (Connection blocker = accounts.lockTable()) {
            run = GuardProcess.of("boot", "--config", accounts.yaml.toString()).env("PGPASSWORD", accounts.server.password())
                    .run(Duration.ofSeconds(60));
            blocker.rollback();
        }

        assertEquals(1, run.exit(), run.toString());
        Map<String, String> line = run.verdict();
        assertEquals("LOCK_TIMEOUT", line.get("code"));
        assertEquals("accounts", line.get("table"), run.toString());
        assertTrue(Long.parseLong(line.get("elapsed_ms")) < 20_000, run.toString());
        assertEquals(List.of(), accounts.server.column(accounts.database, "SELECT column_name FROM information_schema.columns "
                + "WHERE table_name = 'accounts' AND column_name = 'email'"), "rolled back whole");
        System.out.printf("RELIABILITY lock contention postgres: %s table=%s elapsed_ms %s (lock_timeout 2s, deadline 20s)%n",
                line.get("code"), line.get("table"), line.get("elapsed_ms"));
    }

    @Test
    void sigtermWhileWaitingForALockOnPostgres_endsTerminated_exit143_andLeavesNoLock() throws Exception {
        Accounts accounts = accountsWithAPendingColumn(Duration.ofSeconds(60), "lock_timeout: 50s\nstatement_timeout: 55s\n");
        Path status = Secrets.file(dir.resolve("status.json"));
        Path termination = Secrets.file(dir.resolve("termination-log"));
        GuardProcess.Finished run;
        try (Connection blocker = accounts.lockTable()) {
            try (GuardProcess.Running boot = GuardProcess.of("boot", "--config", accounts.yaml.toString(), "--status-file",
                    status.toString(), "--termination-log", termination.toString()).env("PGPASSWORD", accounts.server.password()).start()) {
                boot.awaitLine(l -> l.contains("migration=002_email.sql"), Duration.ofSeconds(60));
                RealTime.passMillis(1000);
                boot.signal("TERM");
                run = boot.waitFor(Duration.ofSeconds(30));
            }
            blocker.rollback();
        }

        assertEquals(143, run.exit(), run.toString());
        Map<String, String> line = run.verdict();
        assertEquals("TERMINATED", line.get("code"));
        assertEquals("apply", line.get("phase"));
        assertEquals(run.verdictLine() + "\n", Files.readString(termination));
        assertTrue(Files.readString(status).contains("\"code\": \"TERMINATED\""));
        assertEquals(List.of("0"), accounts.server.column(accounts.database, "SELECT count(*) FROM pg_locks WHERE locktype = "
                + "'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"));
        GuardProcess.Finished next = GuardProcess.of("boot", "--config", accounts.yaml.toString())
                .env("PGPASSWORD", accounts.server.password()).run(Duration.ofSeconds(60));
        assertEquals(0, next.exit(), next.toString());
        assertEquals("1", next.verdict().get("applied"));
        System.out.printf("RELIABILITY SIGTERM while waiting on a PostgreSQL lock: %s %s phase=%s exit %d; next boot PASS%n",
                line.get("result"), line.get("code"), line.get("phase"), run.exit());
    }

    /** A database whose accounts table was booted, and a migration that alters it still pending. */
    private record Accounts(ScramServer server, String database, Path yaml) {
        /** Another session, holding ACCESS EXCLUSIVE on accounts until it rolls back. */
        Connection lockTable() throws Exception {
            Connection blocker = server.admin(database);
            blocker.setAutoCommit(false);
            try (Statement s = blocker.createStatement()) {
                s.execute("LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE");
            }
            return blocker;
        }
    }

    private Accounts accountsWithAPendingColumn(Duration deadline, String yamlExtra) throws Exception {
        ScramServer server = ScramServer.shared();
        String database = server.newDatabase();
        Project project = new Project(dir.resolve("project"), server.serviceUrl(database)).deadline(deadline);
        project.migration("001_accounts.sql", "CREATE TABLE accounts (id INTEGER PRIMARY KEY);").allow("001_accounts.sql");
        assertEquals(0, GuardProcess.of("boot", "--config", project.writeYaml(yamlExtra).toString())
                .env("PGPASSWORD", server.password()).run(Duration.ofSeconds(60)).exit());
        project.migration("002_email.sql", "ALTER TABLE accounts ADD COLUMN email TEXT;").allow("002_email.sql");
        return new Accounts(server, database, project.writeYaml(yamlExtra));
    }
}
