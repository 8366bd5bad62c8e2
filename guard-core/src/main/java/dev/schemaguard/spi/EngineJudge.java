package dev.schemaguard.spi;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The second judge: the database engine's own evidence that a migration only added. Independent of
 * the classifier (the first judge, which reads the SQL before anything runs): it compares what the
 * catalog says before and after the migration's statements ran, in the migration's transaction and
 * before it commits, so a migration passes only if both judges agree. A dialect provides what its
 * engine can show; a weaker judge, or none ({@link Dialect#engineJudge()}), leaves the classifier alone.
 */
public interface EngineJudge {

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
