package dev.schemaguard.spi;

import dev.schemaguard.Code;
import dev.schemaguard.ConnectionSettings;
import dev.schemaguard.IntegritySettings;
import dev.schemaguard.internal.sql.SchemaCatalog;
import dev.schemaguard.internal.sql.SqlSupport;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Everything that differs between databases, behind one small interface. Implementations are
 * listed in {@code META-INF/services/dev.schemaguard.spi.Dialect} (and {@code provides} in their
 * module descriptor), found with {@link java.util.ServiceLoader} and chosen once per boot by
 * {@link #accepts(String)} on the JDBC URL; no other code in Schema Guard checks which database it
 * talks to.
 *
 * <p>The interface is a handful of methods; related capabilities are grouped in small objects:
 * <ul>
 *   <li>{@link #database(String)}: one database by its URL: does it exist, connect to it (within
 *       the boot's remaining budget), where its files live, who holds its lock, how its integrity is
 *       checked ({@link IntegritySession});</li>
 *   <li>{@link #catalog()}: what a connected database holds;</li>
 *   <li>{@link #migrations()}: how migrations are applied: the lock between replicas, the limits,
 *       the transaction, the clean-up after a statement that ran outside one;</li>
 *   <li>{@link #sql()}: the database's SQL for the classifier, built from core's SQL toolkit
 *       ({@code dev.schemaguard.internal.sql}, exported to Schema Guard's dialect modules only).</li>
 * </ul>
 *
 * <p>Where new capabilities go, so that the interface stays this size: the evidence a migration
 * leaves (the engine's second judge, {@link Migrations#engineJudge()}: catalog snapshots taken
 * before and after it, inside its transaction, or {@link Migrations#advanceJudge()} where DDL commits
 * on its own) and a dialect whose DDL commits implicitly ({@link SqlSupport#transactionalDdl()})
 * belong to applying migrations; a detailed catalog (tables,
 * columns, indexes, views: {@link Catalog#describe}, for a baseline) and what other tools' ledgers
 * need of a database to {@link Catalog}; more error codes to {@link #codeFor}.
 *
 * <p>Implementations must be stateless (one instance serves every boot) and public with a public
 * no-argument constructor.
 */
public interface Dialect {

    /** Short name, also Liquibase's database short name: {@code sqlite}, {@code postgresql}. */
    String name();

    /** Whether this dialect handles the JDBC URL. */
    boolean accepts(String jdbcUrl);

    /** The database at a URL this dialect accepts. */
    Database database(String jdbcUrl);

    /** What a connected database holds. */
    Catalog catalog();

    /** How migrations are applied to this database. */
    Migrations migrations();

    /**
     * This database's SQL: how the server tokenizes, where statements end, which statements are
     * additive. Core's splitter and classifier use it and nothing else.
     */
    SqlSupport sql();

    /**
     * The stable code of a driver error, when the dialect recognises it: {@code DATABASE_UNREACHABLE}
     * for a server not up yet or gone (the boot retries connecting until its deadline),
     * {@code AUTHENTICATION_FAILED} (never retried), {@code DATABASE_MISSING}, {@code LOCK_TIMEOUT},
     * {@code LOCKED}, {@code DATABASE_READ_ONLY}, {@code DISK_FULL}, and {@code DEADLINE_EXCEEDED} for a
     * statement stopped by its time limit (the boot tells a limit cut to its remaining budget from the
     * configured one). Anything else stays empty and is reported generically.
     */
    default Optional<Code> codeFor(SQLException error) {
        return Optional.empty();
    }

    /**
     * The JDBC URL behind a {@code DataSource} of this dialect, read without connecting (a SQLite
     * {@code DataSource} creates a missing file on connect); empty when it is not one of this
     * dialect's. Only when no dialect can tell does the guard connect to ask the driver.
     */
    default Optional<String> jdbcUrlOf(DataSource dataSource) {
        return Optional.empty();
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

    /** One database, by its URL. */
    interface Database {

        /**
         * Whether the database exists, decided without creating it. A dialect that cannot tell
         * without connecting (a server) answers true; emptiness then decides whether it is fresh.
         */
        boolean exists();

        /**
         * Opens a connection; {@link Access#CREATE} is the only mode that may create the database.
         * {@code settings} carry credentials given outside the URL (the CLI's --user,
         * --password-file, PGPASSWORD); a database without credentials ignores them.
         */
        Connection open(Access access, ConnectionSettings settings) throws SQLException;

        /**
         * Opens a connection as {@link #open(Access, ConnectionSettings)}, within {@code timeout} (what is
         * left of the boot's budget): the driver's connect and login waits, and any lock wait on the
         * connection, end by then, so that a slow server or a held lock is reported before the deadline
         * instead of hanging it. The boot also stops waiting for this call at the timeout.
         */
        default Connection open(Access access, ConnectionSettings settings, Duration timeout) throws SQLException {
            return open(access, settings);
        }

        /**
         * Loads what a first connection needs (the driver's classes, a native library) without
         * connecting: a boot calls it on a thread of its own as it starts, so that this work, a tenth of
         * a second in a fresh JVM, overlaps the boot's reading of its configuration and files instead of
         * delaying the connection. Failures are ignored: the connection reports them. Cheap when done.
         */
        default void prepare() {
        }

        /**
         * Whether a boot opens its connection as it starts, before it reads its manifest and files: a
         * server's login (round trips, SCRAM's work on both sides) then overlaps that reading instead of
         * following it. False for a file, which may have to be looked at before anything opens it (a
         * trusted stamp, a check before open).
         */
        default boolean opensAhead() {
            return false;
        }

        /**
         * Who holds the database's lock, when the dialect can tell (a process id and what kind of
         * program it is), for a {@code LOCKED} failure's message; empty when unknown.
         */
        default Optional<String> lockHolder() {
            return Optional.empty();
        }

        /**
         * The file that holds the database (SQLite); empty for a server or an in-memory database.
         * Files that belong to a database, such as the shrink guard's counts, are kept next to it.
         */
        default Optional<Path> file() {
            return Optional.empty();
        }

        /**
         * This boot's integrity checking, whose cost must not grow with the database's size: at or
         * above {@code settings.skipAboveBytes()} the check is skipped and reported.
         *
         * @param clock  the boot's wall clock: what a trusted stamp records and compares file times with
         * @throws dev.schemaguard.GuardConfigException when the settings do not fit this database
         */
        IntegritySession integrity(IntegritySettings settings, Clock clock);
    }

    /** What a connected database holds. */
    interface Catalog {

        /**
         * The tables, views, indexes (and, where they exist, schemas and sequences) in the database,
         * lower-cased, as {@code name} or {@code schema.name}; the ledger tables included. Where
         * types exist, enums and domains without constraints may be added as {@code plaintype:name}
         * (a column of one can be added to an existing table without checking any row).
         */
        Set<String> objects(Connection connection) throws SQLException;

        /**
         * Which of {@code names} (bare, lower-case: in the current schema) {@link #objects} would list: a
         * narrower question, asked once per migration about the guard's own tables, that a dialect may
         * answer without listing everything (whose cost grows with the schema).
         */
        default Set<String> objects(Connection connection, Set<String> names) throws SQLException {
            Set<String> all = objects(connection);
            return names.stream().filter(all::contains).collect(java.util.stream.Collectors.toUnmodifiableSet());
        }

        /**
         * Why this connection cannot write (a standby, a read-only default transaction, a read-only
         * file, folder or mount), as one sentence with its fix; empty when it can. Asked only when the
         * boot has something to apply, before it applies anything.
         */
        default Optional<String> readOnly(Connection connection) throws SQLException {
            return Optional.empty();
        }

        /**
         * The tables (with their columns), views, indexes and schemas the database holds, from its
         * catalog: what {@code baseline} checks a migration's objects against before it records the
         * migration as applied. Empty when this dialect cannot describe them; baseline then refuses,
         * saying so.
         */
        default Optional<SchemaCatalog> describe(Connection connection) throws SQLException {
            return Optional.empty();
        }
    }

    /** How migrations are applied: the apply lock, the statements' limits, each migration's transaction. */
    interface Migrations {

        /**
         * Takes the lock that serializes concurrent boots' apply phases, for a dialect whose
         * per-migration transaction cannot hold it (a statement that must run outside a transaction).
         * Gives up after {@code lockWait}; closing the returned lock releases it and undoes
         * {@link #limitStatements}.
         */
        default ApplyLock lock(Connection connection, Duration lockWait) throws SQLException {
            return () -> { };
        }

        /**
         * Bounds the statements of the next migration: how long one may wait for a lock and how long
         * it may run, both already capped inside the boot's remaining time. Called outside a transaction.
         */
        default void limitStatements(Connection connection, Duration lockTimeout, Duration statementTimeout)
                throws SQLException {
        }

        /**
         * Starts the transaction in which one migration and its ledger row are written, holding
         * whatever lock makes concurrent boots apply each migration once (unless {@link #lock}
         * already holds one for the whole apply phase). Waiting for that lock must give up after
         * {@code lockWait} (the time left in the boot's budget): a wait inside the driver cannot
         * always be interrupted.
         */
        void begin(Connection connection, Duration lockWait) throws SQLException;

        /**
         * After a statement that ran outside a transaction failed: removes what it left half-done (an
         * invalid index of a failed concurrent build) and says what was removed, for the report.
         */
        default Optional<String> cleanUpFailed(Connection connection, String statement) throws SQLException {
            return Optional.empty();
        }

        /** Where an operator finds the session holding a lock that a migration waited for, for LOCK_TIMEOUT's message. */
        default String lockHolderHint() {
            return "the server's list of sessions and the locks they hold";
        }

        /**
         * The second judge: the engine's own evidence that a migration only added ({@link EngineJudge}),
         * taken inside the migration's transaction and checked before it commits. Empty when this
         * dialect has none: then only the classifier judges.
         */
        default Optional<EngineJudge> engineJudge() {
            return Optional.empty();
        }

        /**
         * The second judge where each DDL statement commits on its own ({@link SqlSupport#transactionalDdl()}
         * false), so that there is no "before commit" to judge in: {@link AdvanceJudge}. Empty when this
         * dialect has none: then only the classifier judges.
         */
        default Optional<AdvanceJudge> advanceJudge() {
            return Optional.empty();
        }
    }

    /**
     * The second judge for a database whose DDL commits on its own (MariaDB, MySQL): each statement of a
     * migration takes effect as it runs, so the engine's evidence must be had <em>before</em> the first one
     * touches the database. The dialect makes that evidence itself (MariaDB rehearses the migration on a
     * scratch copy of what it names and compares the copy's catalog before and after); like
     * {@link EngineJudge}, it shares nothing with the classifier, and a migration applies only if both agree.
     */
    @FunctionalInterface
    interface AdvanceJudge {

        /**
         * Judges a migration before any statement of it runs. Called under the apply lock, after the ledger
         * exists, with the apply phase's statement limits set; must leave the database's objects and the
         * session (its default database, its settings) as they were, whatever the verdict.
         */
        Verdict judge(Connection connection, EngineJudge.GuardTables tables, EngineJudge.Applied applied) throws SQLException;

        /** What the judge found. */
        sealed interface Verdict {
            /** The engine agrees: the migration only adds. */
            record Additive() implements Verdict {
            }

            /** What the migration would change that is not additive, one short sentence each. */
            record NotAdditive(List<String> changes) implements Verdict {
                public NotAdditive {
                    changes = List.copyOf(changes);
                }
            }

            /**
             * The judge could not judge it (no right to make its evidence, a migration it cannot confine),
             * in one sentence with the fix; the boot's {@code engine_judge} setting decides what happens.
             */
            record NotJudged(String why) implements Verdict {
            }

            /** A statement of the migration (its index among the applied statements) failed where the judge ran it. */
            record Failed(int statement, SQLException error) implements Verdict {
            }
        }
    }

    /** The apply phase's lock; closing it never throws for a lock already gone with its connection. */
    @FunctionalInterface
    interface ApplyLock extends AutoCloseable {
        @Override
        void close() throws SQLException;
    }

    /**
     * The second judge: the database engine's own evidence that a migration only added. Independent of
     * the classifier (the first judge, which reads the SQL before anything runs): it compares what the
     * catalog says before and after the migration's statements ran, in the migration's transaction and
     * before it commits, so a migration passes only if both judges agree. A dialect provides what its
     * engine can show; a weaker judge, or none ({@link Migrations#engineJudge()}), leaves the
     * classifier alone.
     */
    interface EngineJudge {

        /**
         * Takes the evidence the comparison needs. Called after the ledger exists and right before the
         * migration's first statement: inside its transaction, or, for a migration that must run
         * outside one, in autocommit.
         */
        Evidence before(Connection connection, GuardTables tables) throws SQLException;

        /**
         * The guard's own tables, lower-case, as the dialect names existing objects.
         *
         * @param ledger  the table the guard records the migration's row in (whichever ledger kind it
         *                keeps: Liquibase's, Flyway's, a schema_migrations table); exactly one row must be
         *                inserted into it, and its name must still resolve to it
         * @param all     every table of the guard's (the ledger read, the ledger written, Liquibase's lock):
         *                no migration may change them
         */
        record GuardTables(String ledger, java.util.Set<String> all) {
            public GuardTables {
                all = java.util.Set.copyOf(all);
            }
        }

        /** What a migration ran, for the comparison. */
        record Applied(String migration, List<String> statements, boolean outsideTransaction) {
            public Applied {
                statements = List.copyOf(statements);
            }
        }

        /** The evidence taken before a migration; closing it releases whatever watched the connection. */
        interface Evidence extends AutoCloseable {
            /**
             * What changed that is not additive, one short sentence each ({@code public.users was rewritten
             * (relfilenode 16384 -> 16402)}); empty when the engine agrees. Called after the statements
             * and the ledger row, before commit. {@code ledgerRowWritten} is false right after statements
             * that ran outside a transaction, whose ledger row is written later: then the dialect also
             * removes what such a statement left that is not what was asked (an invalid index).
             */
            List<String> changes(Connection connection, Applied applied, boolean ledgerRowWritten) throws SQLException;

            /**
             * Called once the migration's own statements ran, before the guard writes its ledger row, so
             * that the evidence can tell the migration's writes to the ledger (refused) from the guard's.
             */
            default void statementsDone(Connection connection) throws SQLException {
            }

            @Override
            default void close() throws SQLException {
            }
        }
    }
}
