package dev.schemaguard.internal.boot;

import dev.schemaguard.BootListener;
import dev.schemaguard.internal.report.GuardLog;
import dev.schemaguard.internal.time.NanoClock;
import dev.schemaguard.spi.IntegritySession;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which phase the boot is in, since when; prints a STARTED line per phase and, from the heartbeat
 * thread, a RUNNING line while a phase runs long, so a watchdog can tell slow from hung.
 */
public final class Progress {
    private final GuardLog log;
    private final Deadline deadline;
    private final BootListener listener;
    private volatile String phase = "boot";
    private volatile long phaseStartNanos;
    private volatile long lastLineNanos;
    private volatile IntegritySession.Status integrity = IntegritySession.Status.OFF;
    // Written by the boot's worker only; read by the runner for a verdict reached before the pipeline's own.
    private volatile int applied;
    private volatile int pending;
    private volatile String ledger;

    public Progress(GuardLog log, Deadline deadline) {
        this(log, deadline, BootListener.NONE);
    }

    public Progress(GuardLog log, Deadline deadline, BootListener listener) {
        this.log = log;
        this.deadline = deadline;
        this.listener = listener;
        this.phaseStartNanos = clock().nanoTime();
        this.lastLineNanos = phaseStartNanos;
    }

    /** The boot's clock: everything that measures or waits during the boot reads it. */
    NanoClock clock() {
        return deadline.clock();
    }

    public String bootId() {
        return log.bootId();
    }

    public void enter(String newPhase, String... keyValues) {
        phase = newPhase;
        phaseStartNanos = clock().nanoTime();
        Map<String, String> pairs = new LinkedHashMap<>();
        pairs.put("elapsed_ms", Long.toString(deadline.elapsed().toMillis()));
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            pairs.put(keyValues[i], keyValues[i + 1]);
        }
        log.phase(newPhase, "STARTED", pairs);
        lastLineNanos = clock().nanoTime();
        listener.progress(log.bootId(), newPhase, "STARTED");
    }

    /**
     * Back in a phase already entered, without a line: what a deadline or a heartbeat names while the
     * boot waits on work it started earlier (the changelog read in the background).
     */
    void resume(String earlierPhase) {
        phase = earlierPhase;
    }

    /** A human note between phase lines (a retry, a skipped step); not machine-matched. */
    public void note(String message) {
        log.info(message);
    }

    /** A warning between phase lines (a safeguard that could not run); not machine-matched. */
    public void warn(String message) {
        log.warn(message);
    }

    public java.time.Duration remaining() {
        return deadline.remaining();
    }

    /** The integrity= value so far; the runner reads it for whatever verdict the boot ends with. */
    void integrity(IntegritySession.Status status) {
        integrity = status;
    }

    IntegritySession.Status integrity() {
        return integrity;
    }

    /** The ledger was read: this many migrations of the changelog are not in it. */
    void pending(int notInLedger) {
        pending = notInLedger;
    }

    /** One pending migration is in the ledger now: this boot applied it, or another boot did meanwhile. */
    void migrationDone(boolean byThisBoot) {
        if (byThisBoot) {
            applied++;
        }
        pending--;
    }

    Tally tally() {
        return new Tally(applied, pending);
    }

    /** The ledger kind the boot works with, once known: the verdict line names it ({@code ledger=flyway}). */
    void ledger(String kind) {
        ledger = kind;
    }

    String ledger() {
        return ledger;
    }

    /** A phase's end with its result: {@code phase=X status=<status> [pairs]}. */
    void done(String donePhase, String status, Map<String, String> pairs) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("elapsed_ms", Long.toString(deadline.elapsed().toMillis()));
        all.putAll(pairs);
        log.phase(donePhase, status, all);
        lastLineNanos = clock().nanoTime();
    }

    public String phase() {
        return phase;
    }

    /** Called periodically: prints a RUNNING line when nothing was printed for one heartbeat. */
    void heartbeat(Duration every) {
        long now = clock().nanoTime();
        if (now - lastLineNanos >= every.toNanos()) {
            Map<String, String> pairs = new LinkedHashMap<>();
            pairs.put("elapsed_ms", Long.toString(deadline.elapsed().toMillis()));
            pairs.put("phase_ms", Long.toString((now - phaseStartNanos) / 1_000_000));
            log.phase(phase, "RUNNING", pairs);
            lastLineNanos = now;
            listener.progress(log.bootId(), phase, "RUNNING");
        }
    }
}
