package dev.schemaguard.internal.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

/**
 * The one source of time for a boot: a monotonic nanosecond counter for budgets and phases, the
 * wall clock (as a {@link Clock}, in UTC) for timestamps and stamps, and waiting by this clock.
 * Everything in core that measures or waits is handed one, so that tests drive time instead of
 * sleeping; {@link #system()} is the only place core reads the machine's clocks.
 */
public abstract class NanoClock extends Clock {
    private static final NanoClock SYSTEM = new NanoClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public Instant instant() {
            return Instant.now();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            TimeUnit.NANOSECONDS.sleep(duration.toNanos());
        }
    };

    /** The machine's clocks. */
    public static NanoClock system() {
        return SYSTEM;
    }

    /** Nanoseconds from an arbitrary origin; only differences mean anything (as {@link System#nanoTime()}). */
    public abstract long nanoTime();

    /** Waits this long, by this clock. */
    public abstract void sleep(Duration duration) throws InterruptedException;

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** Always UTC: the guard's timestamps are. */
    @Override
    public Clock withZone(ZoneId zone) {
        if (!ZoneOffset.UTC.equals(zone)) {
            throw new UnsupportedOperationException("the guard's clock is UTC");
        }
        return this;
    }
}
