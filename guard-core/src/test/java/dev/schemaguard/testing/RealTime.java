package dev.schemaguard.testing;

import java.time.Duration;

/**
 * The one place a test lets real time pass, for the few tests where real time is the point: a real
 * process or a real server whose timing is what is tested (a crash at a random moment, a server that
 * comes up late, a lock held while another process waits on it, a file system's one-second clock).
 * Everything that waits for something to happen uses {@link Await}; the boot's own time is driven by
 * {@code TestClock}.
 */
public final class RealTime {
    private RealTime() {
    }

    public static void pass(Duration duration) throws InterruptedException {
        Thread.sleep(Math.max(0, duration.toMillis()));
    }

    public static void passMillis(long millis) throws InterruptedException {
        pass(Duration.ofMillis(millis));
    }
}
