package dev.schemaguard;

import dev.schemaguard.internal.text.Sizes;
import java.nio.file.Path;

/**
 * How a boot checks the database's integrity without letting the check's cost grow with its size.
 *
 * @param mode            which check runs below the threshold
 * @param skipAboveBytes  databases (SQLite files, PostgreSQL relations) at or above this size are not checked at boot
 * @param stamp           trust a file already verified and unchanged since (SQLite)
 * @param stampDir        where stamps are kept; null means next to the database file
 * @param deferred        when skipped at boot, run the full check in the background afterwards
 */
public record IntegritySettings(Mode mode, long skipAboveBytes, boolean stamp, Path stampDir, boolean deferred) {
    public static final long DEFAULT_SKIP_ABOVE = 5L * 1000 * 1000 * 1000;
    public static final IntegritySettings DEFAULT = new IntegritySettings(Mode.QUICK, DEFAULT_SKIP_ABOVE, true, null, false);
    public static final IntegritySettings OFF = new IntegritySettings(Mode.OFF, DEFAULT_SKIP_ABOVE, false, null, false);

    /**
     * A size as {@code skip_above} is written in {@code schema-guard.yaml}: {@code 5GB} (decimal, as disk
     * vendors count), {@code 4GiB} (binary), {@code 500MB}, {@code 1048576} (bytes). For entry points
     * that read settings of their own, such as the Spring Boot starter, so every one reads sizes alike.
     *
     * @throws IllegalArgumentException when the text is not a positive size
     */
    public static long parseSize(String text) {
        long bytes = text == null ? -1 : Sizes.parse(text);
        if (bytes <= 0) {
            throw new IllegalArgumentException("'" + text + "' is not a size; write it like 5GB, 500MB or 4GiB");
        }
        return bytes;
    }

    public enum Mode {
        /** SQLite {@code PRAGMA quick_check}. */
        QUICK,
        /** SQLite {@code PRAGMA integrity_check}. */
        FULL,
        /** PostgreSQL {@code amcheck}'s {@code bt_index_check} on B-tree indexes. */
        AMCHECK,
        /** MariaDB {@code CHECK TABLE ... QUICK} on each table below the threshold. */
        CHECK_TABLE,
        /** No check (the SQLite header probe still runs: it is O(1)). */
        OFF
    }
}
