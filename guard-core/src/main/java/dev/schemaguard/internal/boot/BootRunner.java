package dev.schemaguard.internal.boot;

import dev.schemaguard.BootListener;
import dev.schemaguard.BootReport;
import dev.schemaguard.Code;
import dev.schemaguard.GuardConfig;
import dev.schemaguard.GuardConfigException;
import dev.schemaguard.SchemaGuard;
import dev.schemaguard.internal.Helpers;
import dev.schemaguard.internal.report.GuardLog;
import dev.schemaguard.internal.report.Redactor;
import dev.schemaguard.internal.text.ControlChars;
import dev.schemaguard.internal.time.NanoClock;
import dev.schemaguard.spi.IntegritySession;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a boot inside its time budget and ends it with exactly one distinctive line. The pipeline
 * runs on a worker thread; at the deadline the running statement is cancelled and the verdict is
 * HANG within a second, whether or not the worker has unwound by then.
 */
public final class BootRunner {
    private static final Logger LOG = LoggerFactory.getLogger("dev.schemaguard");
    /** How long after the deadline the runner waits for the worker to unwind before it reports anyway. */
    private static final Duration UNWIND_GRACE = Duration.ofMillis(700);
    /** How often the runner looks at the boot's clock while the worker runs. */
    private static final Duration POLL = Duration.ofMillis(50);

    private BootRunner() {
    }

    public static BootReport boot(GuardConfig config) {
        return boot(config, BootListener.NONE);
    }

    /**
     * A boot whose progress and verdict {@code listener} hears (the status file, the termination log).
     * Interrupting the calling thread terminates the boot: the running step is stopped and rolled back,
     * the verdict is {@code HANG code=TERMINATED}, and the thread's interrupt status is set again on return.
     */
    public static BootReport boot(GuardConfig config, BootListener listener) {
        return boot(config, listener, NanoClock.system());
    }

    /** A boot whose every timing (deadline, phases, heartbeats, retries, stamps) reads {@code clock}. */
    public static BootReport boot(GuardConfig config, BootListener listener, NanoClock clock) {
        BootListener safe = SafeListener.wrap(listener);
        Finished finished = run(config, null, safe, clock, run -> new BootPipeline(config, run.target(), false,
                run.progress(), run.interrupter(), run.deploymentId())::run);
        safe.verdict(finished.reportKeepingInterrupt());
        return finished.report();
    }

    public static BootReport plan(GuardConfig config) {
        return run(config, "plan", BootListener.NONE, NanoClock.system(), run -> new BootPipeline(config, run.target(), true,
                run.progress(), run.interrupter(), run.deploymentId())::run).report();
    }

    /**
     * Records as applied the migrations up to {@code to} (all when null) whose objects the database holds,
     * after checking each in the catalog; with {@code dryRun}, only says what it would record and why.
     */
    public static BootReport baseline(GuardConfig config, String to, boolean dryRun) {
        return run(config, dryRun ? "baseline_dry_run" : "baseline", BootListener.NONE, NanoClock.system(),
                run -> new BaselinePipeline(config, run.target(), run.progress(), run.interrupter(), run.deploymentId(),
                        to, dryRun)::run).report();
    }

    /** What a pipeline gets from the runner: the database, the progress lines, the deadline's interrupter, the boot's id. */
    record Run(Target target, Progress progress, Interrupter interrupter, String deploymentId) {
    }

    /**
     * A run's report. When the calling thread was interrupted (and so terminated the boot), {@link #report()}
     * is read after the listeners heard the verdict, and the interrupt status is set again then: a status
     * file is written through a channel that an interrupted thread would close.
     */
    private static final class Finished {
        private final BootReport report;
        private boolean interrupted;

        Finished(BootReport report, boolean interrupted) {
            this.report = report;
            this.interrupted = interrupted;
        }

        BootReport report() {
            if (interrupted) {
                interrupted = false;
                Thread.currentThread().interrupt();
            }
            return report;
        }

