package dev.schemaguard.testing;

import dev.schemaguard.internal.time.NanoClock;
import java.time.Duration;
import java.time.Instant;

/**
 * A clock a test drives, so that no test waits for real time to pass or depends on how fast the
 * machine is. {@link #at} stands still until moved; {@link #realTime} follows the machine's clocks
 * plus whatever the test adds. Waiting by this clock ({@link #sleep}) moves it instead of waiting.
 * Volatile: a boot reads it on its worker and heartbeat threads.
 */
public final class TestClock extends NanoClock {
    private final boolean real;
    private final Instant origin;
    private volatile long offsetNanos;

    private TestClock(boolean real, Instant origin) {
        this.real = real;
        this.origin = origin;
    }

    /** A clock that reads {@code start} until the test moves it. */
    public static TestClock at(Instant start) {
        return new TestClock(false, start);
    }

    /** The machine's clocks, plus every {@link #advance}. */
    public static TestClock realTime() {
        return new TestClock(true, null);
    }

    /** The machine's clocks, running {@code ahead} of them: what they will read that much later. */
    public static TestClock ahead(Duration ahead) {
        TestClock clock = realTime();
        clock.advance(ahead);
        return clock;
    }

    public void advance(Duration d) {
        offsetNanos += d.toNanos();
    }

    /** Moves a clock that stands still to {@code instant}. */
    public void set(Instant instant) {
        if (real) {
            throw new IllegalStateException("a real-time clock only moves forward by advance()");
        }
        offsetNanos = Duration.between(origin, instant).toNanos();
    }

    @Override
    public long nanoTime() {
        return (real ? System.nanoTime() : 0) + offsetNanos;
    }

    @Override
    public Instant instant() {
        return (real ? Instant.now() : origin).plusNanos(offsetNanos);
    }

    @Override
    public void sleep(Duration duration) {
        advance(duration);
    }
}
