package dev.schemaguard;

import dev.schemaguard.internal.text.Logfmt;
import java.util.List;
import java.util.Map;

/**
 * The immutable result of a boot (or a plan): the verdict, its stable code, and what happened
 * to each migration. {@link #line()} is the distinctive line that was logged for it.
 *
 * @param verdict     PASS, FAIL or HANG
 * @param code        the stable code of the first failure, or {@link Code#OK}
 * @param message     one human sentence: what happened and, on failure, how to fix it
 * @param target      the database, secrets redacted
 * @param applied     migrations applied by this boot; in a plan, the migrations a boot would apply
 *                    (the line says {@code would_apply=})
 * @param pending     migrations of the changelog still not in the ledger afterwards
 * @param integrity   ok, skipped_size, skipped_stamp, off, failed, or unfinished (the boot stopped during the check)
 * @param elapsedMs   wall time of the whole boot
 * @param migrations  every migration of the changelog, in changelog order, then each ledger row the
 *                    changelog does not have ({@link MigrationOutcome.Status#UNKNOWN})
 * @param details     the extra keys of the distinctive line (missing=, migration=, reason=, phase=, ...)
 * @param line        the distinctive line itself
 */
public record BootReport(Verdict verdict, Code code, String message, String target, int applied, int pending,
                         String integrity, long elapsedMs, List<MigrationOutcome> migrations,
                         Map<String, String> details, String line) {

    public BootReport {
        migrations = List.copyOf(migrations);
        details = Map.copyOf(details);
    }

    public boolean passed() {
        return verdict == Verdict.PASS;
    }

    /**
     * The {@code key=value} fields of a line as Schema Guard prints them (logfmt: values with spaces
     * in double quotes, {@code \"} and {@code \\} escaped), in order; lenient, as a watchdog must be
     * with whatever a log pipeline hands it: a bare word is skipped, an unterminated quote runs to the end.
     */
    public static Map<String, String> fields(String text) {
        return Logfmt.parse(text);
    }

    /** One {@code key=value} field as Schema Guard prints it, the value quoted when it must be. */
    public static String field(String key, String value) {
        return Logfmt.pair(key, value);
    }
}
