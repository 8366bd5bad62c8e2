package dev.schemaguard.cli.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.GuardConfig.FreshDatabase;
import dev.schemaguard.testing.Project;
import dev.schemaguard.testing.RealTime;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A boot killed at a random moment while it applies (kill -9 of the CLI; the PostgreSQL server crashed;
 * the boot's backend terminated): the ledger and the schema agree afterwards (no ledger row without its
 * objects, no object without its row), no lock is left behind, and the next boot PASSes with everything
 * applied once.
 */
@ExtendWith(Secrets.class)
class CrashConsistencyIT {
    private static final long SEED = Long.getLong("schemaguard.seed", System.nanoTime());
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static ScramServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        server = ScramServer.shared();
        System.out.println("RELIABILITY crash seed " + SEED + " (rerun with -Dschemaguard.seed=" + SEED + ")");
    }

    /** Each migration and what it leaves in the schema; applied whole or not at all. */
    private static final Map<String, String> SQLITE_MIGRATIONS = new LinkedHashMap<>();
    private static final Map<String, String> POSTGRES_MIGRATIONS = new LinkedHashMap<>();

    static {
        SQLITE_MIGRATIONS.put("001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY, note TEXT);");
        SQLITE_MIGRATIONS.put("002_a_extra.sql", "ALTER TABLE a ADD COLUMN extra TEXT;");
        SQLITE_MIGRATIONS.put("003_big_v.sql", "CREATE INDEX big_v ON big (v, id);");
        SQLITE_MIGRATIONS.put("004_b.sql", "CREATE TABLE b (id INTEGER);\nCREATE INDEX b_id ON b (id);");
        SQLITE_MIGRATIONS.put("005_big_v2.sql", "CREATE INDEX big_v2 ON big (id, v);");
        SQLITE_MIGRATIONS.put("006_v_a.sql", "CREATE VIEW IF NOT EXISTS v_a AS SELECT id FROM a;");
        POSTGRES_MIGRATIONS.put("001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY, note TEXT);");
        POSTGRES_MIGRATIONS.put("002_a_extra.sql", "ALTER TABLE a ADD COLUMN extra TEXT;");
        POSTGRES_MIGRATIONS.put("003_big_v.sql", "CREATE INDEX CONCURRENTLY IF NOT EXISTS big_v ON big (v, id);");
        POSTGRES_MIGRATIONS.put("004_b.sql", "CREATE TABLE b (id INTEGER);\nCREATE INDEX b_id ON b (id);");
        POSTGRES_MIGRATIONS.put("005_big_v2.sql", "CREATE INDEX CONCURRENTLY IF NOT EXISTS big_v2 ON big (id, v);");
        POSTGRES_MIGRATIONS.put("006_v_a.sql", "CREATE VIEW v_a AS SELECT id FROM a;");
    }

    @Test
    void sqliteRollbackJournal_killedAtRandomWhileApplying() throws Exception {
        sqliteTrials("delete", Trials.of(2, 100));
    }

    @Test
    void sqliteWal_killedAtRandomWhileApplying() throws Exception {
        sqliteTrials("wal", Trials.of(2, 100));
    }

    private void sqliteTrials(String journalMode, int trials) throws Exception {
        Random random = new Random(SEED ^ journalMode.hashCode());
        int killedWhileApplying = 0;
        for (int trial = 1; trial <= trials; trial++) {
            Path db = dir.resolve(journalMode + trial + ".db");
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=" + journalMode);
                s.execute("CREATE TABLE big (id INTEGER, v TEXT)");
                s.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 150000) "
                        + "INSERT INTO big SELECT i, hex(randomblob(12)) FROM n");
            }
            Project project = new Project(dir.resolve(journalMode + "-project" + trial), "jdbc:sqlite:" + db).deadline(DEADLINE);
            SQLITE_MIGRATIONS.forEach((name, sql) -> project.migration(name, sql).allow(name).require(name));
            Path yaml = project.writeYaml("");
            String context = "sqlite " + journalMode + " trial " + trial + " (seed " + SEED + ")";

            killedWhileApplying += killWhileApplying(GuardProcess.of("boot", "--config", yaml.toString()), random, 1200, context);
            SqliteSchema schema = new SqliteSchema(db);
            if (trial % 2 == 0) {
                schema.assertLedgerAndSchemaAgree(context); // the test opens it first (rolls a hot journal back)
            }
            GuardProcess.Finished next = GuardProcess.of("boot", "--config", yaml.toString()).run(DEADLINE.plusSeconds(30));
            assertEquals(0, next.exit(), context + ": the next boot passes\n" + next);
            schema.assertLedgerAndSchemaAgree(context);
            assertEquals(List.copyOf(SQLITE_MIGRATIONS.keySet()), schema.ledger(), context);
            assertEquals("ok", schema.integrityCheck(), context);
        }
        System.out.printf("RELIABILITY crash sqlite-%s: %d trials, %d killed while applying, next boot PASS and ledger = schema in all%n",
                journalMode, trials, killedWhileApplying);
    }

    /**
     * Starts a boot, waits until it applies, lets it run a random while, then kill -9. Returns 1 when the
     * process was still running (killed mid-apply), 0 when it had already finished.
     */
    private static int killWhileApplying(GuardProcess process, Random random, int maxDelayMs, String context) throws Exception {
        try (GuardProcess.Running boot = process.start()) {
            boot.awaitLine(l -> l.contains("phase=apply status=STARTED"), DEADLINE);
            RealTime.passMillis(random.nextInt(maxDelayMs));
            boolean running = ProcessHandle.of(boot.pid()).map(ProcessHandle::isAlive).orElse(false);
            boot.kill9();
            assertTrue(boot.errSoFar().lines().noneMatch(l -> l.startsWith("SCHEMA_GUARD result=FAIL")), context + ":\n" + boot.errSoFar());
            return running ? 1 : 0;
        }
    }

    /** A SQLite database's ledger and the objects each migration leaves. */
    private record SqliteSchema(Path db) {
        List<String> ledger() throws SQLException {
            return column("SELECT ID FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED", true);
        }

        String integrityCheck() throws SQLException {
            return column("PRAGMA integrity_check", false).get(0);
        }

        Set<String> objects() throws SQLException {
            Set<String> names = new TreeSet<>(column("SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite%'", false));
            if (names.contains("a") && column("SELECT name FROM pragma_table_info('a')", false).contains("extra")) {
                names.add("a.extra");
            }
            return names;
        }

        void assertLedgerAndSchemaAgree(String context) throws SQLException {
            List<String> ledger = ledger();
            Set<String> objects = objects();
            for (Map.Entry<String, List<String>> m : leaves(SQLITE_MIGRATIONS).entrySet()) {
                boolean recorded = ledger.contains(m.getKey());
                for (String object : m.getValue()) {
                    assertEquals(recorded, objects.contains(object), context + ": " + m.getKey() + (recorded ? " is in the ledger but "
                            + object + " is missing" : " is not in the ledger but " + object + " exists") + "; ledger " + ledger
                            + ", objects " + objects);
                }
            }
        }

        private List<String> column(String sql, boolean mayBeAbsent) throws SQLException {
            List<String> values = new ArrayList<>();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
                if (mayBeAbsent) {
                    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'DATABASECHANGELOG'")) {
                        rs.next();
                        if (rs.getInt(1) == 0) {
                            return values;
                        }
                    }
                }
                try (ResultSet rs = s.executeQuery(sql)) {
                    while (rs.next()) {
                        values.add(rs.getString(1));
                    }
                }
            }
            return values;
        }
    }

    /** What each migration leaves, as object names (a column as table.column). */
    private static Map<String, List<String>> leaves(Map<String, String> migrations) {
        Map<String, List<String>> leaves = new LinkedHashMap<>();
        leaves.put("001_a.sql", List.of("a"));
        leaves.put("002_a_extra.sql", List.of("a.extra"));
        leaves.put("003_big_v.sql", List.of("big_v"));
        leaves.put("004_b.sql", List.of("b", "b_id"));
        leaves.put("005_big_v2.sql", List.of("big_v2"));
        leaves.put("006_v_a.sql", List.of("v_a"));
        assertEquals(migrations.keySet(), leaves.keySet());
        return leaves;
    }

    // ---- PostgreSQL ----

    @Test
    void postgres_cliKilledAtRandomWhileApplying() throws Exception {
        Random random = new Random(SEED ^ 17);
        int trials = Trials.of(2, 50);
        int killedWhileApplying = 0;
        for (int trial = 1; trial <= trials; trial++) {
            PostgresTrial t = new PostgresTrial("kill" + trial);
            String context = "postgres kill -9 trial " + trial + " (seed " + SEED + ")";
            killedWhileApplying += killWhileApplying(t.process(), random, 2500, context);
            t.nextBootPasses(context);
        }
        System.out.printf("RELIABILITY crash postgres-kill9: %d trials, %d killed while applying, next boot PASS, ledger = schema, "
                + "no lock left, no invalid index in all%n", trials, killedWhileApplying);
    }

    @Test
    void postgres_serverCrashedWhileApplying_theBootFailsInTime_andTheNextBootPasses() throws Exception {
        interruptedMidApply("server-immediate-stop", Trials.of(1, 5), t -> server.crash(), server::startAgain);
    }

    @Test
    void postgres_backendTerminatedWhileApplying_theBootFailsInTime_andTheNextBootPasses() throws Exception {
        interruptedMidApply("terminate-backend", Trials.of(1, 5), t -> server.admin("postgres", "SELECT pg_terminate_backend(pid) "
                + "FROM pg_stat_activity WHERE datname = '" + t.database + "' AND application_name = 'schema-guard'"), () -> { });
    }

    /** What takes the boot's connection away, and what brings the server back afterwards. */
    @FunctionalInterface
    private interface Fault {
        void strike(PostgresTrial trial) throws Exception;
    }

    @FunctionalInterface
    private interface Recovery {
        void run() throws Exception;
    }

    /** The connection goes while 003 applies: the boot FAILs DATABASE_UNREACHABLE inside its deadline, the next boot PASSes. */
    private void interruptedMidApply(String what, int trials, Fault fault, Recovery recovery) throws Exception {
        for (int trial = 1; trial <= trials; trial++) {
            PostgresTrial t = new PostgresTrial(what + trial);
            String context = "postgres " + what + " trial " + trial;
            GuardProcess.Finished boot;
            try (GuardProcess.Running running = t.start()) {
                running.awaitLine(l -> l.contains("migration=003_big_v.sql"), DEADLINE);
                fault.strike(t);
                boot = running.waitFor(DEADLINE.plusSeconds(30));
            } finally {
                recovery.run();
            }
            assertEquals(1, boot.exit(), context + ": " + boot);
            assertEquals("DATABASE_UNREACHABLE", boot.verdict().get("code"), boot.toString());
            assertTrue(Long.parseLong(boot.verdict().get("elapsed_ms")) < DEADLINE.toMillis(), boot.toString());
            t.nextBootPasses(context);
        }
        System.out.printf("RELIABILITY crash postgres-%s: %d trials, boot FAIL DATABASE_UNREACHABLE in time, next boot PASS in all%n",
                what, trials);
    }

    @Test
    void postgres_anInvalidIndexLeftByAnInterruptedConcurrentBuild_isDroppedAndBuiltAgainByTheNextBoot() throws Exception {
        PostgresTrial t = new PostgresTrial("cic");
        server.admin(t.database, "INSERT INTO big SELECT i, md5(i::text) FROM generate_series(300001, 1500000) i");
        try (GuardProcess.Running running = t.start()) {
            running.awaitLine(l -> l.contains("migration=005_big_v2.sql"), DEADLINE);
            RealTime.passMillis(300);
            server.crash();
            running.waitFor(DEADLINE.plusSeconds(30));
        } finally {
            server.startAgain();
        }
        List<String> invalid = server.column(t.database, "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                + "WHERE NOT i.indisvalid");
        t.nextBootPasses("postgres interrupted CREATE INDEX CONCURRENTLY");
        System.out.printf("RELIABILITY crash postgres-cic: invalid indexes after the crash %s; after the next boot none, big_v2 valid%n",
                invalid);
    }

    /** One PostgreSQL database with a big table and the migrations, booted through the CLI with the service role. */
    private final class PostgresTrial {
        final String database;
        final Path yaml;

        PostgresTrial(String name) throws Exception {
            database = server.newDatabase();
            server.admin(database, "CREATE TABLE big (id INTEGER, v TEXT)", "INSERT INTO big SELECT i, md5(i::text) FROM "
                    + "generate_series(1, 300000) i", "ALTER TABLE big OWNER TO " + ScramServer.ROLE);
            Project project = new Project(dir.resolve("pg-" + name), server.serviceUrl(database)).deadline(DEADLINE)
                    .fresh(FreshDatabase.FAIL);
            POSTGRES_MIGRATIONS.forEach((m, sql) -> project.migration(m, sql).allow(m).require(m));
            yaml = project.writeYaml("statement_timeout: 50s\n");
        }

        GuardProcess process() {
            return GuardProcess.of("boot", "--config", yaml.toString()).env("PGPASSWORD", server.password());
        }

        GuardProcess.Running start() throws Exception {
            return process().start();
        }

        /** Ledger and schema agree now, and again after the next boot, which passes with everything applied. */
        void nextBootPasses(String context) throws Exception {
            assertAgree(context + " (after the interruption)");
            GuardProcess.Finished next = GuardProcess.of("boot", "--config", yaml.toString()).env("PGPASSWORD", server.password())
                    .run(DEADLINE.plusSeconds(30));
            assertEquals(0, next.exit(), context + ": the next boot passes\n" + next);
            assertAgree(context);
            assertEquals(List.copyOf(POSTGRES_MIGRATIONS.keySet()), ledger(), context);
            assertEquals(List.of(), server.column(database, "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                    + "WHERE NOT i.indisvalid"), context + ": no invalid index is left");
            assertEquals(List.of("0"), server.column(database, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = "
                    + "(SELECT oid FROM pg_database WHERE datname = current_database())"),
                    context + ": no apply lock is left behind");
        }

        private List<String> ledger() throws SQLException {
            return server.column(database, "SELECT id FROM databasechangelog ORDER BY orderexecuted");
        }

        /**
         * Every transactional migration is in the ledger exactly when its objects exist. A concurrent index
         * is not transactional: killed after its build and before its ledger row, it exists without a row
         * until the next boot records it (IF NOT EXISTS), which the check after the next boot proves; an
         * invalid one (killed mid-build) is not counted as existing.
         */
        private void assertAgree(String context) throws SQLException {
            boolean ledgerExists = !server.column(database, "SELECT 1 FROM pg_tables WHERE tablename = 'databasechangelog'").isEmpty();
            List<String> ledger = ledgerExists ? ledger() : List.of();
            Set<String> objects = new TreeSet<>(server.column(database, "SELECT c.relname FROM pg_class c JOIN pg_namespace n "
                    + "ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_index i "
                    + "WHERE i.indexrelid = c.oid AND NOT i.indisvalid)"));
            if (!server.column(database, "SELECT 1 FROM information_schema.columns WHERE table_name = 'a' AND column_name = 'extra'")
                    .isEmpty()) {
                objects.add("a.extra");
            }
            for (Map.Entry<String, List<String>> m : leaves(POSTGRES_MIGRATIONS).entrySet()) {
                boolean recorded = ledger.contains(m.getKey());
                for (String object : m.getValue()) {
                    if (POSTGRES_MIGRATIONS.get(m.getKey()).contains("CONCURRENTLY") && !recorded) {
                        continue; // see above
                    }
                    assertEquals(recorded, objects.contains(object), context + ": " + m.getKey() + (recorded ? " is in the ledger but "
                            + object + " is missing" : " is not in the ledger but " + object + " exists") + "; ledger " + ledger
                            + ", objects " + objects);
                }
            }
        }
    }
}
