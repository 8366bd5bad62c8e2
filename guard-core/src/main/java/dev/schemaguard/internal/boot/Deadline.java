package dev.schemaguard.internal.boot;

import java.time.Duration;
import java.util.function.LongSupplier;

/** The boot's time budget, read from an injectable nanosecond clock so deadline logic is testable. */
public final class Deadline {
    private final LongSupplier nanoClock;
    private final long startNanos;
    private final long budgetNanos;

    private Deadline(LongSupplier nanoClock, Duration budget) {
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        this.budgetNanos = budget.toNanos();
    }

    public static Deadline start(Duration budget) {
        return new Deadline(System::nanoTime, budget);
    }

    public static Deadline start(LongSupplier nanoClock, Duration budget) {
        return new Deadline(nanoClock, budget);
    }

    public Duration elapsed() {
        return Duration.ofNanos(nanoClock.getAsLong() - startNanos);
    }

    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, budgetNanos - (nanoClock.getAsLong() - startNanos)));
    }

    public boolean expired() {
        return nanoClock.getAsLong() - startNanos >= budgetNanos;
    }

    public Duration budget() {
        return Duration.ofNanos(budgetNanos);
    }
}
