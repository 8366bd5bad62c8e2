package dev.schemaguard.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Schema Guard against Liquibase, Flyway and the floor, in one run: the no-op boot at each size
 * (whole process and in-process) on each database, then the apply path. Each tool's database is
 * brought to a size by the tool itself (in this JVM, untimed), then every command is run as a
 * process once to warm the page cache and check it is a no-op, then the timed runs, interleaved
 * round by round so that the machine's load falls on every command alike.
 */
public final class ComparisonBenchmark {
    static final String FLOOR = "floor";
    static final String GUARD = "Schema Guard";
    static final String GUARD_CDS = "Schema Guard + CDS";
    /** As examples/docker runs it: the CDS archive, and only the C1 compiler (a short-lived JVM). */
    static final String GUARD_CDS_C1 = "Schema Guard + CDS + C1";
    /** As examples/docker's JAVA_OPTS run it: CDS, C1, and the SQLite driver's native library taken out of the jar. */
    static final String GUARD_IMAGE = "Schema Guard + CDS + C1 + library";
    static final List<Tool> TOOLS = List.of(Tool.LIQUIBASE_UPDATE, Tool.FLYWAY_MIGRATE, Tool.FLYWAY_VALIDATE);

    private final ComparisonSettings settings;
    private final Commands commands;
    private final Measurements results = new Measurements();

    private ComparisonBenchmark(ComparisonSettings settings) throws Exception {
        this.settings = settings;
        Files.createDirectories(settings.dataDir());
        this.commands = new Commands(settings.jar(), settings.repoRoot().resolve("guard-bench/bench-config/jul-warnings.properties"));
    }

    /** Runs everything the settings ask for; returns the tables, also written to {@code comparison-results.md}. */
    static List<String> run(ComparisonSettings settings) throws Exception {
        if (!Files.isRegularFile(settings.jar())) {
            throw new IllegalStateException(settings.jar() + " is missing: the command builds it (-am); see guard-bench/README.md");
        }
        ComparisonBenchmark bench = new ComparisonBenchmark(settings);
        for (String kind : settings.databases()) {
            try (BenchDatabase db = BenchDatabase.of(kind, settings.dataDir())) {
                bench.results.loadAverages.put(kind + " start", LoadAverage.now());
                bench.noop(db);
                if (settings.applyMigrations() > 0) {
                    bench.apply(db);
                }
                bench.results.loadAverages.put(kind + " end", LoadAverage.now());
            }
        }
        return bench.writeTables();
    }

    /** The tables of what is measured so far, written after every size too: a run cut short still leaves its figures. */
    private List<String> writeTables() throws Exception {
        List<String> tables = new ComparisonTables(settings, results).lines();
        Files.write(settings.dataDir().resolve("comparison-results.md"), tables);
        return tables;
    }

    private void noop(BenchDatabase db) throws Exception {
        String kind = db.kind();
        Map<Tool, String> urls = new LinkedHashMap<>();
        urls.put(Tool.SCHEMA_GUARD, db.fresh("sg"));
        urls.put(Tool.LIQUIBASE_UPDATE, db.fresh("lb"));
        urls.put(Tool.FLYWAY_MIGRATE, db.fresh("fw"));
        Path archive = settings.dataDir().resolve("schema-guard-" + kind + ".jsa");
        Files.deleteIfExists(archive);
        for (int size : settings.sizes()) {
            Scenario scenario = Scenario.create(settings.dataDir().resolve("scenarios"), size);
            Path config = scenario.guardConfig(kind, urls.get(Tool.SCHEMA_GUARD));
            progress(kind + " " + size + ": applying with each tool (untimed)");
            Tool.SCHEMA_GUARD.run(null, config);
            Tool.LIQUIBASE_UPDATE.run(urls.get(Tool.LIQUIBASE_UPDATE), scenario.changelog());
            Tool.FLYWAY_MIGRATE.run(urls.get(Tool.FLYWAY_MIGRATE), scenario.flywayFolder());
            if (settings.cds() && !Files.exists(archive)) {
                // Made as examples/docker's Dockerfile makes it: no database needed, so PostgreSQL's driver is not in it.
                ProcessRun.of(commands.cdsTraining(config, archive, settings.dataDir().resolve("cds-training.db")), settings.repoRoot());
            }
            Map<String, List<String>> commandLines = new LinkedHashMap<>();
            commandLines.put(FLOOR, commands.tool(Tool.FLOOR, urls.get(Tool.SCHEMA_GUARD), scenario.sqlFolder()));
            commandLines.put(GUARD, commands.guard(config));
            if (settings.cds()) {
                commandLines.put(GUARD_CDS, commands.guard(config, "-XX:SharedArchiveFile=" + archive));
                commandLines.put(GUARD_CDS_C1, commands.guard(config, "-XX:SharedArchiveFile=" + archive, "-XX:TieredStopAtLevel=1"));
                Path library = SqliteLibrary.takeOut(settings.jar(), settings.dataDir().resolve("sqlite-native"));
                commandLines.put(GUARD_IMAGE, commands.guard(config, "-XX:SharedArchiveFile=" + archive, "-XX:TieredStopAtLevel=1",
                        "-Dorg.sqlite.lib.path=" + library.getParent(), "-Dorg.sqlite.lib.name=" + library.getFileName()));
            }
            commandLines.put(Tool.LIQUIBASE_UPDATE.label, commands.tool(Tool.LIQUIBASE_UPDATE, urls.get(Tool.LIQUIBASE_UPDATE), scenario.changelog()));
            commandLines.put(Tool.FLYWAY_MIGRATE.label, commands.tool(Tool.FLYWAY_MIGRATE, urls.get(Tool.FLYWAY_MIGRATE), scenario.flywayFolder()));
            commandLines.put(Tool.FLYWAY_VALIDATE.label, commands.tool(Tool.FLYWAY_VALIDATE, urls.get(Tool.FLYWAY_MIGRATE), scenario.flywayFolder()));
            wholeProcess(kind, size, commandLines);
            // Rounds, so that a change in the machine's load falls on every tool: each round warms a JVM per tool anew.
            for (int round = 0; settings.inProcess() && round < settings.rounds(); round++) {
                inProcess(kind, size, Tool.SCHEMA_GUARD, urls.get(Tool.SCHEMA_GUARD), config);
                inProcess(kind, size, Tool.LIQUIBASE_UPDATE, urls.get(Tool.LIQUIBASE_UPDATE), scenario.changelog());
                inProcess(kind, size, Tool.FLYWAY_MIGRATE, urls.get(Tool.FLYWAY_MIGRATE), scenario.flywayFolder());
                inProcess(kind, size, Tool.FLYWAY_VALIDATE, urls.get(Tool.FLYWAY_MIGRATE), scenario.flywayFolder());
            }
            writeTables();
        }
    }

