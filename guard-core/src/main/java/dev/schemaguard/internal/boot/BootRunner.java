package dev.schemaguard.internal.boot;

import dev.schemaguard.BootListener;
import dev.schemaguard.BootReport;
import dev.schemaguard.Code;
import dev.schemaguard.GuardConfig;
import dev.schemaguard.GuardConfigException;
import dev.schemaguard.MigrationOutcome;
import dev.schemaguard.internal.report.GuardLog;
import dev.schemaguard.internal.report.Redactor;
import dev.schemaguard.spi.IntegrityOutcome;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a boot inside its time budget and ends it with exactly one distinctive line. The pipeline
 * runs on a worker thread; at the deadline the running statement is cancelled and the verdict is
 * HANG within a second, whether or not the worker has unwound by then.
 */
public final class BootRunner {
    /** How long after the deadline the runner waits for the worker to unwind before it reports anyway. */
    private static final Duration UNWIND_GRACE = Duration.ofMillis(700);
    public static final String VERSION = "0.1.0";

    private BootRunner() {
    }

    public static BootReport boot(GuardConfig config) {
        return boot(config, BootListener.NONE);
    }

    /** A boot whose progress and verdict {@code listener} hears (the status file, the termination log). */
    public static BootReport boot(GuardConfig config, BootListener listener) {
        BootListener safe = SafeListener.wrap(listener);
        BootReport report = run(config, false, safe);
        safe.verdict(report);
        return report;
    }

    public static BootReport plan(GuardConfig config) {
        return run(config, true, BootListener.NONE);
    }

    /** The verdict of a boot whose configuration could not be loaded: CONFIG_INVALID, with the file, line and fix. */
    public static BootReport configInvalid(GuardConfigException e, String database) {
        GuardLog log = new GuardLog(Redactor.forUrl(database, List.of()), String.format("%08x", ThreadLocalRandom.current().nextInt()));
        return report(log, database == null ? "unknown" : log.redactor().redact(database), false, Deadline.start(Duration.ofSeconds(1)),
                Outcome.failed(Failure.of(Code.CONFIG_INVALID, e.getMessage(), "reason", e.getMessage())), "off");
    }

