package dev.schemaguard.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Schema Guard against Liquibase, Flyway and the floor, run by Maven only under -Pbench (see README.md). */
class ComparisonBenchmarkTest {

    @Test
    void everyToolIsTimedAtEverySizeOnEveryDatabase() throws Exception {
        ComparisonSettings settings = ComparisonSettings.fromSystemProperties();

        List<String> tables = ComparisonBenchmark.run(settings);

        tables.forEach(System.out::println);
        String text = String.join("\n", tables);
        assertTrue(!text.contains("NaN"), "a figure is missing:\n" + text);
    }
}
