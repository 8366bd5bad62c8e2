package dev.schemaguard.spi;

import dev.schemaguard.Code;
import dev.schemaguard.IntegritySettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One boot's integrity checking, in the order a boot needs it: cheap probes before the database is
 * opened, the check itself on the boot's connection, and, after a PASS with every connection
 * closed, recording that the file was sound (a trusted stamp) or checking it in the background.
 * {@link Dialect.Database#integrity} is the one entry point; {@link #off} and {@link #onConnection}
 * serve a dialect without probes.
 */
public interface IntegritySession {

    /** O(1) probes before the database is opened (header, size, trusted stamp); empty when a check must run. */
    Optional<Outcome> beforeOpen();

    /** The check, on the boot's connection; {@code onDeadline} receives what stops it when the budget runs out. */
    Outcome check(Connection connection, Consumer<Runnable> onDeadline) throws SQLException;

    /**
     * Whether {@link #check} answers at once without reading the database (a mode this dialect has no
     * check for). The boot waits for the changelog before a check that may take minutes, so that a bad
     * changelog is reported first; before this one it goes on reading the ledger while the files are read.
     */
    default boolean answersAtOnce() {
        return false;
    }

    /** After a PASS, once every connection is closed. */
    default void recordPass() {
    }

    /**
     * The full check on a separate read-only connection in a background daemon thread; a pass
     * refreshes the trusted stamp. Empty when the dialect has no such check.
     */
    default Optional<CompletableFuture<Outcome>> deferredCheck() {
        return Optional.empty();
    }

    /** No check at all: every boot reports {@code integrity=off}, saying why. */
    static IntegritySession off(String why) {
        Outcome off = Outcome.off(why);
        return new IntegritySession() {
            @Override
            public Optional<Outcome> beforeOpen() {
                return Optional.of(off);
            }

            @Override
            public Outcome check(Connection connection, Consumer<Runnable> onDeadline) {
                return off;
            }
        };
    }

    /** One check on the boot's connection, unless {@code integrity.mode} is off. */
    static IntegritySession onConnection(IntegritySettings settings, Check check) {
        if (settings.mode() == IntegritySettings.Mode.OFF) {
            return off("integrity checking is off");
        }
        return new IntegritySession() {
            @Override
            public Optional<Outcome> beforeOpen() {
                return Optional.empty();
            }

            @Override
            public Outcome check(Connection connection, Consumer<Runnable> onDeadline) throws SQLException {
                return check.on(connection);
            }
        };
    }

    /**
     * A mode this dialect has no check for: reported on the boot's connection as {@link #onConnection}
     * reports a check (the same lines), answered at once with {@code outcome}.
     */
    static IntegritySession noCheck(Outcome outcome) {
        return new IntegritySession() {
            @Override
            public Optional<Outcome> beforeOpen() {
                return Optional.empty();
            }

            @Override
            public Outcome check(Connection connection, Consumer<Runnable> onDeadline) {
                return outcome;
            }

            @Override
            public boolean answersAtOnce() {
                return true;
            }
        };
    }

    /** A check that runs on the boot's connection and stops when that connection's statement is cancelled. */
    @FunctionalInterface
    interface Check {
        Outcome on(Connection connection) throws SQLException;
    }

    /**
     * The line's {@code integrity=} value. {@link #UNFINISHED} is the boot's own: it stopped (its
     * deadline, a signal) while the check ran; a check never returns it.
     */
    enum Status {
        OK, SKIPPED_SIZE, SKIPPED_STAMP, OFF, FAILED, UNFINISHED;

        /** As the distinctive line and the report spell it: {@code ok}, {@code skipped_size}, ... */
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }

        @Override
        public String toString() {
            return text();
        }
    }

    /**
     * What an integrity check found.
     *
     * @param status   the line's integrity= value; {@link Status#FAILED} exactly when {@code failure} is set
     * @param failure  DATABASE_CORRUPT or INTEGRITY_FAILED when the check failed; null otherwise
     * @param message  one human sentence: what was checked or skipped and why, or what is wrong and what to do
     * @param details  extra keys for the distinctive line (size=, threshold=, ...)
     */
    record Outcome(Status status, Code failure, String message, Map<String, String> details) {

        public Outcome {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(message, "message");
            if ((status == Status.FAILED) != (failure != null)) {
                throw new IllegalArgumentException("a failure code goes with status failed, and only with it: "
                        + status + ", " + failure);
            }
            details = Map.copyOf(details);
        }

        public static Outcome off(String why) {
            return new Outcome(Status.OFF, null, why, Map.of());
        }

        public boolean failed() {
            return failure != null;
        }
    }
}
