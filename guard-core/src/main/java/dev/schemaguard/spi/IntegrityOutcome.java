package dev.schemaguard.spi;

import dev.schemaguard.Code;
import java.util.Map;

/**
 * What a dialect's integrity check found.
 *
 * @param status   the line's integrity= value: ok, skipped_size, skipped_stamp, off or failed
 * @param failure  DATABASE_CORRUPT or INTEGRITY_FAILED when the check failed; null otherwise
 * @param message  one human sentence: what was checked or skipped and why, or what is wrong and what to do
 * @param details  extra keys for the distinctive line (size=, threshold=, ...)
 */
public record IntegrityOutcome(String status, Code failure, String message, Map<String, String> details) {

    public IntegrityOutcome {
        details = Map.copyOf(details);
    }

    public static IntegrityOutcome off() {
        return new IntegrityOutcome("off", null, "integrity checking is off", Map.of());
    }

    public boolean failed() {
        return failure != null;
    }
}
