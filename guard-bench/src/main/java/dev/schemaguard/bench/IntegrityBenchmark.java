package dev.schemaguard.bench;

import dev.schemaguard.ConnectionSettings;
import dev.schemaguard.IntegritySettings;
import dev.schemaguard.spi.Dialect;
import dev.schemaguard.spi.IntegritySession;
import dev.schemaguard.sqlite.SqliteDialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * For each size: generate (or reuse) a real database, then time what a boot can afford on it —
 * the O(1) header probe and stamp check, quick_check, and the naive open + integrity_check. The
 * guard's own steps are driven through the SQLite dialect's integrity session, as a boot drives them.
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

    private static final Dialect SQLITE = new SqliteDialect();
    private static final Clock CLOCK = Clock.systemUTC();

    private static String measure(BenchSettings settings, String label, Path db) throws Exception {
        long fileBytes = Files.size(db);
        String url = "jdbc:sqlite:" + db.toAbsolutePath();

        // The header probe, then the size decision: a threshold of one byte skips every file.
        IntegritySettings probeOnly = new IntegritySettings(IntegritySettings.Mode.QUICK, 1, false, null, false);
        SQLITE.database(url).integrity(probeOnly, CLOCK).beforeOpen(); // the first call pays for class loading; time the second
        long t0 = System.nanoTime();
        IntegritySession.Outcome probed = SQLITE.database(url).integrity(probeOnly, CLOCK).beforeOpen().orElseThrow();
        long probeMicros = (System.nanoTime() - t0) / 1_000;
        boolean sound = !probed.failed();

        // quick_check below the threshold, as a first boot runs it; its pass writes the trusted stamp.
        Path stampFile = db.resolveSibling(db.getFileName() + ".schema-guard-stamp");
        Files.deleteIfExists(stampFile);
        Thread.sleep(1_100); // a file written this second is "racy" and gets no stamp
        IntegritySettings quickWithStamp = new IntegritySettings(IntegritySettings.Mode.QUICK, Long.MAX_VALUE, true, null, false);
        IntegritySession firstBoot = SQLITE.database(url).integrity(quickWithStamp, CLOCK);
        if (firstBoot.beforeOpen().isPresent()) {
            throw new IllegalStateException(db + ": expected no stamp before the first check");
        }
        IntegritySession.Outcome quick;
        long t1 = System.nanoTime();
        try (Connection c = SQLITE.database(url).open(Dialect.Access.READ_ONLY, ConnectionSettings.DEFAULT)) {
            quick = firstBoot.check(c, interrupt -> { });
        }
        double quickSeconds = (System.nanoTime() - t1) / 1e9;
        firstBoot.recordPass();

        SQLITE.database(url).integrity(quickWithStamp, CLOCK).beforeOpen(); // warm, as above
        long t2 = System.nanoTime();
        boolean trusted = SQLITE.database(url).integrity(quickWithStamp, CLOCK).beforeOpen()
                .map(o -> o.status() == IntegritySession.Status.SKIPPED_STAMP).orElse(false);
        long stampMicros = (System.nanoTime() - t2) / 1_000;

        if (!sound || quick.failed()) {
            throw new IllegalStateException(db + " failed: probe " + probed.message() + ", quick " + quick.message());
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
                fileBytes / 1e6 / quickSeconds, quickSeconds, naive, first, repeat);
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
