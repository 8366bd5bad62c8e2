package dev.schemaguard.sqlite.internal.integrity;

import dev.schemaguard.sqlite.internal.integrity.IntegrityCheck.Mode;
import dev.schemaguard.sqlite.internal.integrity.IntegrityResult.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * Runs the slow check after the service has booted, on its own read-only connection in a daemon
 * thread, so a large database is still checked without holding up the boot.
 *
 * <p>In rollback-journal mode the check's read transaction holds a SHARED lock for the whole run,
 * and the service's commits wait on it (SQLITE_BUSY once their busy timeout expires). In WAL mode
 * readers do not block writers, but checkpoints cannot pass the check's snapshot until it ends.
 */
public final class DeferredIntegrityCheck {

    private static final Logger LOG = LoggerFactory.getLogger(DeferredIntegrityCheck.class);

    private final Path db;
    private final Mode mode;
    private final int maxMessages;
    private final Clock clock;
    private final CompletableFuture<DeferredCheckResult> result = new CompletableFuture<>();
    private final AtomicReference<IntegrityCheck> running = new AtomicReference<>();
    private volatile boolean cancelled;

    private DeferredIntegrityCheck(Path db, Mode mode, int maxMessages, Clock clock) {
        this.db = db;
        this.mode = mode;
        this.maxMessages = maxMessages;
        this.clock = clock;
    }

    /**
     * Starts the check in a daemon thread and returns at once.
     *
     * @param clock  the wall clock the checked state is captured with, and a refreshed stamp records
     */
    public static DeferredIntegrityCheck start(Path db, Mode mode, int maxMessages, Clock clock) {
        DeferredIntegrityCheck check = new DeferredIntegrityCheck(db, mode, maxMessages, clock);
        Thread thread = new Thread(check::runToCompletion, "schema-guard-deferred-" + mode.pragma());
        thread.setDaemon(true); // never keeps a JVM alive that is shutting down
        thread.start();
        return check;
    }

    /** Whether SQLite is executing the check's pragma right now. */
    public boolean executing() {
        IntegrityCheck check = running.get();
        return check != null && check.executing() && !result.isDone();
    }

    /** Completes with the result; never completes exceptionally. */
    public CompletableFuture<DeferredCheckResult> result() {
        return result;
    }

    /** Stops the check; the result then reports {@link Outcome#INTERRUPTED}. */
    public void cancel() {
        cancelled = true;
        IntegrityCheck check = running.get();
        if (check != null) {
            check.interrupt();
        }
    }

    private void runToCompletion() {
        long start = System.nanoTime();
        try {
            result.complete(check());
        } catch (RuntimeException | IOException | SQLException e) {
            LOG.warn("deferred {} of {} could not run: {}", mode.pragma(), db, e.toString());
            IntegrityResult error = new IntegrityResult(mode, Outcome.ERROR, List.of(String.valueOf(e.getMessage())),
                    -1, Duration.ofNanos(System.nanoTime() - start));
            result.complete(new DeferredCheckResult(db, error, Optional.empty()));
        }
    }

    private DeferredCheckResult check() throws IOException, SQLException {
        if (!Files.isRegularFile(db)) {
            throw new IOException("database file " + db + " does not exist; the deferred check never creates it");
        }
        if (!SqliteHeaderProbe.probe(db).walMode()) {
            LOG.warn("deferred {} of {} holds a read lock for its whole run; in rollback-journal mode the"
                    + " service's commits wait for it. WAL mode avoids this.", mode.pragma(), db);
        }
        FileFingerprint before = FileFingerprint.capture(db, clock);
        try (Connection connection = openReadOnly(db)) {
            IntegrityCheck check = IntegrityCheck.on(connection, mode, maxMessages);
            running.set(check);
            if (cancelled) {
                check.interrupt();
            }
            IntegrityResult integrity = check.run();
            log(integrity);
            return new DeferredCheckResult(db, integrity, Optional.of(before));
        }
    }

    /** Read-only and without SQLITE_OPEN_CREATE: a missing file is an error, never a new database. */
    static Connection openReadOnly(Path db) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true); // SQLITE_OPEN_READONLY without SQLITE_OPEN_CREATE
        return config.createConnection("jdbc:sqlite:" + db.toAbsolutePath());
    }

    private void log(IntegrityResult r) {
        switch (r.outcome()) {
            case PASSED -> LOG.info("deferred {} of {} passed: {} bytes in {} ms", mode.pragma(), db,
                    r.bytesChecked(), r.duration().toMillis());
            case FAILED -> LOG.error("deferred {} of {} FAILED: {}", mode.pragma(), db, r.messages());
            default -> LOG.warn("deferred {} of {} ended {}: {}", mode.pragma(), db, r.outcome(), r.messages());
        }
    }
}
