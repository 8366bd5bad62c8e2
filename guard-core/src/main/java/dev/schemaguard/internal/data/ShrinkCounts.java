package dev.schemaguard.internal.data;

import dev.schemaguard.internal.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shrink guard's memory: the canaries' row counts at the last PASS, one {@code table=rows} per
 * line, in a small file kept where the integrity stamps are (next to a SQLite file, or in
 * {@code integrity.stamp_dir}).
 */
public final class ShrinkCounts {
    /**
     * Counts are exact up to this many rows, so recording them costs at most this many rows read
     * per canary at each boot (well under a second); a bigger table is recorded as this number,
     * and a drop shows once the table falls below it.
     */
    public static final long COUNT_CAP = 1_000_000;
    static final String SUFFIX = ".schema-guard-counts";

    private final Path file;

    private ShrinkCounts(Path file) {
        this.file = file;
    }

    /**
     * Where a database's counts live, or null when there is nowhere to keep them (a server database
     * without {@code integrity.stamp_dir}).
     *
     * @param databaseFile  the SQLite file, or null for a server database
     * @param stampDir      {@code integrity.stamp_dir}, or null
     * @param identity      what tells databases apart in a shared folder: the URL, secrets redacted
     */
    public static ShrinkCounts locate(Path databaseFile, Path stampDir, String identity) {
        if (stampDir != null) {
            String base = databaseFile == null ? "database" : databaseFile.getFileName().toString();
            String key = databaseFile == null ? identity : databaseFile.toAbsolutePath().normalize().toString();
            return new ShrinkCounts(stampDir.resolve(base + "-" + shortHash(key) + SUFFIX));
        }
        if (databaseFile != null) {
            return new ShrinkCounts(databaseFile.resolveSibling(databaseFile.getFileName() + SUFFIX));
        }
        return null;
    }

    public Path file() {
        return file;
    }

    /** The recorded counts; empty when nothing was recorded yet. */
    public Map<String, Long> read() throws IOException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try {
            int number = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                number++;
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                int eq = text.lastIndexOf('=');
                try {
                    counts.put(text.substring(0, Math.max(0, eq)), Long.parseLong(text.substring(eq + 1)));
                } catch (NumberFormatException | IndexOutOfBoundsException e) {
                    throw new IOException(file + ":" + number + ": not a 'table=rows' line: " + text);
                }
            }
        } catch (NoSuchFileException e) {
            return Map.of();
        }
        return counts;
    }

    public void write(Map<String, Long> counts, String bootId) throws IOException {
        StringBuilder text = new StringBuilder("# Schema Guard shrink guard: canary rows at the last PASS (boot ")
                .append(bootId).append("), counted up to ").append(COUNT_CAP)
                .append(".\n# Delete this file to accept the current counts as the new baseline.\n");
        counts.forEach((table, rows) -> text.append(table).append('=').append(rows).append('\n'));
        AtomicFiles.writeString(file, text.toString());
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
