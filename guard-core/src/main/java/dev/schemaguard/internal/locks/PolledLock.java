package dev.schemaguard.internal.locks;

import dev.schemaguard.internal.time.NanoClock;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Takes a lock that a server is only ever asked to try, never to wait for: PostgreSQL's
 * {@code pg_try_advisory_lock}, MariaDB's {@code GET_LOCK(name, 0)}. A session that waits inside the
 * server's call holds what the call holds meanwhile (on PostgreSQL a snapshot, which the holder's
 * CREATE INDEX CONCURRENTLY waits for: a deadlock), and the driver may not give up at the boot's
 * deadline; between tries a waiting boot holds nothing. Tried at once, then after 10 ms, the pause
 * doubling to 200 ms, until the lock is taken or the wait has passed.
 */
public final class PolledLock {
    private static final Duration FIRST_PAUSE = Duration.ofMillis(10);
    private static final Duration LONGEST_PAUSE = Duration.ofMillis(200);

    private PolledLock() {
    }

    /** One try of the lock: true when this session holds it now. */
    @FunctionalInterface
    public interface Attempt {
        boolean tryOnce() throws SQLException;
    }

    /**
     * @return whether the lock was taken within {@code wait}; false leaves nothing held
     * @throws InterruptedException  the boot was stopped while it waited (the dialect says so in its own terms)
     */
    public static boolean take(Duration wait, Attempt attempt) throws SQLException, InterruptedException {
        NanoClock clock = NanoClock.system();
        long deadline = clock.nanoTime() + wait.toNanos();
        Duration pause = FIRST_PAUSE;
        while (!attempt.tryOnce()) {
            Duration left = Duration.ofNanos(deadline - clock.nanoTime());
            if (left.toMillis() <= 0) {
                return false;
            }
            clock.sleep(pause.compareTo(left) < 0 ? pause : left);
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
        }
        return true;
    }
}
