package dev.schemaguard.testing;

import dev.schemaguard.BootListener;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Moves a boot's clock to the end of its budget (or to a given time before it) the moment the boot
 * enters a phase, so that the deadline runs out in that phase however fast or loaded the machine is. Give the boot a budget
 * that no phase before this one could use up, and a {@link TestClock#realTime()} clock, so that
 * what follows the deadline (the interrupt, the rollback, the verdict) runs in real time.
 */
public final class ExpireIn implements BootListener {
    private final String phase;
    private final TestClock clock;
    private final Duration budget;
    private final Duration left;
    private final int nth;
    private final AtomicInteger entries = new AtomicInteger();
    private volatile long bootStartedNanos;
    private volatile boolean expired;

    private ExpireIn(String phase, int nth, TestClock clock, Duration budget, Duration left) {
        this.phase = phase;
        this.nth = nth;
        this.clock = clock;
        this.budget = budget;
        this.left = left;
    }

    /** @param budget  the boot's deadline, as configured */
    public static ExpireIn phase(String phase, TestClock clock, Duration budget) {
        return new ExpireIn(phase, 1, clock, budget, Duration.ZERO);
    }

    /** Leaves {@code left} of the budget as the boot enters the phase, instead of none. */
    public static ExpireIn phaseLeaving(String phase, TestClock clock, Duration budget, Duration left) {
        return new ExpireIn(phase, 1, clock, budget, left);
    }

    /**
     * Leaves {@code left} as the boot enters the phase for the {@code nth} time: {@code apply} is entered
     * once as it begins (then the apply lock is taken), then once per migration.
     */
    public static ExpireIn phaseLeaving(String phase, int nth, TestClock clock, Duration budget, Duration left) {
        return new ExpireIn(phase, nth, clock, budget, left);
    }

    @Override
    public void progress(String bootId, String progressPhase, String status) {
        if (progressPhase.equals("boot")) {
            // Heard right after the deadline started, so the deadline has passed once this much more is added.
            bootStartedNanos = clock.nanoTime();
        } else if (progressPhase.equals(phase) && status.equals("STARTED") && !expired && entries.incrementAndGet() == nth) {
            expired = true;
            clock.advance(Duration.ofNanos(bootStartedNanos + budget.minus(left).toNanos() - clock.nanoTime()));
        }
    }

    /** Whether the boot reached the phase (and the clock was moved). */
    public boolean expired() {
        return expired;
    }
}