    private static BootReport run(GuardConfig config, boolean planOnly, BootListener listener) {
        Deadline deadline = Deadline.start(config.deadline());
        String bootId = String.format("%08x", ThreadLocalRandom.current().nextInt());
        Target target;
        try {
            target = Target.of(config);
        } catch (GuardConfigException e) {
            GuardLog log = new GuardLog(Redactor.forUrl(config.database(), List.of()), bootId);
            return report(log, "unknown", planOnly, deadline, Outcome.failed(Failure.of(Code.CONFIG_INVALID, e.getMessage(),
                    "reason", e.getMessage())), "off");
        }
        GuardLog log = new GuardLog(target.redactor(), bootId);
        Map<String, String> started = new LinkedHashMap<>();
        started.put("db", target.redacted());
        started.put("version", VERSION);
        started.put("mode", planOnly ? "plan" : "boot");
        log.phase("boot", "STARTED", started);
        Progress progress = new Progress(log, deadline, listener);
        listener.progress(bootId, "boot", "STARTED");
        Interrupter interrupter = new Interrupter();
        String deploymentId = Long.toString(System.currentTimeMillis() % 10_000_000_000L);
        BootPipeline pipeline = new BootPipeline(config, target, planOnly, progress, interrupter, deploymentId);

        ExecutorService worker = Executors.newSingleThreadExecutor(daemon("schema-guard-boot-" + bootId));
        ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(daemon("schema-guard-heartbeat-" + bootId));
        long tick = Math.max(50, Math.min(1000, config.heartbeat().toMillis() / 5));
        heartbeat.scheduleAtFixedRate(() -> progress.heartbeat(config.heartbeat()), tick, tick, TimeUnit.MILLISECONDS);
        try {
            Future<Outcome> future = worker.submit(pipeline::run);
            Outcome outcome;
            try {
                outcome = future.get(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                String phase = progress.phase();
                interrupter.expire();
                future.cancel(true);
                awaitUnwind(worker);
                outcome = hang(phase, deadline);
            } catch (ExecutionException e) {
                outcome = failed(e.getCause(), progress.phase(), deadline);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                interrupter.expire();
                outcome = hang(progress.phase(), deadline);
            }
            BootReport report = report(log, target.redacted(), planOnly, deadline, outcome, progress.integrity());
            if (report.passed() && !planOnly && outcome.integrity() != null) {
                afterPass(outcome, report, log);
            }
            return report;
        } finally {
            heartbeat.shutdownNow();
            worker.shutdownNow();
        }
    }

    private static Outcome failed(Throwable cause, String phase, Deadline deadline) {
        if (cause instanceof BootStop stop) {
            return Outcome.failed(stop.failure());
        }
        if (cause instanceof Interrupter.DeadlineExceeded) {
            return hang(phase, deadline);
        }
        if (cause instanceof GuardConfigException e) {
            return Outcome.failed(Failure.of(Code.CONFIG_INVALID, e.getMessage(), "reason", e.getMessage()));
        }
        String message = cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage().lines().findFirst().orElse("");
        Code code = cause instanceof SQLException ? Code.DATABASE_UNREACHABLE : Code.INTERNAL_ERROR;
        String fix = code == Code.DATABASE_UNREACHABLE ? "Check the database URL, that the file or server is reachable, and its permissions."
                : "This is a defect in Schema Guard; please report it with this line.";
        return Outcome.failed(Failure.of(code, "phase " + phase + ": " + message + ". " + fix,
                "phase", phase, "reason", message));
    }

    private static Outcome hang(String phase, Deadline deadline) {
        String budget = deadline.budget().toMillis() + "ms";
        return Outcome.failed(Failure.of(Code.DEADLINE_EXCEEDED, "the boot ran out of its " + budget
                        + " deadline in phase " + phase + "; the running step was interrupted and rolled back. "
                        + "Raise deadline: if the step is legitimately slow, or find what blocks it.",
                "phase", phase, "reason", "deadline " + budget + " exceeded"));
    }

    /**
     * Records the trusted stamp, and, for a file skipped for its size with {@code deferred: true},
     * starts the full check in the background; its failure prints its own verdict line.
     */
    private static void afterPass(Outcome outcome, BootReport report, GuardLog log) {
        outcome.integrity().recordPass();
        if (!outcome.deferIntegrity()) {
            return;
        }
        Deadline sinceBoot = Deadline.start(Duration.ofDays(1));
        outcome.integrity().deferredCheck().ifPresent(check -> check.thenAccept(result ->
                deferredVerdict(log, report.target(), report.applied(), report.pending(), sinceBoot, result)));
    }

    /**
     * The full integrity check on a read-only connection, as {@code schema-guard check-integrity}
     * runs it from cron: the deferred check of a file too large to check at boot. A pass refreshes
     * the trusted stamp.
     */
    public static BootReport checkIntegrity(GuardConfig config) {
        Deadline deadline = Deadline.start(Duration.ofDays(1));
        String bootId = String.format("%08x", ThreadLocalRandom.current().nextInt());
        Target target;
        try {
            target = Target.of(config);
        } catch (GuardConfigException e) {
            return configInvalid(e, config.database());
        }
        GuardLog log = new GuardLog(target.redactor(), bootId);
        if (!target.exists()) {
            return report(log, target.redacted(), false, deadline, Outcome.failed(Failure.of(Code.DATABASE_MISSING,
                    "the database " + target.redacted() + " does not exist; there is nothing to check.",
                    "phase", "deferred_integrity_check", "reason", "does not exist")), "off");
        }
        Optional<CompletableFuture<IntegrityOutcome>> check = target.dialect().integrity(target.url(), config.integrity()).deferredCheck();
        if (check.isEmpty()) {
            return configInvalid(new GuardConfigException("check-integrity: the " + target.dialect().name()
                    + " dialect has no offline integrity check; use integrity.mode at boot."), config.database());
        }
        IntegrityOutcome result = check.get().join();
        String line = deferredVerdict(log, target.redacted(), 0, 0, deadline, result);
        Code code = result.failed() ? result.failure() : Code.OK;
        Map<String, String> details = new LinkedHashMap<>(result.details());
        details.put("phase", "deferred_integrity_check");
        return new BootReport(code.verdict(), code, log.redactor().redact(result.message()), target.redacted(), 0, 0,
                result.status(), deadline.elapsed().toMillis(), List.of(), details, line);
    }

    private static String deferredVerdict(GuardLog log, String db, int applied, int pending, Deadline sinceStart,
                                          IntegrityOutcome result) {
        Map<String, String> line = new LinkedHashMap<>();
        Code code = result.failed() ? result.failure() : Code.OK;
        line.put("result", code.verdict().name());
        line.put("code", code.name());
        line.put("db", db);
        line.put("applied", Integer.toString(applied));
        line.put("pending", Integer.toString(pending));
        line.put("integrity", result.status());
        line.put("elapsed_ms", Long.toString(sinceStart.elapsed().toMillis()));
        line.put("boot", log.bootId());
        line.put("phase", "deferred_integrity_check");
        if (result.failed()) {
            line.put("reason", result.details().getOrDefault("reason", result.message()));
            log.warn(result.message());
        }
        return log.verdict(line, !result.failed());
    }

    private static BootReport report(GuardLog log, String db, boolean planOnly, Deadline deadline, Outcome outcome, String integrity) {
        Failure failure = outcome.failure();
        Code code = failure == null ? Code.OK : failure.code();
        Map<String, String> line = new LinkedHashMap<>();
        line.put("result", code.verdict().name());
        line.put("code", code.name());
        line.put("db", db);
        line.put("applied", Integer.toString(outcome.applied()));
        line.put("pending", Integer.toString(outcome.pending()));
        line.put("integrity", integrity);
        line.put("elapsed_ms", Long.toString(deadline.elapsed().toMillis()));
        line.put("boot", log.bootId());
        if (planOnly) {
            line.put("mode", "plan");
        }
        Map<String, String> details = new LinkedHashMap<>();
        if (failure != null) {
            failure.details().forEach((k, v) -> details.put(k, log.redactor().redact(v)));
        }
        details.forEach(line::putIfAbsent);
        String message = failure == null ? (planOnly ? "the plan passes" : "the database satisfies the contract") : failure.message();
        if (failure != null) {
            log.warn(message);
        }
        String text = log.verdict(line, failure == null);
        List<MigrationOutcome> migrations = outcome.migrations();
        return new dev.schemaguard.BootReport(code.verdict(), code, log.redactor().redact(message), db, outcome.applied(),
                outcome.pending(), integrity, deadline.elapsed().toMillis(), migrations, details, text);
    }

    private static void awaitUnwind(ExecutorService worker) {
        worker.shutdownNow();
        try {
            worker.awaitTermination(UNWIND_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
