package dev.schemaguard.internal.boot;

import dev.schemaguard.Code;
import dev.schemaguard.internal.Helpers;
import dev.schemaguard.internal.time.NanoClock;
import dev.schemaguard.spi.Dialect.Access;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Connects within the boot's budget, whatever the host is doing. Each attempt may take all the time
 * left (minus {@link #RESERVE}): a login that is slow because eight replicas derive SCRAM keys on two
 * busy cores is waited for, not cut off after a fixed half second. A failure that may pass (refused,
 * timed out, too many clients, the server starting up or shutting down, a pool's request timing out)
 * is retried with exponential backoff until the reserve; a refused login ({@code AUTHENTICATION_FAILED})
 * or a missing database is reported at once. Gives up early enough to report
 * {@code DATABASE_UNREACHABLE} with the last error rather than a HANG.
 */
final class Reconnect {
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(2);
    /** Kept back from the deadline, so that the last error is reported before the runner reports a HANG. */
    static final Duration RESERVE = Duration.ofMillis(300);
    /** How often an attempt's wait looks at the boot's clock. */
    private static final Duration POLL = Duration.ofMillis(50);

    private final Target target;
    private final Progress progress;
    /** The first attempt, when it was started before {@link #open} was called; taken (or abandoned) once. */
    private Attempt ahead;

    Reconnect(Target target, Progress progress) {
        this.target = target;
        this.progress = progress;
    }

    /**
     * Starts the first attempt now, on its helper thread, so that a server's login (round trips, SCRAM)
     * overlaps what the boot does before it needs the connection; {@link #open} takes it over. A
     * connection it opens that {@link #open} never takes is closed by {@link #abandon}.
     */
    void openAhead(Access access) {
        ahead = new Attempt(access, left());
    }

    /** Closes the connection of an attempt started ahead that {@link #open} did not take (the boot stopped first). */
    void abandon() {
        Attempt left = ahead;
        ahead = null;
        if (left != null) {
            left.closeWhenOpened();
        }
    }

    Connection open(Access access) throws SQLException {
        NanoClock clock = progress.clock();
        Duration pause = FIRST_PAUSE;
        long started = clock.nanoTime();
        for (int attempt = 1; ; attempt++) {
            Attempt current;
            if (ahead != null && ahead.access == access) {
                current = ahead;
                ahead = null;
            } else {
                abandon();
                current = new Attempt(access, left());
            }
            try {
                return current.await();
            } catch (SQLException e) {
                if (e instanceof Interrupter.DeadlineExceeded || !mayPass(e)) {
                    throw e;
                }
                // The next attempt may take as long as this one did: stop if it could not end inside the budget.
                Duration attemptTook = Duration.ofNanos(clock.nanoTime() - current.started);
                if (left().minus(attemptTook).compareTo(pause) <= 0) {
                    long ms = (clock.nanoTime() - Math.min(started, current.started)) / 1_000_000;
                    throw new SQLException("still unreachable after " + attempt + " attempt" + (attempt == 1 ? "" : "s")
                            + " in " + ms + "ms; last error: " + firstLine(e), e.getSQLState() == null ? "08001" : e.getSQLState(), e);
                }
                progress.note("database not reachable yet (attempt " + attempt + ": " + firstLine(e) + "); retrying in "
                        + pause.toMillis() + "ms");
                sleep(clock, pause);
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    private Duration left() {
        Duration left = progress.remaining().minus(RESERVE);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /**
     * One attempt, given up after {@code timeout} by the boot's clock even when the driver (or a
     * caller's pool) would wait longer: the attempt runs on a helper thread, and a connection it
     * opens too late is closed.
     */
    private final class Attempt {
        private final Access access;
        private final long started;
        private final long givenUpAt;
        private final Duration timeout;
        private final CompletableFuture<Connection> opening = new CompletableFuture<>();

        Attempt(Access access, Duration timeout) {
            this.access = access;
            this.timeout = timeout;
            this.started = progress.clock().nanoTime();
            this.givenUpAt = started + timeout.toNanos();
            Helpers.start("schema-guard-connect", () -> {
                try {
                    opening.complete(target.open(access, timeout));
                } catch (Throwable t) {
                    opening.completeExceptionally(t);
                }
                return null;
            });
        }

        Connection await() throws SQLException {
            NanoClock clock = progress.clock();
            try {
                while (true) {
                    try {
                        long left = givenUpAt - clock.nanoTime();
                        return opening.get(Math.max(1, Math.min(left, POLL.toNanos())), TimeUnit.NANOSECONDS);
                    } catch (TimeoutException e) {
                        if (clock.nanoTime() - givenUpAt >= 0) {
                            closeWhenOpened();
                            throw new SQLException("no connection within " + timeout.toMillis() + "ms (the server or the "
                                    + "file system did not answer, or the login did not finish)", "08001");
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closeWhenOpened();
                throw new Interrupter.DeadlineExceeded();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof SQLException sql) {
                    throw sql;
                }
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new SQLException(e.getCause());
            }
        }

        void closeWhenOpened() {
            opening.thenAccept(connection -> {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // nobody uses it: the boot gave up on it
                }
            });
        }
    }

    /** Whether waiting may help: the dialect calls it unreachable, or the driver calls it transient. */
    private boolean mayPass(SQLException e) {
        Code code = target.codeFor(e).orElse(null);
        return code == Code.DATABASE_UNREACHABLE || (code == null && e instanceof SQLTransientException);
    }

    private static String firstLine(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse("").strip();
    }

    private static void sleep(NanoClock clock, Duration pause) throws SQLException {
        try {
            clock.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Interrupter.DeadlineExceeded();
        }
    }
}
