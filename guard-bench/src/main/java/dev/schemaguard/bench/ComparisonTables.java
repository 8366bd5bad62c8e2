package dev.schemaguard.bench;

import static dev.schemaguard.bench.ComparisonBenchmark.FLOOR;
import static dev.schemaguard.bench.ComparisonBenchmark.GUARD;
import static dev.schemaguard.bench.ComparisonBenchmark.GUARD_CDS;
import static dev.schemaguard.bench.ComparisonBenchmark.GUARD_CDS_C1;
import static dev.schemaguard.bench.ComparisonBenchmark.GUARD_IMAGE;

import java.io.IOException;
import java.nio.file.Files;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The comparison's tables in Markdown, with the goals of issue 16 read off the same run. */
final class ComparisonTables {
    private static final List<String> TOOLS = List.of(Tool.LIQUIBASE_UPDATE.label, Tool.FLYWAY_MIGRATE.label, Tool.FLYWAY_VALIDATE.label);

    private final ComparisonSettings settings;
    private final Measurements m;
    private final List<String> out = new ArrayList<>();

    ComparisonTables(ComparisonSettings settings, Measurements measurements) {
        this.settings = settings;
        this.m = measurements;
    }

    List<String> lines() throws IOException {
        out.add("Measured " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + " on " + Machine.describe()
                + "; load average (1, 5, 15 min) " + m.loadAverages + ".");
        out.add("Schema Guard jar: " + String.format(Locale.ROOT, "%.1f MB", Files.size(settings.jar()) / 1e6) + ".");
        for (String db : settings.databases()) {
            wholeProcess(db);
            if (settings.inProcess()) {
                inProcess(db);
            }
            perMigration(db);
            resources(db);
            if (settings.applyMigrations() > 0) {
                apply(db);
            }
            goals(db);
        }
        return out;
    }

    private List<String> processCommands() {
        List<String> commands = new ArrayList<>(List.of(FLOOR, GUARD));
        if (settings.cds()) {
            commands.add(GUARD_CDS);
            commands.add(GUARD_CDS_C1);
            commands.add(GUARD_IMAGE);
        }
        commands.addAll(TOOLS);
        return commands;
    }

    private void wholeProcess(String db) {
        out.add("");
        out.add("### No-op boot, whole process, " + db + " (median wall seconds; runs in brackets)");
        out.add("");
        out.add("| applied migrations | " + String.join(" | ", processCommands()) + " | Schema Guard / floor"
                + (settings.cds() ? " | + CDS / floor | + CDS + C1 / floor | + CDS + C1 + library / floor" : "") + " |");
        out.add("|---".repeat(processCommands().size() + (settings.cds() ? 5 : 2)) + "|");
        for (int size : settings.sizes()) {
            StringBuilder row = new StringBuilder("| " + size + " |");
            for (String command : processCommands()) {
                row.append(String.format(Locale.ROOT, " %.2f (%d) |", m.seconds(db, size, command), m.count(db, size, command)));
            }
            double floor = m.seconds(db, size, FLOOR);
            row.append(ratio(m.seconds(db, size, GUARD) / floor));
            if (settings.cds()) {
                row.append(ratio(m.seconds(db, size, GUARD_CDS) / floor));
                row.append(ratio(m.seconds(db, size, GUARD_CDS_C1) / floor));
                row.append(ratio(m.seconds(db, size, GUARD_IMAGE) / floor));
            }
            out.add(row.toString());
        }
    }

    private void inProcess(String db) {
        List<String> tools = new ArrayList<>(List.of(GUARD));
        tools.addAll(TOOLS);
        out.add("");
        out.add("### No-op boot, in-process (library call in a warm JVM), " + db
                + " (median wall ms, median CPU ms of the whole JVM in brackets; ratios of wall times)");
        out.add("");
        out.add("| applied migrations | " + String.join(" | ", tools) + " | Liquibase / Schema Guard | Flyway migrate / Schema Guard "
                + "| Flyway validate / Schema Guard |");
        out.add("|---".repeat(tools.size() + 4) + "|");
        for (int size : settings.sizes()) {
            StringBuilder row = new StringBuilder("| " + size + " |");
            for (String tool : tools) {
                row.append(String.format(Locale.ROOT, " %.1f (%.1f) |", m.callMillis(db, size, tool), m.callCpuMillis(db, size, tool)));
            }
            double guard = m.callMillis(db, size, GUARD);
            for (String tool : TOOLS) {
                row.append(String.format(Locale.ROOT, " %.1f× |", m.callMillis(db, size, tool) / guard));
            }
            out.add(row.toString());
        }
    }

    /** The cost of one more applied migration between consecutive sizes: linear growth shows as a flat row. */
    private void perMigration(String db) {
        List<Integer> sizes = settings.sizes();
        if (sizes.size() < 2) {
            return;
        }
        out.add("");
        out.add("### Per-migration cost of a no-op boot, " + db + " (µs per applied migration between sizes)");
        out.add("");
        StringBuilder header = new StringBuilder("| |");
        for (int i = 1; i < sizes.size(); i++) {
            header.append(" ").append(sizes.get(i - 1)).append(" → ").append(sizes.get(i)).append(" |");
        }
        header.append(" ").append(sizes.get(0)).append(" → ").append(sizes.get(sizes.size() - 1)).append(" |");
        out.add(header.toString());
        out.add("|---".repeat(sizes.size() + 1) + "|");
        for (String command : processCommands()) {
            out.add(slopes(command + ", whole process", sizes, size -> m.seconds(db, size, command) * 1e6));
        }
        if (settings.inProcess()) {
            out.add(slopes(GUARD + ", in-process", sizes, size -> m.callMillis(db, size, GUARD) * 1e3));
            for (String tool : TOOLS) {
                out.add(slopes(tool + ", in-process", sizes, size -> m.callMillis(db, size, tool) * 1e3));
            }
        }
    }

