package dev.schemaguard.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one run measured, by database, size and command; medians are taken when the tables are written. */
final class Measurements {
    /** Whole-process runs of one command. */
    private final Map<String, List<ProcessRun>> processes = new LinkedHashMap<>();
    /** In-process calls of one tool: wall and CPU nanoseconds. */
    private final Map<String, List<long[]>> calls = new LinkedHashMap<>();
    final Map<String, String> loadAverages = new LinkedHashMap<>();

    static String key(String db, int size, String command) {
        return db + "|" + size + "|" + command;
    }

    void add(String db, int size, String command, ProcessRun run) {
        processes.computeIfAbsent(key(db, size, command), k -> new ArrayList<>()).add(run);
    }

    /** @param wallAndCpu  per call: wall nanoseconds, CPU nanoseconds of the whole JVM */
    void addCalls(String db, int size, String command, List<long[]> wallAndCpu) {
        calls.computeIfAbsent(key(db, size, command), k -> new ArrayList<>()).addAll(wallAndCpu);
    }

    /** Median wall seconds, or NaN when not measured. */
    double seconds(String db, int size, String command) {
        return median(runs(db, size, command).stream().mapToDouble(ProcessRun::seconds).toArray());
    }

    double cpuSeconds(String db, int size, String command) {
        return median(runs(db, size, command).stream().mapToDouble(ProcessRun::cpuSeconds).toArray());
    }

    /** The largest peak RSS of the runs, MB. */
    double peakRssMb(String db, int size, String command) {
        return runs(db, size, command).stream().mapToDouble(ProcessRun::peakRssMb).max().orElse(Double.NaN);
    }

    int count(String db, int size, String command) {
        return runs(db, size, command).size();
    }

    /** Median in-process wall milliseconds, or NaN. */
    double callMillis(String db, int size, String command) {
        return median(calls.getOrDefault(key(db, size, command), List.of()).stream().mapToDouble(c -> c[0] / 1e6).toArray());
    }

    /** Median in-process CPU milliseconds (every thread of the JVM), or NaN. */
    double callCpuMillis(String db, int size, String command) {
        return median(calls.getOrDefault(key(db, size, command), List.of()).stream().mapToDouble(c -> c[1] / 1e6).toArray());
    }

    int callCount(String db, int size, String command) {
        return calls.getOrDefault(key(db, size, command), List.of()).size();
    }

    private List<ProcessRun> runs(String db, int size, String command) {
        return processes.getOrDefault(key(db, size, command), List.of());
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
