package dev.schemaguard.internal.boot;

import dev.schemaguard.BootReport;
import dev.schemaguard.Code;
import dev.schemaguard.GuardConfig;
import dev.schemaguard.GuardConfigException;
import dev.schemaguard.internal.report.GuardLog;
import dev.schemaguard.spi.IntegrityOutcome;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Integrity work that follows a boot: the full check in the
 * background of a file skipped for its size, and the same check run from cron
 * ({@code schema-guard check-integrity}). Each such check ends with its own verdict line,
 * {@code phase=deferred_integrity_check}.
 */
public final class DeferredIntegrity {
    private static final String PHASE = "deferred_integrity_check";

    private DeferredIntegrity() {
    }

    /** After a PASS: for {@code deferred: true} on a file skipped for its size, checks it in the background. */
    static void startIfDeferred(Outcome outcome, BootReport report, GuardLog log) {
        if (!outcome.deferIntegrity()) {
            return;
        }
        Deadline sinceBoot = Deadline.start(Duration.ofDays(1));
        outcome.integrity().deferredCheck().ifPresent(check -> check.thenAccept(result ->
                verdict(log, report.target(), report.applied(), report.pending(), sinceBoot, result)));
    }

    /** The full check on a read-only connection, whatever the file's size; a pass refreshes the stamp. */
    public static BootReport checkIntegrity(GuardConfig config) {
        Deadline deadline = Deadline.start(Duration.ofDays(1));
        Target target;
        try {
            target = Target.of(config);
        } catch (GuardConfigException e) {
            return BootRunner.configInvalid(e, config.database());
        }
        GuardLog log = new GuardLog(target.redactor(), BootRunner.newBootId());
        if (!target.exists()) {
            return BootRunner.report(log, target.redacted(), false, deadline, Outcome.failed(Failure.of(Code.DATABASE_MISSING,
                    "the database " + target.redacted() + " does not exist; there is nothing to check.",
                    "phase", PHASE, "reason", "does not exist")), "off");
        }
        Optional<CompletableFuture<IntegrityOutcome>> check;
        try {
            check = target.dialect().integrity(target.url(), config.integrity()).deferredCheck();
        } catch (GuardConfigException e) {
            return BootRunner.configInvalid(e, config.database());
        }
        if (check.isEmpty()) {
            return BootRunner.configInvalid(new GuardConfigException("check-integrity: the " + target.dialect().name()
                    + " dialect has no offline integrity check; use integrity.mode at boot."), config.database());
        }
        IntegrityOutcome result = check.get().join();
        String line = verdict(log, target.redacted(), 0, 0, deadline, result);
        Code code = result.failed() ? result.failure() : Code.OK;
        Map<String, String> details = new LinkedHashMap<>(result.details());
        details.put("phase", PHASE);
        return new BootReport(code.verdict(), code, log.redactor().redact(result.message()), target.redacted(), 0, 0,
                result.status(), deadline.elapsed().toMillis(), List.of(), details, line);
    }

    private static String verdict(GuardLog log, String db, int applied, int pending, Deadline sinceStart, IntegrityOutcome result) {
        Code code = result.failed() ? result.failure() : Code.OK;
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("phase", PHASE);
        if (result.failed()) {
            extra.put("reason", result.details().getOrDefault("reason", result.message()));
            log.warn(result.message());
        }
        return log.verdict(code, db, applied, pending, result.status(), sinceStart.elapsed().toMillis(), extra);
    }
}
