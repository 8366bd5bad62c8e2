package dev.schemaguard.sqlite.internal.integrity;

import dev.schemaguard.sqlite.internal.integrity.IntegrityResult.Outcome;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.ProgressHandler;
import org.sqlite.SQLiteConnection;

/**
 * Runs SQLite's own consistency check on an open connection, and can be stopped from another
 * thread (at a boot deadline) without the stop being mistaken for a pass or a corruption.
 *
 * <p>One instance runs once. While it runs it owns the connection's progress handler.
 */
public final class IntegrityCheck {

    private static final Logger LOG = LoggerFactory.getLogger(IntegrityCheck.class);
    private static final int SQLITE_INTERRUPT = 9;
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_NOTADB = 26;

    public enum Mode {
        /** {@code PRAGMA quick_check}: b-tree structure, no index-to-table cross-check. O(N). */
        QUICK("quick_check"),
        /** {@code PRAGMA integrity_check}: also verifies every index entry. O(N log N). */
        FULL("integrity_check");

        private final String pragma;

        Mode(String pragma) {
            this.pragma = pragma;
        }

        public String pragma() {
            return pragma;
        }
    }

    private final Connection connection;
    private final Mode mode;
    private final int maxMessages;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean interruptRequested = new AtomicBoolean();
    private volatile boolean executing;

    private IntegrityCheck(Connection connection, Mode mode, int maxMessages) {
        if (maxMessages < 1) {
            throw new IllegalArgumentException("maxMessages must be at least 1, was " + maxMessages);
        }
        this.connection = connection;
        this.mode = mode;
        this.maxMessages = maxMessages;
    }

    /** A check ready to {@link #run()}, which another thread may {@link #interrupt()}. */
    public static IntegrityCheck on(Connection connection, Mode mode, int maxMessages) {
        return new IntegrityCheck(connection, mode, maxMessages);
    }

    /** Runs a check to its end on the calling thread. */
    public static IntegrityResult run(Connection connection, Mode mode, int maxMessages) {
        return on(connection, mode, maxMessages).run();
    }

    public IntegrityResult run() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("an IntegrityCheck runs once; create another");
        }
        long start = System.nanoTime();
        long bytes = databaseBytes();
        List<String> messages = new ArrayList<>();
        Outcome outcome;
        try {
            // The handler closes the gap where interrupt() lands before the statement starts:
            // sqlite3_interrupt() is a no-op when no statement is running.
            ProgressHandler.setHandler(driverConnection(), 1000, new ProgressHandler() {
                @Override
                protected int progress() {
                    executing = true;
                    return interruptRequested.get() ? 1 : 0;
                }
            });
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("PRAGMA " + mode.pragma + "(" + maxMessages + ")")) {
                while (rs.next() && messages.size() < maxMessages) {
                    messages.add(rs.getString(1));
                }
            }
            outcome = messages.equals(List.of("ok")) ? Outcome.PASSED : Outcome.FAILED;
        } catch (SQLException e) {
            messages.clear();
            messages.add(e.getMessage());
            outcome = classify(e);
        } finally {
            clearProgressHandler();
        }
        // A stop that races with the end is reported as a stop: an answer that arrived at the
        // deadline is not one the caller waited for, and "interrupted" is never a false verdict.
        if (interruptRequested.get() && outcome != Outcome.INTERRUPTED) {
            LOG.debug("{} finished as {} after an interrupt was requested; reporting it as interrupted",
                    mode.pragma, outcome);
            messages.clear();
            messages.add("interrupted at its deadline");
            outcome = Outcome.INTERRUPTED;
        }
        return new IntegrityResult(mode, outcome, messages, bytes, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Whether SQLite is executing the check's pragma (its progress handler has been called). */
    public boolean executing() {
        return executing;
    }

    /** Stops a running check; safe to call from any thread, before, during or after the run. */
    public void interrupt() {
        interruptRequested.set(true);
        try {
            driverConnection().getDatabase().interrupt();
        } catch (SQLException e) {
            LOG.warn("could not interrupt {}: {}; the progress handler will stop it", mode.pragma, e.getMessage());
        }
    }

    /**
     * sqlite-jdbc's own connection: a pool (HikariCP) or a proxy hands out a wrapper, and sqlite-jdbc's
     * progress handler casts its argument to {@link SQLiteConnection}. Statements still run on the
     * wrapper, so the pool keeps track of them.
     */
    private SQLiteConnection driverConnection() throws SQLException {
        return connection.unwrap(SQLiteConnection.class);
    }

    private static Outcome classify(SQLException e) {
        int primary = e.getErrorCode() & 0xff;
        if (primary == SQLITE_INTERRUPT) {
            return Outcome.INTERRUPTED;
        }
        return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB ? Outcome.FAILED : Outcome.ERROR;
    }

    private long databaseBytes() {
        try (Statement s = connection.createStatement();
             ResultSet count = s.executeQuery("PRAGMA page_count")) {
            long pages = count.next() ? count.getLong(1) : -1;
            try (ResultSet size = s.executeQuery("PRAGMA page_size")) {
                return pages < 0 || !size.next() ? -1 : pages * size.getLong(1);
            }
        } catch (SQLException e) {
            return -1; // the check itself will report what is wrong
        }
    }

    private void clearProgressHandler() {
        try {
            ProgressHandler.clearHandler(driverConnection());
        } catch (SQLException e) {
            LOG.debug("could not clear the progress handler: {}", e.getMessage());
        }
    }
}
