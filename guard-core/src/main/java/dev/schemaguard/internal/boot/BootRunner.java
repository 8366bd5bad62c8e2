package dev.schemaguard.internal.boot;

import dev.schemaguard.BootListener;
import dev.schemaguard.BootReport;
import dev.schemaguard.Code;
import dev.schemaguard.GuardConfig;
import dev.schemaguard.GuardConfigException;
import dev.schemaguard.internal.report.GuardLog;
import dev.schemaguard.internal.report.Redactor;
import dev.schemaguard.internal.text.ControlChars;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
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

    /**
     * A boot whose progress and verdict {@code listener} hears (the status file, the termination log).
     * Interrupting the calling thread terminates the boot: the running step is stopped and rolled back,
     * the verdict is {@code HANG code=TERMINATED}, and the thread's interrupt status is set again on return.
     */
    public static BootReport boot(GuardConfig config, BootListener listener) {
        BootListener safe = SafeListener.wrap(listener);
        Run run = run(config, false, safe);
        safe.verdict(run.report());
        run.restoreInterrupt();
        return run.report();
    }

    public static BootReport plan(GuardConfig config) {
        Run run = run(config, true, BootListener.NONE);
        run.restoreInterrupt();
        return run.report();
    }

    static String newBootId() {
        return String.format("%08x", ThreadLocalRandom.current().nextInt());
    }

    /** The verdict of a boot whose configuration could not be loaded: CONFIG_INVALID, with the file, line and fix. */
    public static BootReport configInvalid(GuardConfigException e, String database) {
        GuardLog log = new GuardLog(Redactor.forUrl(database, List.of()), newBootId());
        return report(log, database == null ? "unknown" : log.redactor().redact(database), false, Deadline.start(Duration.ofSeconds(1)),
                Outcome.failed(Failure.of(Code.CONFIG_INVALID, e.getMessage(), "reason", e.getMessage())), "off");
    }

    /** A finished run: its report, and whether the calling thread was interrupted (and so terminated it). */
    private record Run(BootReport report, boolean interrupted) {
        void restoreInterrupt() {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Run run(GuardConfig config, boolean planOnly, BootListener listener) {
        Deadline deadline = Deadline.start(config.deadline());
        String bootId = newBootId();
        Target target;
        try {
            target = Target.of(config);
        } catch (GuardConfigException e) {
            GuardLog log = new GuardLog(Redactor.forUrl(config.database(), List.of()), bootId);
            return new Run(report(log, "unknown", planOnly, deadline, Outcome.failed(Failure.of(Code.CONFIG_INVALID, e.getMessage(),
                    "reason", e.getMessage())), "off"), false);
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
        boolean interrupted = false;
        try {
            Future<Outcome> future = worker.submit(pipeline::run);
            Outcome outcome;
            try {
                outcome = future.get(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
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
            BootReport report = report(log, target.redacted(), planOnly, deadline, outcome, progress.integrity());
            if (passing) {
                DeferredIntegrity.startIfDeferred(outcome, report, log);
            }
            return new Run(report, interrupted);
        } finally {
            heartbeat.shutdownNow();
            worker.shutdownNow();
        }
    }

    /** Why a boot was stopped before its pipeline ended. */
    private enum Stop { DEADLINE, TERMINATED }

    /**
     * Stops the running step (its statement cancelled, nothing committed after this), gives the worker
     * a moment to roll back, and reports what the boot had reached: the phase, and the tally so far.
     */
    private static Outcome stop(Stop why, Future<Outcome> future, ExecutorService worker, Interrupter interrupter,
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
        String holder = target.dialect().lockHolder(target.url()).orElse(null);
        if (holder == null) {
            return outcome;
        }
        Map<String, String> details = new LinkedHashMap<>(failure.details());
        details.put("holder", holder);
        Failure named = new Failure(Code.LOCKED, failure.message() + " The lock is held by " + holder + ".", details);
        return new Outcome(outcome.migrations(), named, outcome.integrity(), outcome.deferIntegrity(), outcome.tally());
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

    static BootReport report(GuardLog log, String db, boolean planOnly, Deadline deadline, Outcome outcome, String integrity) {
        Failure failure = outcome.failure();
        Code code = failure == null ? Code.OK : failure.code();
        Map<String, String> extra = new LinkedHashMap<>();
        if (planOnly) {
            extra.put("mode", "plan");
        }
        Map<String, String> details = new LinkedHashMap<>();
        if (failure != null) {
            failure.details().forEach((k, v) -> details.put(k, log.redactor().redact(v)));
        }
        extra.putAll(details);
        String message = failure == null ? (planOnly ? "the plan passes" : "the database satisfies the contract") : failure.message();
        message = ControlChars.escape(log.redactor().redact(message));
        if (failure != null) {
            log.warn(message);
        }
        long elapsed = deadline.elapsed().toMillis();
        String text = log.verdict(code, db, outcome.applied(), outcome.pending(), integrity, elapsed, extra);
        return new BootReport(code.verdict(), code, message, db, outcome.applied(),
                outcome.pending(), integrity, elapsed, outcome.migrations(), details, text);
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
