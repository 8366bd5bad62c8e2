package dev.schemaguard.internal.boot;

import dev.schemaguard.internal.time.NanoClock;
import java.time.Duration;

/** The boot's time budget, read from the boot's {@link NanoClock} so deadline logic is testable. */
public final class Deadline {
    private final NanoClock clock;
    private final long startNanos;
    private final long budgetNanos;

    private Deadline(NanoClock clock, Duration budget) {
        this.clock = clock;
        this.startNanos = clock.nanoTime();
        this.budgetNanos = budget.toNanos();
    }

    public static Deadline start(NanoClock clock, Duration budget) {
        return new Deadline(clock, budget);
    }

    /** The clock this deadline reads, and with it every other timing of the same boot. */
    public NanoClock clock() {
        return clock;
    }

    public Duration elapsed() {
        return Duration.ofNanos(clock.nanoTime() - startNanos);
    }

    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, budgetNanos - (clock.nanoTime() - startNanos)));
    }

    public boolean expired() {
        return clock.nanoTime() - startNanos >= budgetNanos;
    }

    public Duration budget() {
        return Duration.ofNanos(budgetNanos);
    }
}
