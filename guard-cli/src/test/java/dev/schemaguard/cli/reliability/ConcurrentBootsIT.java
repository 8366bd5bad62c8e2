package dev.schemaguard.cli.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.GuardConfig.FreshDatabase;
import dev.schemaguard.testing.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replicas of one service booting at once, as separate CLI processes, against one database: a real
 * PostgreSQL that checks passwords with scram-sha-256 (SCRAM's key derivation is CPU work on both
 * sides), and one SQLite file; then again on a host loaded by two CPU burners. Every process must
 * PASS and every migration must be applied exactly once.
 */
@ExtendWith(Secrets.class)
class ConcurrentBootsIT {
    private static final int REPLICAS = 8;
    private static final Duration DEADLINE = Duration.ofSeconds(40);
    private static ScramServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        server = ScramServer.shared();
    }

    @Test
    void eightCliBoots_onScramPostgres_allPass_eachMigrationOnce() throws Exception {
        rounds("postgres", Trials.of(3, 20), Trials.of(10, 50), 0, this::postgresProject);
    }

    @Test
    void eightCliBoots_onScramPostgres_withTwoCpuBurners_allPass_eachMigrationOnce() throws Exception {
        rounds("postgres+burners", Trials.of(1, 20), Trials.of(10, 50), 2, this::postgresProject);
    }

    @Test
    void eightCliBoots_onOneSqliteFile_allPass_eachMigrationOnce() throws Exception {
        rounds("sqlite", Trials.of(1, 20), Trials.of(10, 50), 0, this::sqliteProject);
    }

    @Test
    void eightCliBoots_onOneSqliteFile_withTwoCpuBurners_allPass_eachMigrationOnce() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Trials.full(), "long suite only (-Preliability): the quick build keeps "
                + "its 3-minute budget with the PostgreSQL rounds the acceptance names");
        rounds("sqlite+burners", 20, 50, 2, this::sqliteProject);
    }

    /** One round's database: the project that boots it and how to read its ledger and tables back. */
    private record Round(Project project, Path yaml, Map<String, String> env, Ledger ledger) {
    }

    @FunctionalInterface
    private interface Ledger {
        List<String> query(String sql) throws Exception;
    }

    @FunctionalInterface
    private interface RoundFactory {
        Round create(int round, int migrations) throws Exception;
    }

    private Round postgresProject(int round, int migrations) throws Exception {
        String database = server.newDatabase();
        Project project = new Project(dir.resolve("pg-round" + round), server.serviceUrl(database)).deadline(DEADLINE);
        Migrations.tablesWithIndexes(project, migrations);
        return new Round(project, project.writeYaml(""), Map.of("PGPASSWORD", server.password()),
                sql -> server.column(database, sql));
    }

    private Round sqliteProject(int round, int migrations) throws Exception {
        Path db = dir.resolve("round" + round + ".db");
        Project project = new Project(dir.resolve("sqlite-round" + round), "jdbc:sqlite:" + db).deadline(DEADLINE)
                .fresh(FreshDatabase.BOOTSTRAP);
        Migrations.tablesWithIndexes(project, migrations);
        return new Round(project, project.writeYaml(""), Map.of(), sql -> {
            List<String> values = new ArrayList<>();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        });
    }

    private void rounds(String what, int rounds, int migrations, int burners, RoundFactory factory) throws Exception {
        long slowestWall = 0;
        long slowestElapsed = 0;
        int passes = 0;
        try (Burners load = Burners.start(burners)) {
            for (int round = 1; round <= rounds; round++) {
                Round r = factory.create(round, migrations);
                List<GuardProcess.Running> replicas = new ArrayList<>();
                for (int i = 0; i < REPLICAS; i++) {
                    GuardProcess process = GuardProcess.of("boot", "--config", r.yaml().toString());
                    r.env().forEach(process::env);
                    replicas.add(process.start());
                }
                List<GuardProcess.Finished> finished = new ArrayList<>();
                for (GuardProcess.Running replica : replicas) {
                    try (replica) {
                        finished.add(replica.waitFor(DEADLINE.plusSeconds(30)));
                    }
                }
                int applied = 0;
                for (GuardProcess.Finished f : finished) {
                    assertEquals(0, f.exit(), what + " round " + round + ": " + f);
                    Map<String, String> line = f.verdict();
                    assertEquals("PASS", line.get("result"), f.toString());
                    assertEquals("0", line.get("pending"), f.toString());
                    applied += Integer.parseInt(line.get("applied"));
                    slowestWall = Math.max(slowestWall, f.wallMs());
                    slowestElapsed = Math.max(slowestElapsed, Long.parseLong(line.get("elapsed_ms")));
                    passes++;
                }
                assertEquals(migrations, applied, what + " round " + round + ": each migration applied by exactly one process");
                List<String> ledger = r.ledger().query("SELECT ID FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED");
                assertEquals(r.project().migrations().toFile().list().length, ledger.size());
                assertEquals(names(migrations), ledger, what + " round " + round + ": one ledger row per migration, in order");
                assertTrue(Files.isDirectory(r.project().migrations()));
            }
        }
        System.out.printf("RELIABILITY concurrency %s: %d rounds x %d processes x %d migrations: %d/%d PASS; slowest process %d ms "
                + "wall, slowest elapsed_ms %d%n", what, rounds, REPLICAS, migrations, passes, rounds * REPLICAS, slowestWall, slowestElapsed);
    }

    private static List<String> names(int migrations) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= migrations; i++) {
            names.add(String.format("%03d_t%d.sql", i, i));
        }
        return names;
    }
}
