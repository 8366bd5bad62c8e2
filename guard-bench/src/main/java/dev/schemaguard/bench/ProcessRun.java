package dev.schemaguard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One command run as a process of its own and timed from start to exit, under {@code /usr/bin/time}
 * when the machine has it (then also its CPU time and peak resident memory).
 *
 * @param seconds     wall time
 * @param cpuSeconds  user + system CPU time, or NaN without /usr/bin/time
 * @param peakRssMb   peak resident set size in MB, or NaN without /usr/bin/time
 * @param output      standard output and error
 */
record ProcessRun(double seconds, double cpuSeconds, double peakRssMb, String output) {
    private static final Path TIME = Path.of("/usr/bin/time");

    static ProcessRun of(List<String> command, Path workingDir) throws IOException, InterruptedException {
        Path usage = Files.createTempFile("bench-usage", ".txt");
        Path output = Files.createTempFile("bench-output", ".txt");
        try {
            List<String> full = new ArrayList<>();
            boolean timed = Files.isExecutable(TIME);
            if (timed) {
                full.addAll(List.of(TIME.toString(), "-o", usage.toString(), "-f", "%U %S %M"));
            }
            full.addAll(command);
            long start = System.nanoTime();
            Process p = new ProcessBuilder(full).directory(workingDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!p.waitFor(30, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out after 30 minutes: " + String.join(" ", command));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            String text = Files.readString(output);
            if (p.exitValue() != 0) {
                throw new IllegalStateException("exit " + p.exitValue() + ": " + String.join(" ", command) + "\n" + tail(text));
            }
            double cpu = Double.NaN;
            double rss = Double.NaN;
            if (timed) {
                List<String> lines = Files.readAllLines(usage);
                String[] f = lines.get(lines.size() - 1).trim().split("\\s+");
                cpu = Double.parseDouble(f[0]) + Double.parseDouble(f[1]);
                rss = Long.parseLong(f[2]) / 1024.0;
            }
            return new ProcessRun(seconds, cpu, rss, text);
        } finally {
            Files.deleteIfExists(usage);
            Files.deleteIfExists(output);
        }
    }

    /** The end of the output, without the JVM's CDS warnings (an archive's training run prints hundreds). */
    private static String tail(String text) {
        String kept = String.join("\n", text.lines().filter(l -> !l.contains("][warning][cds]")).toList());
        return kept.length() <= 4000 ? kept : kept.substring(kept.length() - 4000);
    }
}