        /** The report, the interrupt status still cleared (for the listeners' file writes). */
        BootReport reportKeepingInterrupt() {
            return report;
        }
    }

    /** The verdict of a boot whose configuration could not be loaded: CONFIG_INVALID, with the file, line and fix. */
    static String newBootId() {
        return String.format("%08x", ThreadLocalRandom.current().nextInt());
    }

    /** A failure outside a boot as its report: CONFIG_INVALID for a configuration error, else INTERNAL_ERROR. */
    public static BootReport failedOutsideABoot(Exception error, String database, BootListener listener) {
        BootReport report;
        if (error instanceof GuardConfigException e) {
            report = configInvalid(e, database);
        } else {
            GuardLog log = new GuardLog(Redactor.forUrl(database, List.of()), newBootId());
            String message = error.getMessage() == null ? error.getClass().getName()
                    : error.getMessage().lines().findFirst().orElse("");
            LOG.debug("schema-guard failed outside a boot", error); // the line names the defect; the trace is for its report
            report = report(log, database == null ? "unknown" : log.redactor().redact(database),
                    Deadline.start(NanoClock.system(), Duration.ofSeconds(1)),
                    Outcome.failed(Failure.of(Code.INTERNAL_ERROR, message + ". " + Advice.fix(Code.INTERNAL_ERROR),
                            "reason", message)),
                    IntegritySession.Status.OFF, Map.of(), null, null);
        }
        SafeListener.wrap(listener).verdict(report);
        return report;
    }

    static BootReport configInvalid(GuardConfigException e, String database) {
        GuardLog log = new GuardLog(Redactor.forUrl(database, List.of()), newBootId());
        return report(log, database == null ? "unknown" : log.redactor().redact(database),
                Deadline.start(NanoClock.system(), Duration.ofSeconds(1)),
                Outcome.failed(Failure.of(Code.CONFIG_INVALID, e.getMessage(), "reason", e.getMessage())),
                IntegritySession.Status.OFF, Map.of(), null, null);
    }

    /**
     * @param mode  null for a boot, else the line's {@code mode=} (plan, baseline, baseline_dry_run): changes
     *              nothing unless baseline
     */
    private static Finished run(GuardConfig config, String mode, BootListener listener, NanoClock clock,
                                Function<Run, Callable<Outcome>> pipelineOf) {
        boolean planOnly = mode != null;
        Deadline deadline = Deadline.start(clock, config.deadline());
        String bootId = newBootId();
        Target target;
        try {
            target = Target.of(config);
        } catch (GuardConfigException e) {
            GuardLog log = new GuardLog(Redactor.forUrl(config.database(), List.of()), bootId);
            return new Finished(report(log, "unknown", deadline, Outcome.failed(Failure.of(Code.CONFIG_INVALID, e.getMessage(),
                    "reason", e.getMessage())), IntegritySession.Status.OFF, tags(mode), null, null), false);
        }
        target.prepare();
        GuardLog log = new GuardLog(target.redactor(), bootId);
        Map<String, String> started = new LinkedHashMap<>();
        started.put("db", target.redacted());
        started.put("version", SchemaGuard.VERSION);
        started.put("mode", mode == null ? "boot" : mode);
        log.phase("boot", "STARTED", started);
        Progress progress = new Progress(log, deadline, listener);
        listener.progress(bootId, "boot", "STARTED");
        Interrupter interrupter = new Interrupter();
        String deploymentId = Long.toString(clock.millis() % 10_000_000_000L);
        Callable<Outcome> pipeline = pipelineOf.apply(new Run(target, progress, interrupter, deploymentId));

        long tick = Math.max(50, Math.min(1000, config.heartbeat().toMillis() / 5));
        ScheduledFuture<?> heartbeat = Helpers.every(Duration.ofMillis(tick), () -> progress.heartbeat(config.heartbeat()));
        Helpers.Task<Outcome> worker = Helpers.start("schema-guard-boot-" + bootId, pipeline);
        boolean interrupted = false;
        try {
            Future<Outcome> future = worker.future();
            Outcome outcome;
            try {
                outcome = await(future, deadline);
            } catch (TimeoutException e) {
                outcome = stop(Stop.DEADLINE, future, worker, interrupter, progress, deadline);
            } catch (InterruptedException e) {
                interrupted = true;
                outcome = stop(Stop.TERMINATED, future, worker, interrupter, progress, deadline);
            } catch (ExecutionException e) {
                outcome = failed(e.getCause(), progress, deadline, target);
            }
            outcome = withLockHolder(outcome, target);
            boolean passing = outcome.failure() == null && !planOnly && outcome.integrity() != null;
            if (passing) {
                // Before the verdict line: nothing a boot prints may follow it.
                outcome.integrity().recordPass();
            }
            BootReport report = report(log, target.redacted(), deadline, outcome, progress.integrity(), tags(mode),
                    progress.ledger(), null);
            if (passing) {
                DeferredIntegrity.startIfDeferred(outcome, report, log, clock);
            }
            return new Finished(report, interrupted);
        } finally {
            heartbeat.cancel(false);
            worker.cancel();
        }
    }

