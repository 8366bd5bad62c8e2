package dev.schemaguard.internal.boot;

import dev.schemaguard.BootReport;
import dev.schemaguard.Code;
import dev.schemaguard.GuardConfig;
import dev.schemaguard.GuardConfigException;
import dev.schemaguard.MigrationOutcome;
import dev.schemaguard.internal.report.GuardLog;
import dev.schemaguard.internal.report.Redactor;
import java.sql.SQLException;
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
        return run(config, false);
    }

    public static BootReport plan(GuardConfig config) {
        return run(config, true);
    }

    /** The verdict of a boot whose configuration could not be loaded: CONFIG_INVALID, with the file, line and fix. */
    public static BootReport configInvalid(GuardConfigException e, String database) {
        GuardLog log = new GuardLog(Redactor.forUrl(database, List.of()), String.format("%08x", ThreadLocalRandom.current().nextInt()));
        return report(log, database == null ? "unknown" : log.redactor().redact(database), false, Deadline.start(Duration.ofSeconds(1)),
                new Outcome(List.of(), Failure.of(Code.CONFIG_INVALID, e.getMessage(), "reason", e.getMessage()), "off"));
    }

    private static BootReport run(GuardConfig config, boolean planOnly) {
        Deadline deadline = Deadline.start(config.deadline());
        String bootId = String.format("%08x", ThreadLocalRandom.current().nextInt());
        Target target;
        try {
            target = Target.of(config);
        } catch (GuardConfigException e) {
            GuardLog log = new GuardLog(Redactor.forUrl(config.database(), List.of()), bootId);
            return report(log, "unknown", planOnly, deadline, new Outcome(List.of(), Failure.of(Code.CONFIG_INVALID, e.getMessage(),
                    "reason", e.getMessage()), "off"));
        }
        GuardLog log = new GuardLog(target.redactor(), bootId);
        Map<String, String> started = new LinkedHashMap<>();
        started.put("db", target.redacted());
        started.put("version", VERSION);
        started.put("mode", planOnly ? "plan" : "boot");
        log.phase("boot", "STARTED", started);
        Progress progress = new Progress(log, deadline);
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
                outcome = failed(e.getCause(), progress.phase(), deadline, target);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                interrupter.expire();
                outcome = hang(progress.phase(), deadline);
            }
            return report(log, target.redacted(), planOnly, deadline, outcome);
        } finally {
            heartbeat.shutdownNow();
            worker.shutdownNow();
        }
    }

    private static Outcome failed(Throwable cause, String phase, Deadline deadline, Target target) {
        if (cause instanceof BootStop stop) {
            return new Outcome(List.of(), stop.failure(), "off");
        }
        if (cause instanceof Interrupter.DeadlineExceeded) {
            return hang(phase, deadline);
        }
        if (cause instanceof GuardConfigException e) {
            return new Outcome(List.of(), Failure.of(Code.CONFIG_INVALID, e.getMessage(), "reason", e.getMessage()), "off");
        }
        String message = cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage().lines().findFirst().orElse("");
        Code code = cause instanceof SQLException
                ? target.codeFor(cause).orElse(Code.DATABASE_UNREACHABLE) : Code.INTERNAL_ERROR;
        if (code == Code.DATABASE_MISSING) {
            return new Outcome(List.of(), Failure.of(code, "the database " + target.redacted() + " does not exist on the server ("
                    + message + "); Schema Guard never creates one. Fix the database name in the URL, or create the database "
                    + "and restore its data.", "reason", "does not exist"), "off");
        }
        return new Outcome(List.of(), Failure.of(code, "phase " + phase + ": " + message + ". " + fixFor(code),
                "phase", phase, "reason", message), "off");
    }

    private static String fixFor(Code code) {
        return switch (code) {
            case DATABASE_UNREACHABLE -> "Check the database URL, that the file or server is reachable, the user and password, and permissions.";
            case LOCK_TIMEOUT -> "Another session holds the lock; let it finish (find it in pg_stat_activity or pg_locks) and boot again.";
            case DATABASE_READ_ONLY -> "Point the service at a database that accepts writes.";
            case INTERNAL_ERROR -> "This is a defect in Schema Guard; please report it with this line.";
            default -> "See docs/codes.md for " + code + ".";
        };
    }

    private static Outcome hang(String phase, Deadline deadline) {
        String budget = deadline.budget().toMillis() + "ms";
        return new Outcome(List.of(), Failure.of(Code.DEADLINE_EXCEEDED, "the boot ran out of its " + budget
                        + " deadline in phase " + phase + "; the running step was interrupted and rolled back. "
                        + "Raise deadline: if the step is legitimately slow, or find what blocks it.",
                "phase", phase, "reason", "deadline " + budget + " exceeded"), "off");
    }

    private static BootReport report(GuardLog log, String db, boolean planOnly, Deadline deadline, Outcome outcome) {
        Failure failure = outcome.failure();
        Code code = failure == null ? Code.OK : failure.code();
        Map<String, String> line = new LinkedHashMap<>();
        line.put("result", code.verdict().name());
        line.put("code", code.name());
        line.put("db", db);
        line.put("applied", Integer.toString(outcome.applied()));
        line.put("pending", Integer.toString(outcome.pending()));
        line.put("integrity", outcome.integrity());
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
                outcome.pending(), outcome.integrity(), deadline.elapsed().toMillis(), migrations, details, text);
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
