package dev.schemaguard.internal.ledger;

import dev.schemaguard.internal.changelog.Changelog;
import dev.schemaguard.internal.changelog.Migration;
import dev.schemaguard.internal.sql.SqlStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * One kind of ledger: the table where a database records applied migrations, how a changelog's
 * migration is found in it, and how one is recorded in the shape the kind's own tool writes, so that
 * tool still agrees afterwards. Rows are appended, never rewritten. One implementation per kind; none
 * depends on the dialect (plain JDBC, portable SQL).
 */
public interface LedgerKind {

    /** {@code liquibase}, {@code flyway}, {@code schema_migrations}: as in the configuration and in the lines. */
    String name();

    /** The ledger table, lower-case, as the dialect names existing objects. */
    String table();

    default boolean existsIn(java.util.Set<String> objects) {
        return objects.contains(table());
    }

    /**
     * The changelog's migrations in the order this kind applies them (Flyway: by version), each checked
     * to fit the kind (a Flyway ledger needs {@code V<version>__<description>.sql} names).
     *
     * @throws dev.schemaguard.GuardConfigException naming the first migration that does not fit, and the fix
     */
    List<Migration> migrations(Changelog changelog);

    /** Whether {@code key}, as written in {@code required:}, names the migration the way this ledger records it. */
    boolean recordsAs(Migration migration, String key);

    /**
     * Reads what the table records, matched to {@code migrations} by this kind's rule; asks for them
     * only after its query (a boot may still be reading the files).
     */
    Ledger read(Connection connection, Migrations migrations) throws SQLException;

    /** The changelog's migrations, in the order the ledger applies them, once read. */
    @FunctionalInterface
    interface Migrations {
        List<Migration> get() throws SQLException;

        /** These, asked for once however often they are asked for. */
        static Migrations once(Migrations migrations) {
            List<List<Migration>> got = new java.util.ArrayList<>(1);
            return () -> {
                if (got.isEmpty()) {
                    got.add(migrations.get());
                }
                return got.get(0);
            };
        }
    }

    /** Whether a migration may be recorded while an earlier one is not (false for a high-water mark). */
    default boolean allowsGaps() {
        return true;
    }

    /** What recording a migration writes; computed before the apply lock is taken, so the lock is held only to write. */
    Entry entry(Migration migration, List<SqlStatement> statements, String deploymentId);

    /** Creates the ledger table, empty, in the current schema. */
    void create(Connection connection) throws SQLException;

    /** Whether the migration is recorded; read inside the apply transaction, under the lock. */
    default boolean contains(Connection connection, Migration migration) throws SQLException {
        return read(connection, () -> List.of(migration)).row(migration.name()).isPresent();
    }

    /** Appends the migration's row, in the caller's transaction. */
    void record(Connection connection, Entry entry, long executionMillis) throws SQLException;

    /** One migration's row-to-be. */
    interface Entry {
        Migration migration();
    }
}
