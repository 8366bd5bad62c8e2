package dev.schemaguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.mariadb.MariaDbServer;
import dev.schemaguard.mariadb.MariaDbTestDatabase;
import dev.schemaguard.testing.Await;
import dev.schemaguard.testing.GuardLines;
import dev.schemaguard.testing.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI on a real MariaDB, as separate processes where concurrency and kill -9 matter; the password
 * comes from --password-file and is searched for in every byte the processes print.
 */
class MariaDbCliTest {
    private static final int REPLICAS = 6;

    @TempDir
    Path dir;
    MariaDbTestDatabase db;
    Project project;
    Path passwordFile;

    @BeforeEach
    void setUp() throws Exception {
        db = MariaDbServer.shared().newDatabase();
        project = new Project(dir.resolve("project"), db.urlWithoutPassword());
        passwordFile = Files.writeString(dir.resolve("db-password"), db.password() + "\n");
    }

    @Test
    void sixConcurrentBoots_allPass_andApplyEachMigrationExactlyOnce() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String name = String.format("%03d_t%d.sql", i, i);
            project.migration(name, "CREATE TABLE IF NOT EXISTS t" + i + " (id BIGINT PRIMARY KEY, v TEXT);\n"
                    + "CREATE INDEX IF NOT EXISTS t" + i + "_v ON t" + i + " (v(10)) LOCK=NONE;").allow(name);
            names.add(name);
        }
        project.require(names.toArray(String[]::new));
        Path yaml = project.writeYaml("");

        List<CliProcess> boots = new ArrayList<>();
        List<String> output = new ArrayList<>();
        try {
            for (int i = 0; i < REPLICAS; i++) {
                boots.add(CliProcess.start(dir, "boot", "--config", yaml.toString(), "--password-file", passwordFile.toString()));
            }
            int appliedTotal = 0;
            for (CliProcess boot : boots) {
                assertEquals(0, boot.waitFor(), String.join("\n", boot.errLines()));
                output.addAll(boot.errLines());
                String verdict = boot.errLines().stream().filter(l -> l.startsWith("SCHEMA_GUARD result=")).findFirst().orElseThrow();
                Map<String, String> line = GuardLines.parse(verdict);
                assertEquals("PASS", line.get("result"));
                assertEquals("0", line.get("pending"));
                appliedTotal += Integer.parseInt(line.get("applied"));
            }
            assertEquals(names.size(), appliedTotal, "each migration applied by exactly one boot:\n" + String.join("\n", output));
        } finally {
            boots.forEach(CliProcess::close);
        }
        assertEquals(names, db.ledger());
        assertEquals(List.of("0"), db.column("SELECT COUNT(*) FROM schema_guard_progress"));
        assertNoSecret(String.join("\n", output));
    }

    @Test
    void aBootKilledMidMigration_isFinishedByTheNextBoot_whenEveryStatementCanRunTwice() throws Exception {
        usersApplied();
        project.migration("002_orders.sql", "CREATE TABLE IF NOT EXISTS orders (id BIGINT PRIMARY KEY, user_id BIGINT);\n"
                + "ALTER TABLE users ADD COLUMN IF NOT EXISTS note TEXT, ALGORITHM=INSTANT;\n"
                + "CREATE INDEX IF NOT EXISTS orders_user ON orders (user_id) LOCK=NONE;").allow("002_orders.sql");

        List<String> killed = killWhileWaitingOnUsers("002_orders.sql");

        CliRun next = boot();
        assertEquals(0, next.exitCode(), next.err());
        assertTrue(next.err().contains("002_orders.sql was started by boot"), next.err());
        assertTrue(next.err().contains("runs it again whole"), next.err());
        assertEquals(List.of("001_users.sql", "002_orders.sql"), db.ledger());
        assertTrue(db.columns("users").contains("note"));
        assertEquals(List.of("0"), db.column("SELECT COUNT(*) FROM schema_guard_progress"));
        assertNoSecret(String.join("\n", killed) + next.err() + next.out());
    }

    @Test
    void aBootKilledMidMigration_thatCannotRunTwice_stopsTheNextBootWithMigrationIncomplete() throws Exception {
        usersApplied();
        project.migration("002_note.sql", "ALTER TABLE users ADD COLUMN note TEXT, ALGORITHM=INSTANT;").allow("002_note.sql");

        killWhileWaitingOnUsers("002_note.sql");

        CliRun next = boot();
        assertEquals(1, next.exitCode(), next.err());
        Map<String, String> line = GuardLines.parse(next.verdictLine());
        assertEquals("MIGRATION_INCOMPLETE", line.get("code"));
        assertEquals("002_note.sql", line.get("migration"));
        assertEquals(List.of("001_users.sql"), db.ledger());
        assertNoSecret(next.err() + next.out());
    }

    @Test
    void aWrongPassword_isAuthenticationFailed_exitOne_andNoPasswordInAnyOutput() throws Exception {
        project.migration("001_users.sql", "CREATE TABLE users (id BIGINT PRIMARY KEY);").allow("001_users.sql");
        Path wrong = Files.writeString(dir.resolve("wrong-password"), "Wrong-" + db.password());

        CliRun run = CliRun.withEnvironment(Map.of(), "boot", "--config", project.writeYaml("").toString(),
                "--password-file", wrong.toString(), "--format", "json");

        assertEquals(1, run.exitCode(), run.err());
        assertEquals("AUTHENTICATION_FAILED", GuardLines.parse(run.verdictLine()).get("code"));
        assertFalse((run.err() + run.out()).contains("Wrong-"), run.err() + run.out());
        assertNoSecret(run.err() + run.out());
    }

    /**
     * A migration that lifts max_statement_time is refused before its first statement runs. The engine's
     * rehearsal found this case when the classifier still let it through; the classifier now refuses it
     * first (guard-limits), and the engine's own refusal of it is tested with the classifier skipped
     * (MariaDbEngineJudgeTest). Either way nothing of it runs and no scratch database is left.
     */
    @Test
    void aMigrationLiftingTheStatementLimit_isRefusedBeforeItRuns_andLeavesNothingBehind() throws Exception {
        usersApplied();
        String before = db.schemaDump();
        project.migration("002_audit.sql", "SET max_statement_time = 0;\n"
                + "CREATE TABLE IF NOT EXISTS audit (id BIGINT PRIMARY KEY);").allow("002_audit.sql");

        CliRun run = boot();

        assertEquals(1, run.exitCode(), run.err());
        Map<String, String> line = GuardLines.parse(run.verdictLine());
        assertEquals("FAIL", line.get("result"));
        assertEquals("MIGRATION_NOT_ADDITIVE", line.get("code"));
        assertEquals("002_audit.sql", line.get("migration"));
        assertTrue(line.get("reason").startsWith("guard-limits at 002_audit.sql:1"), run.verdictLine());
        assertEquals("0", line.get("applied"));
        assertEquals(before, db.schemaDump(), "not even the migration's first statement ran");
        assertEquals(List.of("001_users.sql"), db.ledger());
        assertEquals(List.of("0"), db.column("SELECT COUNT(*) FROM schema_guard_progress"));
        assertEquals(List.of(), MariaDbServer.shared().scratchDatabases(), "no scratch database is left behind");
        assertNoSecret(run.err() + run.out());
    }

    @Test
    void withoutTheRightToCreateScratchDatabases_aBootWarnsAndApplies_orRefusesWhenTheJudgeIsRequired() throws Exception {
        usersApplied();
        db.withoutScratchDatabases();
        project.migration("002_note.sql", "ALTER TABLE users ADD COLUMN note TEXT, ALGORITHM=INSTANT;").allow("002_note.sql");

        CliRun required = CliRun.withEnvironment(Map.of(), "boot", "--config", project.writeYaml("engine_judge: required\n").toString(),
                "--password-file", passwordFile.toString(), "--format", "json");
        assertEquals(1, required.exitCode(), required.err());
        Map<String, String> refused = GuardLines.parse(required.verdictLine());
        assertEquals("MIGRATION_NOT_ADDITIVE", refused.get("code"));
        assertEquals("engine", refused.get("judge"));
        assertTrue(refused.get("reason").startsWith("not judged: it may not create its scratch database"), required.verdictLine());
        assertFalse(db.columns("users").contains("note"));

        CliRun whenPossible = boot();
        assertEquals(0, whenPossible.exitCode(), whenPossible.err());
        assertTrue(whenPossible.err().contains("002_note.sql is applied on the classifier's word alone"), whenPossible.err());
        assertTrue(whenPossible.err().contains("GRANT ALL PRIVILEGES ON `schema\\_guard\\_judge\\_%`.* TO '" + db.user() + "'@'%'"),
                whenPossible.err());
        assertTrue(db.columns("users").contains("note"));
        assertNoSecret(required.err() + required.out() + whenPossible.err() + whenPossible.out());
    }

    private void usersApplied() throws Exception {
        project.migration("001_users.sql", "CREATE TABLE users (id BIGINT PRIMARY KEY);").allow("001_users.sql");
        CliRun first = boot();
        assertEquals(0, first.exitCode(), first.err());
    }

    private CliRun boot() {
        return CliRun.withEnvironment(Map.of(), "boot", "--config", project.writeYaml("").toString(),
                "--password-file", passwordFile.toString(), "--format", "json");
    }

    /**
     * Starts a boot while another session holds a metadata lock on users, waits until the migration's ALTER
     * is blocked on it, kills the boot with SIGKILL, then lets the lock go. Returns what the boot printed.
     */
    private List<String> killWhileWaitingOnUsers(String migration) throws Exception {
        Path yaml = project.writeYaml("lock_timeout: 60s\nstatement_timeout: 60s\n");
        try (Connection holder = db.connect()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("SELECT COUNT(*) FROM users");
            }
            try (CliProcess boot = CliProcess.start(dir, "boot", "--config", yaml.toString(), "--password-file", passwordFile.toString())) {
                boot.awaitLine(l -> l.contains("phase=apply") && l.contains("migration=" + migration), 30_000);
                awaitBlockedAlter();
                boot.kill9();
                assertFalse(boot.errLines().stream().anyMatch(l -> l.startsWith("SCHEMA_GUARD result=")), "killed before its verdict");
                holder.rollback();
                awaitNoAlter();
                return boot.errLines();
            }
        }
    }

    private void awaitBlockedAlter() {
        Await.until(() -> alters("Waiting for table metadata lock") > 0, Duration.ofSeconds(15),
                "the boot's ALTER waits for the lock");
    }

    /** The killed client's statement may still finish on the server once the lock is free; wait until it has. */
    private void awaitNoAlter() {
        Await.until(() -> alters(null) == 0, Duration.ofSeconds(15), "the killed boot's ALTER is done on the server");
    }

    private int alters(String state) {
        try (Connection root = MariaDbServer.shared().rootConnection(); Statement s = root.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = '" + db.name()
                     + "' AND INFO LIKE 'ALTER TABLE users%'" + (state == null ? "" : " AND STATE = '" + state + "'"))) {
            rs.next();
            return rs.getInt(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void assertNoSecret(String output) {
        assertFalse(output.contains(db.password()), "the password was printed:\n" + output);
    }
}
