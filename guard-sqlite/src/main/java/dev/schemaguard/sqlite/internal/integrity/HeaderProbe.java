package dev.schemaguard.sqlite.internal.integrity;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link SqliteHeaderProbe} learned from a database's 100-byte header, its size and the
 * files next to it.
 *
 * @param database               the probed file
 * @param fileSize               size of the main database file in bytes
 * @param pageSize               decoded page size, 0 when absent or invalid
 * @param inHeaderPageCount      the page count stored at offset 28
 * @param fileChangeCounter      the counter stored at offset 24 (not maintained in WAL mode)
 * @param inHeaderPageCountValid whether SQLite would believe the stored page count
 * @param walMode                whether the header marks the database as WAL (versions = 2)
 * @param hotJournal             a non-empty {@code -journal} with a valid header sits next to it:
 *                               the next writer will roll back an interrupted transaction
 * @param walFilePresent         a non-empty {@code -wal} sits next to it: committed pages may live
 *                               there rather than in the main file
 * @param walFileSize            size of the {@code -wal} file, 0 when absent
 * @param problems               everything found wrong; empty when the header looks sound
 */
public record HeaderProbe(
        Path database,
        long fileSize,
        int pageSize,
        long inHeaderPageCount,
        long fileChangeCounter,
        boolean inHeaderPageCountValid,
        boolean walMode,
        boolean hotJournal,
        boolean walFilePresent,
        long walFileSize,
        List<HeaderProblem> problems) {

    public HeaderProbe {
        problems = List.copyOf(problems);
    }

    /** SQLite treats a 0-byte file as a valid, empty database. */
    public boolean emptyDatabase() {
        return fileSize == 0;
    }

    public boolean sound() {
        return problems.isEmpty();
    }

    public boolean has(HeaderProblem.Code code) {
        return problems.stream().anyMatch(p -> p.code() == code);
    }
}
