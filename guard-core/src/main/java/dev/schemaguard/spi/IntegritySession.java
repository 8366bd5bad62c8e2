package dev.schemaguard.spi;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One boot's integrity checking, in the order a boot needs it: cheap probes before the database is
 * opened, the check itself on the boot's connection, and, after a PASS with every connection
 * closed, recording that the file was sound (a trusted stamp) or checking it in the background.
 */
public interface IntegritySession {

    /** O(1) probes before the database is opened (header, size, trusted stamp); empty when a check must run. */
    Optional<IntegrityOutcome> beforeOpen();

    /** The check, on the boot's connection; {@code onDeadline} receives what stops it when the budget runs out. */
    IntegrityOutcome check(Connection connection, Consumer<Runnable> onDeadline) throws SQLException;

    /** After a PASS, once every connection is closed. */
    default void recordPass() {
    }

    /**
     * The full check on a separate read-only connection in a background daemon thread; a pass
     * refreshes the trusted stamp. Empty when the dialect has no such check.
     */
    default Optional<CompletableFuture<IntegrityOutcome>> deferredCheck() {
        return Optional.empty();
    }
}
