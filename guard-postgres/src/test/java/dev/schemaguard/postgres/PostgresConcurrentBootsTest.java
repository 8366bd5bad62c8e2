package dev.schemaguard.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.BootReport;
import dev.schemaguard.GuardConfig;
import dev.schemaguard.MigrationOutcome;
import dev.schemaguard.SchemaGuard;
import dev.schemaguard.testing.GuardLines;
import dev.schemaguard.testing.Project;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replicas booting at the same moment: each migration applied exactly once, every boot PASS. */
class PostgresConcurrentBootsTest {
    private static final int REPLICAS = 8;
    private static final int MIGRATIONS = 30;
    private static final int ROUNDS = 10;

    @TempDir
    Path dir;

    @Test
    void eightSimultaneousBoots_applyThirtyMigrationsExactlyOnce_tenRoundsInARow() throws Exception {
        ExecutorService replicas = Executors.newFixedThreadPool(REPLICAS);
        long started = System.nanoTime();
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                PostgresTestDatabase db = PostgresServer.defaultMajor().newDatabase();
                Project project = new Project(dir.resolve("round" + round), db.url());
                List<String> names = new ArrayList<>();
                for (int i = 1; i <= MIGRATIONS; i++) {
                    String name = String.format("%03d_t%d.sql", i, i);
                    project.migration(name, "CREATE TABLE t" + i + " (id INTEGER, v TEXT);\nCREATE INDEX t" + i + "_id ON t" + i + " (id);")
                            .allow(name);
                    names.add(name);
                }
                project.require(names.toArray(String[]::new)).deadline(Duration.ofSeconds(60));

                List<BootReport> reports = bootAtOnce(replicas, project.config());

                String lines = String.join("\n", reports.stream().map(BootReport::line).toList());
                assertTrue(reports.stream().allMatch(BootReport::passed), "round " + round + ":\n" + lines);
                assertEquals(MIGRATIONS, reports.stream().mapToInt(BootReport::applied).sum(),
                        "round " + round + ": each migration applied by exactly one boot:\n" + lines);
                for (BootReport report : reports) {
                    assertEquals("0", GuardLines.parse(report.line()).get("pending"));
                    assertTrue(report.migrations().stream().allMatch(m -> m.status() == MigrationOutcome.Status.APPLIED
                            || m.status() == MigrationOutcome.Status.ALREADY_APPLIED), report.migrations().toString());
                }
                assertEquals(names, db.ledger(), "round " + round + ": one ledger row per migration, in order");
                assertEquals(MIGRATIONS, db.column("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename ~ '^t[0-9]+$'")
                        .stream().mapToInt(Integer::parseInt).sum());
            }
        } finally {
            replicas.shutdownNow();
        }
        System.out.printf("%d rounds x %d replicas x %d migrations: %d ms%n", ROUNDS, REPLICAS, MIGRATIONS,
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Starts every replica's boot at the same instant, each on its own connection. */
    private static List<BootReport> bootAtOnce(ExecutorService replicas, GuardConfig config) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<BootReport>> futures = new ArrayList<>();
        for (int i = 0; i < REPLICAS; i++) {
            futures.add(replicas.submit(() -> {
                go.await();
                return SchemaGuard.of(config).boot();
            }));
        }
        go.countDown();
        List<BootReport> reports = new ArrayList<>();
        for (Future<BootReport> f : futures) {
            reports.add(f.get());
        }
        return reports;
    }
}
