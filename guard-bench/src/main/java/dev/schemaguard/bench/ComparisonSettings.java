package dev.schemaguard.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What the comparison with Liquibase, Flyway and the floor measures, from system properties (pass them
 * as {@code -D} to Maven; defaults in brackets):
 *
 * @param dataDir            {@code bench.dataDir}: scenarios, databases and results
 * @param repoRoot           {@code bench.repoRoot}: where {@code guard-cli/target/schema-guard.jar} is
 * @param sizes              {@code bench.migrations} [100,1000,5000,10000]: applied migrations of each no-op boot
 * @param databases          {@code bench.databases} [sqlite,postgresql]
 * @param runs               {@code bench.runs} [5]: timed whole-process runs of each command, after one warm-up
 *                           run, interleaved with the other commands' runs
 * @param slowSeconds        {@code bench.slowSeconds} [15]: a command whose warm-up run took longer gets 3 runs
 * @param inProcess          {@code bench.inProcess} [true]: also the library calls in a warm JVM
 * @param iterations         {@code bench.iterations} [5]: timed in-process calls per round (at least 3; fewer past 20 s)
 * @param rounds             {@code bench.rounds} [3]: in-process rounds, each a fresh warm JVM per tool, tools in turn
 * @param applyMigrations    {@code bench.applyMigrations} [1000]: the apply path's migrations (0: skip it)
 * @param applyRuns          {@code bench.applyRuns} [3]: fresh databases per tool for the apply path
 * @param cds                {@code bench.cds} [true]: also the CLI with an AppCDS archive
 */
record ComparisonSettings(Path dataDir, Path repoRoot, List<Integer> sizes, List<String> databases, int runs,
                          double slowSeconds, boolean inProcess, int iterations, int rounds, int applyMigrations, int applyRuns,
                          boolean cds) {

    static ComparisonSettings fromSystemProperties() {
        return new ComparisonSettings(
                Path.of(System.getProperty("bench.dataDir", "guard-bench/target/bench-data")).toAbsolutePath(),
                Path.of(System.getProperty("bench.repoRoot", ".")).toAbsolutePath(),
                list("bench.migrations", "100,1000,5000,10000").stream().map(Integer::parseInt).sorted().toList(),
                list("bench.databases", "sqlite,postgresql"),
                Integer.getInteger("bench.runs", 5),
                Double.parseDouble(System.getProperty("bench.slowSeconds", "15")),
                Boolean.parseBoolean(System.getProperty("bench.inProcess", "true")),
                Integer.getInteger("bench.iterations", 5),
                Integer.getInteger("bench.rounds", 3),
                Integer.getInteger("bench.applyMigrations", 1000),
                Integer.getInteger("bench.applyRuns", 3),
                Boolean.parseBoolean(System.getProperty("bench.cds", "true")));
    }

    private static List<String> list(String property, String fallback) {
        return Arrays.stream(System.getProperty(property, fallback).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    Path jar() {
        return repoRoot.resolve("guard-cli/target/schema-guard.jar");
    }
}
