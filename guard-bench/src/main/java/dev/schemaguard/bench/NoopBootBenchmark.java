package dev.schemaguard.bench;

import dev.schemaguard.BootReport;
import dev.schemaguard.GuardConfig;
import dev.schemaguard.GuardConfig.FreshDatabase;
import dev.schemaguard.SchemaGuard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The no-op boot (everything already applied), whole process, as a Dockerfile ENTRYPOINT pays it:
 * Schema Guard's CLI on a folder of N .sql migrations, against Liquibase's own {@code update} of the
 * same N migrations as a changelog, and against the floor (a JVM that opens SQLite and reads the
 * ledger with one query). Median of several runs after a warm-up.
 */
public final class NoopBootBenchmark {
    private static final int RUNS = 7;

    private NoopBootBenchmark() {
    }

    static List<String> run(Path dataDir, Path repoRoot, int migrations) throws Exception {
        Path folder = dataDir.resolve("noop-" + migrations);
        Path sgDb = folder.resolve("schema-guard.db");
        Path lbDb = folder.resolve("liquibase.db");
        Path changelog = folder.resolve("liquibase/changelog.xml");
        Path config = folder.resolve("schema-guard.yaml");
        if (!Files.exists(sgDb) || !Files.exists(lbDb)) {
            prepare(folder, migrations, sgDb, lbDb, changelog, config);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        double guard = median(repoRoot, List.of(java, "-jar", "guard-cli/target/schema-guard.jar", "boot", "--config", config.toString()));
        double liquibase = median(repoRoot, List.of(java, "-cp", classpath, LiquibaseNoopUpdate.class.getName(), lbDb.toString(), changelog.toString()));
        double floor = median(repoRoot, List.of(java, "-cp", classpath, LedgerRead.class.getName(), sgDb.toString()));
        List<String> lines = new ArrayList<>();
        lines.add("| applied migrations | Schema Guard no-op boot s | Liquibase no-op update s | JVM + one ledger query s | Liquibase / Schema Guard |");
        lines.add("|---|---|---|---|---|");
        lines.add(String.format(Locale.ROOT, "| %d | %.2f | %.2f | %.2f | %.1fx |", migrations, guard, liquibase, floor, liquibase / guard));
        Files.write(dataDir.resolve("noop-results-" + migrations + ".md"), lines);
        return lines;
    }

    private static void prepare(Path folder, int migrations, Path sgDb, Path lbDb, Path changelog, Path config) throws Exception {
        Path sql = folder.resolve("migrations");
        Files.createDirectories(sql);
        Files.createDirectories(changelog.getParent());
        StringBuilder manifest = new StringBuilder();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<databaseChangeLog "
                + "xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                + "xsi:schemaLocation=\"http://www.liquibase.org/xml/ns/dbchangelog "
                + "http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd\">\n");
        for (int i = 1; i <= migrations; i++) {
            String name = String.format("%04d_t%d.sql", i, i);
            String statement = "CREATE TABLE IF NOT EXISTS t" + i + " (id INTEGER PRIMARY KEY, v TEXT)";
            Files.writeString(sql.resolve(name), statement + ";\n");
            manifest.append(name).append('\n');
            xml.append("  <changeSet id=\"").append(name).append("\" author=\"bench\"><sql>").append(statement).append("</sql></changeSet>\n");
        }
        xml.append("</databaseChangeLog>\n");
        Files.writeString(folder.resolve("boot-manifest.txt"), manifest.toString());
        Files.writeString(changelog, xml.toString());
        Files.writeString(config, "database: jdbc:sqlite:" + sgDb + "\nchangelog: migrations\nmanifest: boot-manifest.txt\n");
        GuardConfig first = GuardConfig.builder().database("jdbc:sqlite:" + sgDb).changelog(sql)
                .manifest(folder.resolve("boot-manifest.txt")).freshDatabase(FreshDatabase.BOOTSTRAP)
                .deadline(Duration.ofMinutes(10)).build();
        BootReport applied = SchemaGuard.of(first).boot();
        if (applied.applied() != migrations) {
            throw new IllegalStateException("setup boot applied " + applied.applied() + ": " + applied.line());
        }
        LiquibaseNoopUpdate.main(new String[] {lbDb.toString(), changelog.toString()});
    }

    /** Median wall time in seconds of {@link #RUNS} runs, after one warm-up run; a failed run fails the benchmark. */
    private static double median(Path workingDir, List<String> command) throws IOException, InterruptedException {
        double[] seconds = new double[RUNS];
        for (int i = -1; i < RUNS; i++) {
            long start = System.nanoTime();
            Process p = new ProcessBuilder(command).directory(workingDir.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("failed: " + String.join(" ", command));
            }
            if (i >= 0) {
                seconds[i] = (System.nanoTime() - start) / 1e9;
            }
        }
        Arrays.sort(seconds);
        return seconds[RUNS / 2];
    }
}
