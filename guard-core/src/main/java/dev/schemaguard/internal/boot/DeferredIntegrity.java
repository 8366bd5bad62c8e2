package dev.schemaguard.internal.boot;

import dev.schemaguard.BootReport;
import dev.schemaguard.Code;
import dev.schemaguard.GuardConfig;
import dev.schemaguard.GuardConfigException;
import dev.schemaguard.internal.report.GuardLog;
import dev.schemaguard.internal.time.NanoClock;
import dev.schemaguard.spi.IntegritySession;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Integrity work that follows a boot: the full check in the
 * background of a file skipped for its size, and the same check run from cron
 * ({@code schema-guard check-integrity}). Each such check ends with its own verdict line,
 * {@code phase=deferred_integrity_check}, built by {@link BootRunner#report} like every other.
 */
public final class DeferredIntegrity {
    private static final Map<String, String> PHASE = Map.of("phase", "deferred_integrity_check");

    private DeferredIntegrity() {
    }

    /** After a PASS: for {@code deferred: true} on a file skipped for its size, checks it in the background. */
    static void startIfDeferred(Outcome outcome, BootReport report, GuardLog log, NanoClock clock) {
        if (!outcome.deferIntegrity()) {
            return;
        }
        Deadline sinceBoot = Deadline.start(clock, Duration.ofDays(1));
        outcome.integrity().deferredCheck().ifPresent(check -> check.thenAccept(result ->
                report(log, report.target(), sinceBoot, result, report.migrations())));
    }

    /** The full check on a read-only connection, whatever the file's size; a pass refreshes the stamp. */
    public static BootReport checkIntegrity(GuardConfig config, NanoClock clock) {
        Deadline deadline = Deadline.start(clock, Duration.ofDays(1));
        Target target;
        try {
            target = Target.of(config);
        } catch (GuardConfigException e) {
            return BootRunner.configInvalid(e, config.database());
        }
        GuardLog log = new GuardLog(target.redactor(), BootRunner.newBootId());
        if (!target.exists()) {
            return BootRunner.report(log, target.redacted(), deadline, Outcome.failed(Failure.of(Code.DATABASE_MISSING,
                    "the database " + target.redacted() + " does not exist; there is nothing to check.",
                    "reason", "does not exist")), IntegritySession.Status.OFF, PHASE, null, null);
        }
        Optional<CompletableFuture<IntegritySession.Outcome>> check;
        try {
            check = target.database().integrity(config.integrity(), clock).deferredCheck();
        } catch (GuardConfigException e) {
            return BootRunner.configInvalid(e, config.database());
        }
        if (check.isEmpty()) {
            return BootRunner.configInvalid(new GuardConfigException("check-integrity: the " + target.dialect().name()
                    + " dialect has no offline integrity check; use integrity.mode at boot."), config.database());
        }
        return report(log, target.redacted(), deadline, check.get().join(), List.of());
    }

    private static BootReport report(GuardLog log, String db, Deadline sinceStart, IntegritySession.Outcome result,
                                     List<dev.schemaguard.MigrationOutcome> migrations) {
        Failure failure = !result.failed() ? null : Failure.of(result.failure(), result.message(),
                "reason", result.details().getOrDefault("reason", result.message()));
        Outcome outcome = new Outcome(migrations, failure, null, false);
        return BootRunner.report(log, db, sinceStart, outcome, result.status(), PHASE, null, result.message());
    }
}
