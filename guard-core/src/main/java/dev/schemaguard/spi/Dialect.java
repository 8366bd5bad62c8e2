package dev.schemaguard.spi;

import dev.schemaguard.Code;
import dev.schemaguard.ConnectionSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Everything that differs between databases, behind one small interface. Implementations are
 * found with {@link java.util.ServiceLoader} and chosen by {@link #accepts(String)} on the JDBC URL;
 * no other code in Schema Guard checks which database it talks to.
 */
public interface Dialect {

    /** Short name, also Liquibase's: {@code sqlite}, {@code postgresql}. */
    String name();

    /** Whether this dialect handles the JDBC URL. */
    boolean accepts(String jdbcUrl);

    /**
     * This database's SQL: how the server tokenizes, where statements end, which statements are
     * additive. Built from core's SQL toolkit ({@code dev.schemaguard.internal.sql}, exported to the
     * dialect modules only); core's splitter and classifier use it and nothing else.
     */
    dev.schemaguard.internal.sql.SqlSupport sql();

    /**
     * Whether the database exists, decided without creating it. A dialect that cannot tell
     * without connecting (a server) answers true; emptiness then decides whether it is fresh.
     */
    boolean exists(String jdbcUrl);

    /** Opens a connection. {@link Access#CREATE} is the only mode that may create the database. */
    Connection open(String jdbcUrl, Access access) throws SQLException;

    /**
     * Opens a connection with the configured credentials (a user and password given outside the
     * URL: the CLI's --user, --password-file, PGPASSWORD). A database without credentials ignores them.
     */
    default Connection open(String jdbcUrl, Access access, ConnectionSettings settings) throws SQLException {
        return open(jdbcUrl, access);
    }

    /**
     * Opens a connection as {@link #open(String, Access, ConnectionSettings)}, within {@code timeout}
     * (what is left of the boot's budget): the driver's connect and login waits, and any lock wait on
     * the connection, end by then, so that a slow server or a held lock is reported before the
     * deadline instead of hanging it. The boot also stops waiting for this call at the timeout.
     */
    default Connection open(String jdbcUrl, Access access, ConnectionSettings settings, Duration timeout) throws SQLException {
        return open(jdbcUrl, access, settings);
    }

    /**
     * Why this connection cannot write (a standby, a read-only default transaction, a read-only file,
     * folder or mount), as one sentence with its fix; empty when it can. Asked only when the boot has
     * something to apply, before it applies anything.
     */
    default Optional<String> readOnly(Connection connection) throws SQLException {
        return Optional.empty();
    }

    /**
     * The stable code of a driver error, when the dialect recognises it: {@code DATABASE_UNREACHABLE}
     * for a server not up yet or gone (the boot retries connecting until its deadline),
     * {@code AUTHENTICATION_FAILED} (never retried), {@code DATABASE_MISSING}, {@code LOCK_TIMEOUT},
     * {@code LOCKED}, {@code DATABASE_READ_ONLY}, {@code DISK_FULL}. Anything else stays empty and is
     * reported generically.
     */
    default Optional<Code> codeFor(SQLException error) {
        return Optional.empty();
    }

    /**
     * Who holds the database's lock, when the dialect can tell (a process id and what kind of
     * program it is), for a {@code LOCKED} failure's message; empty when unknown.
     */
    default Optional<String> lockHolder(String jdbcUrl) {
        return Optional.empty();
    }

    /**
     * The tables, views, indexes (and, where they exist, schemas and sequences) in the database,
     * lower-cased, as {@code name} or {@code schema.name}; the ledger tables included.
     */
    Set<String> existingObjects(Connection connection) throws SQLException;

    /**
     * The tables (with their columns), views, indexes and schemas the database holds, from its catalog:
     * what {@code baseline} checks a migration's objects against before it records the migration as
     * applied. Empty when this dialect cannot describe them; baseline then refuses, saying so.
     */
    default Optional<dev.schemaguard.internal.sql.SchemaCatalog> catalog(Connection connection) throws SQLException {
        return Optional.empty();
    }

    /**
     * Starts the transaction in which one migration and its ledger row are written, holding
     * whatever lock makes concurrent boots apply each migration once (unless {@link #lockApply}
     * already holds one for the whole apply phase). Waiting for that lock must
     * give up after {@code lockWait} (the time left in the boot's budget): a wait inside the driver
     * cannot always be interrupted.
     */
    void beginMigration(Connection connection, Duration lockWait) throws SQLException;

    /**
     * Takes the lock that serializes concurrent boots' apply phases, for a dialect whose per-migration
     * transaction cannot hold it (a statement that must run outside a transaction). Gives up after
     * {@code lockWait}; closing the returned lock releases it and undoes {@link #limitStatements}.
     */
    default ApplyLock lockApply(Connection connection, Duration lockWait) throws SQLException {
        return () -> { };
    }

    /**
     * Bounds the statements of the next migration: how long one may wait for a lock and how long it
     * may run, both already capped inside the boot's remaining time. Called outside a transaction.
     */
    default void limitStatements(Connection connection, Duration lockTimeout, Duration statementTimeout) throws SQLException {
    }

    /**
     * After a statement that ran outside a transaction failed: removes what it left half-done (an
     * invalid index of a failed concurrent build) and says what was removed, for the failure's report.
     */
    default Optional<String> cleanUpFailed(Connection connection, String statement) throws SQLException {
        return Optional.empty();
    }

    /**
     * Checks integrity without letting the cost grow with the database's size: at or above
     * {@code settings.skipAboveBytes()} the check is skipped and reported. Runs on the boot's
     * connection; a long check must stop when that connection's statement is cancelled. A dialect
     * that needs more than one connection-bound step overrides {@link #integrity} instead.
     */
    default IntegrityOutcome checkIntegrity(Connection connection, String jdbcUrl, dev.schemaguard.IntegritySettings settings)
            throws SQLException {
        return IntegrityOutcome.off();
    }

    /** The integrity checking of one boot; by default {@link #checkIntegrity} on the boot's connection. */
    default IntegritySession integrity(String jdbcUrl, dev.schemaguard.IntegritySettings settings) {
        Dialect dialect = this;
        return new IntegritySession() {
            @Override
            public java.util.Optional<IntegrityOutcome> beforeOpen() {
                return settings.mode() == dev.schemaguard.IntegritySettings.Mode.OFF
                        ? java.util.Optional.of(IntegrityOutcome.off()) : java.util.Optional.empty();
            }

            @Override
            public IntegrityOutcome check(Connection connection, java.util.function.Consumer<Runnable> onDeadline) throws SQLException {
                return dialect.checkIntegrity(connection, jdbcUrl, settings);
            }
        };
    }

    /**
     * The file that holds the database (SQLite), or null for a server database or an in-memory
     * one. Files that belong to a database, such as the shrink guard's counts, are kept next to it.
     */
    default java.nio.file.Path databaseFile(String jdbcUrl) {
        return null;
    }

    /** The apply phase's lock; closing it never throws for a lock already gone with its connection. */
    @FunctionalInterface
    interface ApplyLock extends AutoCloseable {
        @Override
        void close() throws SQLException;
    }

    /**
     * The JDBC URL behind a {@code DataSource} of this dialect, read without connecting (a SQLite
     * {@code DataSource} creates a missing file on connect); empty when it is not one of this
     * dialect's. Only when no dialect can tell does the guard connect to ask the driver.
     */
    default java.util.Optional<String> jdbcUrlOf(javax.sql.DataSource dataSource) {
        return java.util.Optional.empty();
    }

    /** How a connection is opened. */
    enum Access {
        /** Reads only; changes not one byte. */
        READ_ONLY,
        /** Reads and writes an existing database; never creates one. */
        READ_WRITE,
        /** Reads and writes, creating the database if it does not exist. */
        CREATE
    }
}
