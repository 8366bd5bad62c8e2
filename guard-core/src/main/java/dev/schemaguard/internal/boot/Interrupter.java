package dev.schemaguard.internal.boot;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Stops the running statement when the deadline runs out, and makes sure nothing commits after
 * that: the HANG verdict then reports exactly what was committed before it.
 */
final class Interrupter {
    private Runnable watched;
    private boolean expired;

    synchronized void watch(Statement statement) throws SQLException {
        watch(() -> {
            try {
                statement.cancel();
            } catch (SQLException ignored) {
                // The statement may have just finished; the flag still stops the commit.
            }
        });
    }

    /** Registers what stops the running step; refused once the deadline has passed. */
    synchronized void watch(Runnable canceller) throws SQLException {
        if (expired) {
            throw new DeadlineExceeded();
        }
        watched = canceller;
    }

    synchronized void unwatch() {
        watched = null;
    }

    /** Called once, by the runner, when the deadline has passed. */
    synchronized void expire() {
        expired = true;
        if (watched != null) {
            watched.run();
        }
    }

    synchronized boolean expired() {
        return expired;
    }

    synchronized void commitUnlessExpired(Connection connection) throws SQLException {
        if (expired) {
            throw new DeadlineExceeded();
        }
        connection.commit();
    }

    /** Thrown in the boot's thread when it reaches a step after the deadline. */
    static final class DeadlineExceeded extends SQLException {
        DeadlineExceeded() {
            super("the boot's deadline ran out");
        }
    }
}
