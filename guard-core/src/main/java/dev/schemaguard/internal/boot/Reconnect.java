package dev.schemaguard.internal.boot;

import dev.schemaguard.Code;
import dev.schemaguard.internal.time.NanoClock;
import dev.schemaguard.spi.Dialect.Access;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Connects, retrying a server that is not up yet (a database container starting next to the
 * service) with exponential backoff for as long as the boot's budget allows. Gives up early enough
 * to report {@code DATABASE_UNREACHABLE} with the last error rather than a HANG. Only errors the
 * dialect calls unreachable are retried: a wrong password fails at once.
 */
final class Reconnect {
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(2);
    /** Kept back from the deadline, so that the last error is reported before the runner reports a HANG. */
    static final Duration RESERVE = Duration.ofMillis(300);

    private final Target target;
    private final Progress progress;

    Reconnect(Target target, Progress progress) {
        this.target = target;
        this.progress = progress;
    }

    Connection open(Access access) throws SQLException {
        NanoClock clock = progress.clock();
        Duration pause = FIRST_PAUSE;
        long started = clock.nanoTime();
        for (int attempt = 1; ; attempt++) {
            long attemptStarted = clock.nanoTime();
            try {
                return target.open(access);
            } catch (SQLException e) {
                if (target.codeFor(e).orElse(null) != Code.DATABASE_UNREACHABLE) {
                    throw e;
                }
                // The next attempt may take as long as this one did: stop if it could not end inside the budget.
                Duration attemptTook = Duration.ofNanos(clock.nanoTime() - attemptStarted);
                Duration left = progress.remaining().minus(RESERVE).minus(attemptTook);
                if (left.compareTo(pause) <= 0) {
                    long ms = (clock.nanoTime() - started) / 1_000_000;
                    throw new SQLException("still unreachable after " + attempt + " attempt" + (attempt == 1 ? "" : "s")
                            + " in " + ms + "ms; last error: " + firstLine(e), e.getSQLState(), e);
                }
                progress.note("database not reachable yet (attempt " + attempt + ": " + firstLine(e) + "); retrying in "
                        + pause.toMillis() + "ms");
                sleep(clock, pause);
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            }
        }
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