    /** The worker's outcome, or a timeout once the boot's clock says the deadline has passed. */
    private static Outcome await(Future<Outcome> future, Deadline deadline)
            throws ExecutionException, InterruptedException, TimeoutException {
        while (true) {
            try {
                return future.get(Math.min(deadline.remaining().toNanos(), POLL.toNanos()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                if (deadline.expired()) {
                    throw e;
                }
            }
        }
    }

    /** Why a boot was stopped before its pipeline ended. */
    private enum Stop { DEADLINE, TERMINATED }

    /**
     * Stops the running step (its statement cancelled, nothing committed after this), gives the worker
     * a moment to roll back, and reports what the boot had reached: the phase, and the tally so far.
     */
    private static Outcome stop(Stop why, Future<Outcome> future, Helpers.Task<Outcome> worker, Interrupter interrupter,
                                Progress progress, Deadline deadline) {
        String phase = progress.phase();
        interrupter.expire();
        future.cancel(true);
        awaitUnwind(worker);
        Failure failure = why == Stop.DEADLINE ? deadlineExceeded(phase, deadline) : terminated(phase);
        return Outcome.stopped(failure, progress.tally());
    }

    private static Outcome failed(Throwable cause, Progress progress, Deadline deadline, Target target) {
        String phase = progress.phase();
        if (cause instanceof BootStop stop) {
            return Outcome.stopped(stop.failure(), progress.tally());
        }
        if (cause instanceof Interrupter.DeadlineExceeded || cause instanceof CancellationException) {
            // The worker saw the expiry (or an interrupt) first; the deadline is what stopped it.
            return Outcome.stopped(deadlineExceeded(phase, deadline), progress.tally());
        }
        if (cause instanceof GuardConfigException e) {
            return Outcome.failed(Failure.of(Code.CONFIG_INVALID, e.getMessage(), "reason", e.getMessage()));
        }
        String message = cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage().lines().findFirst().orElse("");
        Code code = cause instanceof SQLException
                ? target.codeFor(cause).orElse(Code.DATABASE_UNREACHABLE) : Code.INTERNAL_ERROR;
        if (code == Code.DATABASE_MISSING) {
            return Outcome.failed(Failure.of(code, "the database " + target.redacted() + " does not exist on the server ("
                    + message + "); Schema Guard never creates one. Fix the database name in the URL, or create the database "
                    + "and restore its data.", "reason", "does not exist"));
        }
        return Outcome.stopped(Failure.of(code, "phase " + phase + ": " + message + ". " + Advice.fix(code),
                "phase", phase, "reason", message), progress.tally());
    }

    /** A LOCKED failure names who holds the lock, when the dialect can tell. */
    private static Outcome withLockHolder(Outcome outcome, Target target) {
        Failure failure = outcome.failure();
        if (failure == null || failure.code() != Code.LOCKED) {
            return outcome;
        }
        String holder = target.database().lockHolder().orElse(null);
        if (holder == null) {
            return outcome;
        }
        Map<String, String> details = new LinkedHashMap<>(failure.details());
        details.put("holder", holder);
        return outcome.failingWith(new Failure(Code.LOCKED, failure.message() + " The lock is held by " + holder + ".", details));
    }

    private static Failure deadlineExceeded(String phase, Deadline deadline) {
        String budget = deadline.budget().toMillis() + "ms";
        return Failure.of(Code.DEADLINE_EXCEEDED, "the boot ran out of its " + budget
                        + " deadline in phase " + phase + "; the running step was interrupted and rolled back. "
                        + "Raise deadline: if the step is legitimately slow, or find what blocks it.",
                "phase", phase, "reason", "deadline " + budget + " exceeded");
    }

    private static Failure terminated(String phase) {
        return Failure.of(Code.TERMINATED, "the boot was stopped from outside (SIGTERM, SIGINT, or an interrupt) in phase "
                        + phase + "; the running step was interrupted and rolled back, and nothing after it was applied. "
                        + "Boot again: what was applied before stays, the rest is applied then.",
                "phase", phase, "reason", "terminated");
    }

    /** The line's {@code mode=} for a run that is not a boot. */
    private static Map<String, String> tags(String mode) {
        return mode == null ? Map.of() : Map.of("mode", mode);
    }

    /**
     * The one place a report is built and its verdict line logged: boots, plans, baselines,
     * configuration errors, crashes and integrity checks after a boot alike.
     *
     * @param tags         keys that say what kind of run this was ({@code mode=plan}, {@code phase=deferred_integrity_check}),
     *                     first among the line's extra keys (which are the report's details)
     * @param ledger       the ledger kind the boot read, named in the line as {@code ledger=}; null before it was known
     * @param passMessage  the report's message when nothing failed; null for the run's own (by its {@code mode})
     */
    static BootReport report(GuardLog log, String db, Deadline deadline, Outcome outcome, IntegritySession.Status integrity,
                             Map<String, String> tags, String ledger, String passMessage) {
        Failure failure = outcome.failure();
        Code code = failure == null ? Code.OK : failure.code();
        String mode = tags.get("mode");
        Map<String, String> extra = new LinkedHashMap<>(tags);
        if (ledger != null) {
            extra.put("ledger", ledger);
        }
        if (mode != null && mode.startsWith("baseline")) {
            extra.put(mode.equals("baseline") ? "recorded" : "would_record", Integer.toString(outcome.recorded()));
        }
        if (failure != null) {
            failure.details().forEach((k, v) -> extra.put(k, log.redactor().redact(v)));
        }
        String message = failure != null ? failure.message() : passMessage != null ? passMessage
                : mode == null ? "the database satisfies the contract" : mode.equals("plan") ? "the plan passes"
                : outcome.recorded() + " migration(s) " + (mode.equals("baseline") ? "recorded as applied"
                : "would be recorded as applied") + ", each checked in the catalog";
        message = ControlChars.escape(log.redactor().redact(message));
        if (failure != null) {
            log.warn(message);
        }
        long elapsed = deadline.elapsed().toMillis();
        String text = log.verdict(code, db, outcome.applied(), outcome.pending(), integrity.text(), elapsed, extra);
        return new BootReport(code.verdict(), code, message, db, outcome.applied(),
                outcome.pending(), integrity.text(), elapsed, outcome.migrations(), extra, text);
    }

    private static void awaitUnwind(Helpers.Task<Outcome> worker) {
        worker.cancel();
        try {
            worker.awaitEnd(UNWIND_GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
