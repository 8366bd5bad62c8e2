package dev.schemaguard.internal.boot;

import dev.schemaguard.internal.report.GuardLog;
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
    private volatile String phase = "boot";
    private volatile long phaseStartNanos = System.nanoTime();
    private volatile long lastLineNanos = System.nanoTime();

    public Progress(GuardLog log, Deadline deadline) {
        this.log = log;
        this.deadline = deadline;
    }

    public void enter(String newPhase, String... keyValues) {
        phase = newPhase;
        phaseStartNanos = System.nanoTime();
        Map<String, String> pairs = new LinkedHashMap<>();
        pairs.put("elapsed_ms", Long.toString(deadline.elapsed().toMillis()));
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            pairs.put(keyValues[i], keyValues[i + 1]);
        }
        log.phase(newPhase, "STARTED", pairs);
        lastLineNanos = System.nanoTime();
    }

    /** A human note between phase lines (a retry, a skipped step); not machine-matched. */
    public void note(String message) {
        log.info(message);
    }

    public java.time.Duration remaining() {
        return deadline.remaining();
    }

    public String phase() {
        return phase;
    }

    /** Called periodically: prints a RUNNING line when nothing was printed for one heartbeat. */
    void heartbeat(Duration every) {
        long now = System.nanoTime();
        if (now - lastLineNanos >= every.toNanos()) {
            Map<String, String> pairs = new LinkedHashMap<>();
            pairs.put("elapsed_ms", Long.toString(deadline.elapsed().toMillis()));
            pairs.put("phase_ms", Long.toString((now - phaseStartNanos) / 1_000_000));
            log.phase(phase, "RUNNING", pairs);
            lastLineNanos = now;
        }
    }
}
