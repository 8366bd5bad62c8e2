package dev.schemaguard.sqlite.internal.integrity;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of one {@code PRAGMA quick_check} or {@code PRAGMA integrity_check}.
 *
 * @param mode         which pragma ran
 * @param outcome      passed, corruption found, interrupted, or could not run
 * @param messages     SQLite's own messages: its first rows on failure, the error text when
 *                     interrupted or when the check could not run, {@code ["ok"]} on a pass
 * @param bytesChecked page count times page size of the database checked; -1 when unknown
 * @param duration     wall time of the run
 */
public record IntegrityResult(
        IntegrityCheck.Mode mode, Outcome outcome, List<String> messages, long bytesChecked, Duration duration) {

    public enum Outcome {
        /** SQLite answered "ok". */
        PASSED,
        /** SQLite reported corruption, as rows of the pragma or as SQLITE_CORRUPT / SQLITE_NOTADB. */
        FAILED,
        /** Stopped before it finished: neither a pass nor a corruption. */
        INTERRUPTED,
        /** Could not run (locked, I/O error, cannot open): nothing is known about the file. */
        ERROR
    }

    public IntegrityResult {
        messages = List.copyOf(messages);
    }

    public boolean passed() {
        return outcome == Outcome.PASSED;
    }

    /** Throughput in MB/s (10^6 bytes), or 0 when size or time is unknown. */
    public double megabytesPerSecond() {
        double seconds = duration.toNanos() / 1e9;
        return bytesChecked <= 0 || seconds <= 0 ? 0 : bytesChecked / 1e6 / seconds;
    }
}
