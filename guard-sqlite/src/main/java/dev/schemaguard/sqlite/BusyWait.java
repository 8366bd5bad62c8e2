package dev.schemaguard.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.sqlite.BusyHandler;
import org.sqlite.SQLiteConnection;

/**
 * How long a statement waits for a lock another connection holds: until a fixed instant (the boot's
 * deadline minus its reserve), and not at all once the boot's thread is interrupted (SIGTERM). SQLite's
 * own {@code busy_timeout} counts from each statement and cannot be interrupted, so a wait could
 * outlast the budget and a terminated boot would sit in it; this handler can do neither.
 */
final class BusyWait extends BusyHandler {
    private static final long LONGEST_SLEEP_MS = 50;

    private final long untilNanos;

    private BusyWait(long untilNanos) {
        this.untilNanos = untilNanos;
    }

    /** Every lock wait on {@code connection} ends within {@code wait} from now. */
    static void install(Connection connection, Duration wait) throws SQLException {
        // A pool hands out a proxy; the handler belongs on the SQLite connection behind it.
        Connection sqlite = connection.isWrapperFor(SQLiteConnection.class) ? connection.unwrap(SQLiteConnection.class) : connection;
        setHandler(sqlite, new BusyWait(System.nanoTime() + wait.toNanos()));
    }

    @Override
    protected int callback(int attempts) {
        long leftMs = (untilNanos - System.nanoTime()) / 1_000_000;
        if (leftMs <= 0 || Thread.currentThread().isInterrupted()) {
            return 0; // give up: the statement fails with SQLITE_BUSY, reported as LOCKED
        }
        // Short sleeps early on (a lock held for a moment by a commit), longer ones while it lasts.
        long sleep = Math.min(leftMs, Math.min(LONGEST_SLEEP_MS, 1L << Math.min(attempts, 6)));
        try {
            Thread.sleep(sleep);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
        return 1;
    }
}