    private static String slopes(String label, List<Integer> sizes, java.util.function.IntToDoubleFunction micros) {
        StringBuilder row = new StringBuilder("| " + label + " |");
        for (int i = 1; i < sizes.size(); i++) {
            row.append(slope(sizes.get(i - 1), sizes.get(i), micros));
        }
        row.append(slope(sizes.get(0), sizes.get(sizes.size() - 1), micros));
        return row.toString();
    }

    private static String slope(int from, int to, java.util.function.IntToDoubleFunction micros) {
        return String.format(Locale.ROOT, " %.0f |", (micros.applyAsDouble(to) - micros.applyAsDouble(from)) / (to - from));
    }

    private void resources(String db) {
        out.add("");
        out.add("### CPU time (median, user + system, s) and peak RSS (largest, MB), whole process, " + db);
        out.add("");
        out.add("| applied migrations | " + String.join(" | ", processCommands()) + " |");
        out.add("|---".repeat(processCommands().size() + 1) + "|");
        for (int size : settings.sizes()) {
            StringBuilder row = new StringBuilder("| " + size + " |");
            for (String command : processCommands()) {
                row.append(String.format(Locale.ROOT, " %.2f s, %.0f MB |", m.cpuSeconds(db, size, command), m.peakRssMb(db, size, command)));
            }
            out.add(row.toString());
        }
    }

    private void apply(String db) {
        int key = -settings.applyMigrations();
        double guard = m.seconds(db, key, GUARD);
        out.add("");
        out.add("### Apply path: " + settings.applyMigrations() + " additive migrations to a fresh database, whole process, " + db);
        out.add("");
        out.add("| | median s (runs) | / Schema Guard | CPU s | peak RSS MB |");
        out.add("|---|---|---|---|---|");
        for (String command : List.of(GUARD, Tool.LIQUIBASE_UPDATE.label, Tool.FLYWAY_MIGRATE.label)) {
            out.add(String.format(Locale.ROOT, "| %s | %.2f (%d) | %.2f× | %.2f | %.0f |", command, m.seconds(db, key, command),
                    m.count(db, key, command), m.seconds(db, key, command) / guard, m.cpuSeconds(db, key, command),
                    m.peakRssMb(db, key, command)));
        }
    }

    private void goals(String db) {
        out.add("");
        out.add("Goals (" + db + ", this run):");
        if (settings.sizes().contains(1000)) {
            double ratio = m.seconds(db, 1000, GUARD) / m.seconds(db, 1000, FLOOR);
            out.add(goal("whole process at 1,000 ≤ 1.3× the floor", ratio <= 1.3, String.format(Locale.ROOT, "%.2f×", ratio)
                    + (settings.cds() ? String.format(Locale.ROOT, "; with the CDS archive %.2f×; CDS + C1 %.2f×; CDS + C1 + the "
                    + "SQLite library taken out (examples/docker) %.2f×", m.seconds(db, 1000, GUARD_CDS) / m.seconds(db, 1000, FLOOR),
                    m.seconds(db, 1000, GUARD_CDS_C1) / m.seconds(db, 1000, FLOOR), m.seconds(db, 1000, GUARD_IMAGE) / m.seconds(db, 1000, FLOOR)) : "")));
            if (settings.inProcess()) {
                double guard = m.callMillis(db, 1000, GUARD);
                double liquibase = m.callMillis(db, 1000, Tool.LIQUIBASE_UPDATE.label) / guard;
                double flyway = Math.min(m.callMillis(db, 1000, Tool.FLYWAY_MIGRATE.label), m.callMillis(db, 1000, Tool.FLYWAY_VALIDATE.label)) / guard;
                double guardCpu = m.callCpuMillis(db, 1000, GUARD);
                double liquibaseCpu = m.callCpuMillis(db, 1000, Tool.LIQUIBASE_UPDATE.label) / guardCpu;
                double flywayCpu = Math.min(m.callCpuMillis(db, 1000, Tool.FLYWAY_MIGRATE.label),
                        m.callCpuMillis(db, 1000, Tool.FLYWAY_VALIDATE.label)) / guardCpu;
                out.add(goal("in-process at 1,000 ≤ 1/20 of Liquibase's", liquibase >= 20, String.format(Locale.ROOT,
                        "1/%.1f of its wall time, 1/%.1f of its CPU time", liquibase, liquibaseCpu)));
                out.add(goal("in-process at 1,000 ≤ 1/5 of Flyway's (the faster of migrate and validate)", flyway >= 5,
                        String.format(Locale.ROOT, "1/%.1f of its wall time, 1/%.1f of its CPU time", flyway, flywayCpu)));
            }
        }
        if (settings.applyMigrations() > 0) {
            int key = -settings.applyMigrations();
            double guard = m.seconds(db, key, GUARD);
            boolean met = guard <= m.seconds(db, key, Tool.LIQUIBASE_UPDATE.label) && guard <= m.seconds(db, key, Tool.FLYWAY_MIGRATE.label);
            out.add(goal("apply path no slower than Liquibase update and Flyway migrate", met, String.format(Locale.ROOT,
                    "%.2f s against %.2f s and %.2f s", guard, m.seconds(db, key, Tool.LIQUIBASE_UPDATE.label),
                    m.seconds(db, key, Tool.FLYWAY_MIGRATE.label))));
        }
    }

    private static String goal(String what, boolean met, String measured) {
        return "- " + what + ": " + (met ? "**met**" : "**missed**") + " (" + measured + ")";
    }

    private static String ratio(double value) {
        return String.format(Locale.ROOT, " %.2f× |", value);
    }
}
