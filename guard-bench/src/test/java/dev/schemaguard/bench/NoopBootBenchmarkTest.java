package dev.schemaguard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The no-op boot benchmark, run by Maven only under -Pbench (see README.md). */
class NoopBootBenchmarkTest {

    @Test
    void theNoOpBootIsTimedAgainstLiquibaseAndTheFloor() throws Exception {
        Path dataDir = Path.of(System.getProperty("bench.dataDir", "target/bench-data"));
        Path root = Path.of(System.getProperty("bench.repoRoot", "."));
        int migrations = Integer.getInteger("bench.noopMigrations", 500);

        List<String> report = NoopBootBenchmark.run(dataDir, root, migrations);

        report.forEach(System.out::println);
        assertEquals(3, report.size(), String.join("\n", report));
    }
}