    /** One warm-up run of each command (checked to be a no-op), then the timed runs, round by round. */
    private void wholeProcess(String kind, int size, Map<String, List<String>> commandLines) throws Exception {
        Map<String, Integer> runs = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> command : commandLines.entrySet()) {
            ProcessRun warm = ProcessRun.of(command.getValue(), settings.repoRoot());
            if (command.getKey().startsWith(GUARD) && !(warm.output().contains("result=PASS") && warm.output().contains(" applied=0 "))) {
                throw new IllegalStateException("not a no-op boot: " + warm.output());
            }
            runs.put(command.getKey(), warm.seconds() > settings.slowSeconds() ? Math.min(3, settings.runs()) : settings.runs());
        }
        progress(kind + " " + size + ": whole process, " + runs);
        for (int round = 0; round < settings.runs(); round++) {
            for (Map.Entry<String, List<String>> command : commandLines.entrySet()) {
                if (round < runs.get(command.getKey())) {
                    results.add(kind, size, command.getKey(), ProcessRun.of(command.getValue(), settings.repoRoot()));
                }
            }
        }
    }

    private void inProcess(String kind, int size, Tool tool, String url, Path target) throws Exception {
        ProcessRun run = ProcessRun.of(commands.inProcess(tool, url, target, settings.iterations()), settings.repoRoot());
        String result = run.output().lines().filter(l -> l.startsWith("RESULT")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no RESULT from " + tool + ": " + run.output()));
        List<long[]> calls = new ArrayList<>();
        for (String call : result.substring("RESULT".length()).trim().split(" ")) {
            String[] wallAndCpu = call.split("/");
            calls.add(new long[] {Long.parseLong(wallAndCpu[0]), Long.parseLong(wallAndCpu[1])});
        }
        String label = tool == Tool.SCHEMA_GUARD ? GUARD : tool.label;
        results.addCalls(kind, size, label, calls);
        progress(kind + " " + size + ": in-process " + tool.label + String.format(" %.1f ms (CPU %.1f ms) so far",
                results.callMillis(kind, size, label), results.callCpuMillis(kind, size, label)));
    }

    /** Each tool applies the same migrations to a fresh database of its own, as a whole process; paired rounds. */
    private void apply(BenchDatabase db) throws Exception {
        String kind = db.kind();
        int size = settings.applyMigrations();
        Scenario scenario = Scenario.create(settings.dataDir().resolve("scenarios"), size);
        progress(kind + ": apply path, " + size + " migrations, " + settings.applyRuns() + " rounds");
        for (int round = 0; round < settings.applyRuns(); round++) {
            String sg = db.fresh("apply_sg");
            ProcessRun guard = ProcessRun.of(commands.guard(scenario.guardConfig("apply-" + kind, sg)), settings.repoRoot());
            if (!guard.output().contains(" applied=" + size + " ")) {
                throw new IllegalStateException("the apply boot did not apply " + size + ": " + guard.output());
            }
            results.add(kind, -size, GUARD, guard);
            for (Tool tool : List.of(Tool.LIQUIBASE_UPDATE, Tool.FLYWAY_MIGRATE)) {
                String url = db.fresh("apply_" + (tool == Tool.LIQUIBASE_UPDATE ? "lb" : "fw"));
                Path target = tool == Tool.LIQUIBASE_UPDATE ? scenario.changelog() : scenario.flywayFolder();
                results.add(kind, -size, tool.label, ProcessRun.of(commands.tool(tool, url, target), settings.repoRoot()));
            }
        }
    }

    private static void progress(String message) {
        System.out.println("[bench " + java.time.LocalTime.now().withNano(0) + "] " + message);
    }
}
