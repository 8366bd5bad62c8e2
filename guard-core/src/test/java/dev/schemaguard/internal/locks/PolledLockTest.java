package dev.schemaguard.internal.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The apply lock's polling, shared by PostgreSQL and MariaDB: taken as soon as a try succeeds, given up once the wait has passed. */
class PolledLockTest {
    @Test
    void aLockFreedWhileWaiting_isTakenAtTheNextTry() throws Exception {
        AtomicInteger tries = new AtomicInteger();

        assertTrue(PolledLock.take(Duration.ofSeconds(60), () -> tries.incrementAndGet() == 4));

        assertEquals(4, tries.get());
    }

    @Test
    void aLockNeverFreed_isGivenUpOnceTheWaitHasPassed_triedAtGrowingPauses() throws Exception {
        AtomicInteger tries = new AtomicInteger();
        long started = System.nanoTime();

        assertFalse(PolledLock.take(Duration.ofMillis(500), () -> {
            tries.incrementAndGet();
            return false;
        }));

        long waitedMs = (System.nanoTime() - started) / 1_000_000;
        assertTrue(waitedMs >= 490, "waited the whole 500 ms: " + waitedMs);
        // at once, then after 10, 20, 40, 80, 160 and 190 ms (what is left; fewer when a loaded host oversleeps):
        // tried again after pausing, and never as a busy loop, which would try thousands of times
        assertTrue(tries.get() >= 2 && tries.get() <= 9, "tries: " + tries.get());
    }

    @Test
    void aBootStoppedWhileWaiting_endsTheWait() {
        Thread.currentThread().interrupt();
        try {
            assertThrows(InterruptedException.class, () -> PolledLock.take(Duration.ofSeconds(60), () -> false));
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aLockFreeAtOnce_isTakenWithOneTry_evenWithNoTimeToWait() throws Exception {
        AtomicInteger tries = new AtomicInteger();

        assertTrue(PolledLock.take(Duration.ZERO, () -> tries.incrementAndGet() == 1));
        assertFalse(PolledLock.take(Duration.ZERO, () -> false));
    }
}
