package dev.schemaguard.bench;

import dev.schemaguard.sqlite.integrity.FileFingerprint;
import dev.schemaguard.sqlite.integrity.IntegrityCheck;
import dev.schemaguard.sqlite.integrity.IntegrityCheck.Mode;
import dev.schemaguard.sqlite.integrity.IntegrityResult;
import dev.schemaguard.sqlite.integrity.SqliteHeaderProbe;
import dev.schemaguard.sqlite.integrity.TrustedStamp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * For each size: generate (or reuse) a real database, then time what a boot can afford on it —
 * the O(1) header probe and stamp check, quick_check, and the naive open + integrity_check.
 * Figures are with a warm page cache (the file was just written or read); a cold boot from disk
 * is slower, by the disk's read throughput.
 */
public final class IntegrityBenchmark {

    private static final String DEFAULT_JAR = "guard-cli/target/schema-guard.jar";

    private IntegrityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> report = run(BenchSettings.fromSystemProperties());
        report.forEach(System.out::println);
    }

    /** Runs every size and returns the report lines; also writes them to bench-results.md. */
    static List<String> run(BenchSettings settings) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("| size | file MB | header probe µs | stamp check µs | quick_check MB/s (s) "
                + "| naive boot: open + integrity_check s (MB/s) | guard boot, first s | guard boot, repeat s |");
        lines.add("|---|---|---|---|---|---|---|---|");
        for (long size : settings.sizes()) {
            String label = BenchSettings.label(size);
            Path db = BenchDatabaseGenerator.ensure(settings.dataDir().resolve("bench-" + label + ".db"), size);
            lines.add(measure(settings, label, db));
            System.out.println(lines.get(lines.size() - 1));
        }
        Files.write(settings.dataDir().resolve("bench-results.md"), lines);
        return lines;
    }

    private static String measure(BenchSettings settings, String label, Path db) throws Exception {
        long fileBytes = Files.size(db);

        SqliteHeaderProbe.probe(db); // the first call pays for class loading; time the second
        long t0 = System.nanoTime();
        boolean sound = SqliteHeaderProbe.probe(db).sound();
        long probeMicros = (System.nanoTime() - t0) / 1_000;

        Path stampFile = settings.dataDir().resolve(db.getFileName() + ".schema-guard-stamp");
        Thread.sleep(1_100); // a file written this second is "racy" and gets no stamp
        TrustedStamp.write(db, stampFile, FileFingerprint.capture(db), "benchmark");
        TrustedStamp.check(db, stampFile);
        long t1 = System.nanoTime();
        boolean trusted = TrustedStamp.check(db, stampFile).trusted();
        long stampMicros = (System.nanoTime() - t1) / 1_000;

        IntegrityResult quick;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath())) {
            quick = IntegrityCheck.run(c, Mode.QUICK, 10);
        }
        if (!sound || !quick.passed()) {
            throw new IllegalStateException(db + " failed: probe sound=" + sound + ", quick " + quick);
        }

        String naive = "skipped (bench.skipFullFrom)";
        if (fileBytes < settings.skipFullFrom()) {
            BootTimer.BootTime boot = BootTimer.naiveBoot(db);
            naive = String.format(Locale.ROOT, "%.1f (%s)", boot.wallTime().toMillis() / 1000.0, boot.detail());
        }
        // The whole boot of the CLI with the default config: first with no stamp (the benchmark's own
        // stamp above has the same name, so it goes), then again, when the first boot's stamp applies.
        Files.deleteIfExists(stampFile);
        Path root = Path.of(System.getProperty("bench.repoRoot", "."));
        String first = guardBoot(settings, db, root);
        String repeat = medianGuardBoot(settings, db, root, 7);
        return String.format(Locale.ROOT, "| %s | %d | %d | %d%s | %.0f (%.2f) | %s | %s | %s |", label,
                fileBytes / 1_000_000, probeMicros, stampMicros, trusted ? "" : " (not trusted)",
                quick.megabytesPerSecond(), quick.duration().toMillis() / 1000.0, naive, first, repeat);
    }

    private static String guardBoot(BenchSettings settings, Path db, Path root) throws Exception {
        String command = guardCommand(settings, root);
        if (command == null) {
            return "n/a (build guard-cli first)";
        }
        BootTimer.BootTime boot = BootTimer.guardBoot(command, db, root);
        return String.format(Locale.ROOT, "%.2f (exit %d)", boot.wallTime().toMillis() / 1000.0, boot.exitCode());
    }

    /** The steady state a restarting service sees: the median of several boots, each a new JVM. */
    private static String medianGuardBoot(BenchSettings settings, Path db, Path root, int runs) throws Exception {
        String command = guardCommand(settings, root);
        if (command == null) {
            return "n/a (build guard-cli first)";
        }
        long[] millis = new long[runs];
        for (int i = 0; i < runs; i++) {
            BootTimer.BootTime boot = BootTimer.guardBoot(command, db, root);
            if (boot.exitCode() != 0) {
                return String.format(Locale.ROOT, "failed (exit %d)", boot.exitCode());
            }
            millis[i] = boot.wallTime().toMillis();
        }
        java.util.Arrays.sort(millis);
        return String.format(Locale.ROOT, "%.2f (median of %d)", millis[runs / 2] / 1000.0, runs);
    }

    private static String guardCommand(BenchSettings settings, Path root) {
        return settings.bootCommand().orElseGet(() -> Files.exists(root.resolve(DEFAULT_JAR))
                ? "java -jar " + DEFAULT_JAR + " boot --config guard-bench/bench-config/schema-guard.yaml --database jdbc:sqlite:{db}"
                : null);
    }
}
