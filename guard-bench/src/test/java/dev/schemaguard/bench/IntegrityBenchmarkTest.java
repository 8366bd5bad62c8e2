package dev.schemaguard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark, run by Maven only under -Pbench (see README.md). */
class IntegrityBenchmarkTest {

    @Test
    void everyGeneratedDatabaseIsMeasured() throws Exception {
        BenchSettings settings = BenchSettings.fromSystemProperties();

        List<String> report = IntegrityBenchmark.run(settings);

        assertEquals(2 + settings.sizes().size(), report.size(), String.join("\n", report));
    }
}
