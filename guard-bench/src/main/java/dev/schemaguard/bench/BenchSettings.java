package dev.schemaguard.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What to benchmark, from system properties (pass them as {@code -D} to Maven):
 *
 * @param dataDir        {@code bench.dataDir}: where databases are generated and reused
 * @param sizes          {@code bench.sizes}: e.g. {@code 100m,1g,5g}
 * @param skipFullFrom   {@code bench.skipFullFrom}: no integrity_check on files this large or
 *                       larger (a 5 GB full check takes many minutes); default: never skip
 * @param bootCommand    {@code bench.bootCommand}: the whole-boot command to time, with
 *                       {@code {db}} replaced by the database path; absent until the CLI exists
 */
record BenchSettings(Path dataDir, List<Long> sizes, long skipFullFrom, Optional<String> bootCommand) {

    static BenchSettings fromSystemProperties() {
        Path dataDir = Path.of(System.getProperty("bench.dataDir", "guard-bench/target/bench-data"));
        List<Long> sizes = Arrays.stream(System.getProperty("bench.sizes", "100m,1g,5g").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(BenchSettings::bytes).toList();
        String skip = System.getProperty("bench.skipFullFrom", "");
        long skipFullFrom = skip.isBlank() ? Long.MAX_VALUE : bytes(skip);
        String boot = System.getProperty("bench.bootCommand", "");
        return new BenchSettings(dataDir, sizes, skipFullFrom, boot.isBlank() ? Optional.empty() : Optional.of(boot));
    }

    /** {@code 100m} = 100 * 10^6 bytes, {@code 5g} = 5 * 10^9 bytes. */
    static long bytes(String size) {
        String s = size.toLowerCase(Locale.ROOT);
        long unit = s.endsWith("g") ? 1_000_000_000L : s.endsWith("m") ? 1_000_000L : 1L;
        String digits = Character.isDigit(s.charAt(s.length() - 1)) ? s : s.substring(0, s.length() - 1);
        return Long.parseLong(digits) * unit;
    }

    static String label(long bytes) {
        return bytes % 1_000_000_000L == 0 ? bytes / 1_000_000_000L + "g" : bytes / 1_000_000L + "m";
    }
}
