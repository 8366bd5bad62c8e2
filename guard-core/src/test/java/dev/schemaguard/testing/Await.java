package dev.schemaguard.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits for something to happen, looking every few milliseconds, instead of sleeping a fixed time
 * that a slow machine may not honour. The timeout only bounds how long a failure takes to show.
 */
public final class Await {
    private static final long LOOK_EVERY_NANOS = Duration.ofMillis(10).toNanos();

    private Await() {
    }

    public static void until(BooleanSupplier condition, Duration timeout, String what) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("not within " + timeout.toMillis() + " ms: " + what);
            }
            LockSupport.parkNanos(LOOK_EVERY_NANOS);
        }
    }
}
