package dev.schemaguard.postgres;

import dev.schemaguard.spi.Dialect.EngineJudge;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PostgreSQL's evidence that a migration only added, read from the catalog of the migration's own
 * session before and after its statements ({@link CatalogEvidence}): every object that was there
 * keeps its storage (no rewrite), columns, constraints, indexes, triggers, rules, policies, functions
 * and privileges, and still resolves by name; no row of an existing table was written (the
 * transaction's statistics; the ledger is the guard's to write); the session's limits are not lifted,
 * its other settings and role are unchanged, the apply lock is still held; nothing temporary exists;
 * and the ledger's name still resolves to the ledger, which lost no row. New things are fine, except code and policy: functions, triggers, rules,
 * event triggers, default privileges, policies or children on existing tables, and foreign keys that
 * delete or rewrite an existing table's rows.
 */
final class PostgresEngineJudge implements EngineJudge {
    /** Kinds whose existing entries must not change or disappear. */
    private static final List<String> KEPT = List.of("rel", "col", "con", "idx", "trg", "rule", "pol", "fn", "nsp",
            "dacl", "enum", "evt", "inh", "typ", "pub", "pubrel", "cast", "opr");
    private static final Set<String> LIMITS = Set.of("lock_timeout", "statement_timeout");

    /**
     * The last migration's "after", if it committed: the next one's "before" while no other transaction
     * committed in between (its session kinds are always read again).
     */
    private Reading lastAfter;
    /**
     * The ledger where the last migration's "after" found it, with its row count then (its own row
     * written): while nothing else committed, still its count at the next migration's start.
     */
    private LedgerLocation lastLedger;

    @Override
    public Evidence before(Connection connection, GuardTables tables) throws SQLException {
        // The migration's statements may set limits of their own: not known again until judged (see KnownLimits).
        String limits = KnownLimits.take(connection);
        Reading before = null;
        LedgerLocation ledgerSince = null;
        // A migration that runs outside a transaction commits statement by statement: read everything.
        boolean inTransaction = !connection.getAutoCommit();
        if (inTransaction && lastAfter != null) {
            Reading session = CatalogEvidence.session(connection, tables.all(), lastAfter, lastAfter.transaction(), false);
            // a transaction id of its own already: this transaction wrote before the migration (it created the ledger)
            if (session != null && session.nothingCommittedSince() && session.transaction() == null) {
                before = session.withCatalogAndSettingsOf(lastAfter);
                ledgerSince = before == null ? null : lastLedger;
            }
        }
        lastAfter = null;
        lastLedger = null;
        if (!inTransaction) {
            sendStatistics(connection);
        }
        if (before == null) {
            before = CatalogEvidence.full(connection, tables.all());
        }
        return new PostgresEvidence(this, before, inTransaction, LedgerLocation.of(connection, tables.ledger(), before, ledgerSince),
                tables.all(), limits);
    }

    /**
     * Has the session send the row counts it still holds from committed transactions, before a migration
     * that runs outside a transaction is read. PostgreSQL 15 and later send them at most once a second,
     * between transactions; such a migration is read across transactions, and counts sent between its
     * readings would look like rows the migration un-wrote (a negative count). The flush happens as the
     * session goes idle after this statement, before it reads the next one. Older servers send them
     * every half second and have no such function.
     */
    private static void sendStatistics(Connection connection) throws SQLException {
        if (connection.getMetaData().getDatabaseMajorVersion() >= 15) {
            try (java.sql.Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_stat_force_next_flush()");
            }
        }
    }

    private static final class PostgresEvidence implements Evidence {
        private final PostgresEngineJudge judge;
        private final Reading before;
        private final boolean inTransaction;
        private final LedgerLocation ledger;
        private final Set<String> guardTables;
        /** The ledger's row writes in this transaction before the migration's statements, and once they were done. */
        private final String ledgerWritesBefore;
        private String ledgerWritesAfterStatements;
        /** The ledger's row count in the last comparison (after the guard's row was written); -1 if not counted. */
        private long ledgerRowsAfter = -1;
        /** The limits the session was known to hold as the statements started (see KnownLimits); null if unknown. */
        private final String limits;

        PostgresEvidence(PostgresEngineJudge judge, Reading before, boolean inTransaction, LedgerLocation ledger,
                         Set<String> guardTables, String limits) {
            this.judge = judge;
            this.limits = limits;
            this.before = before;
            this.inTransaction = inTransaction;
            this.ledger = ledger;
            this.guardTables = guardTables;
            this.ledgerWritesBefore = ledger == null ? "" : before.rowWrites(ledger.oid());
        }

        @Override
        public void statementsDone(Connection connection) throws SQLException {
            ledgerWritesAfterStatements = ledger == null ? "" : ledger.writes(connection);
        }

        @Override
        public List<String> changes(Connection connection, Applied applied, boolean ledgerRowWritten) throws SQLException {
            Reading after = null;
            List<String> changes = null;
            if (inTransaction) {
                // the ledger's rows counted with the session's part, for the check below
                after = CatalogEvidence.incremental(connection, guardTables, before, ledger == null ? null : ledger.qualified());
                changes = after == null ? null : changes(connection, applied, ledgerRowWritten, after);
            }
            // Anything to refuse is named from a whole reading, as is anything the incremental one cannot vouch for.
            if (changes == null || !changes.isEmpty()) {
                if (after != null) {
                    after.undo(); // "before" as it was, for the whole reading to be compared with
                }
                after = CatalogEvidence.full(connection, guardTables);
                changes = changes(connection, applied, ledgerRowWritten, after);
            }
            if (limits != null && changes.isEmpty() && sameLimits(before, after)) {
                KnownLimits.held(connection, limits);
            }
            judge.lastAfter = inTransaction && changes.isEmpty() ? after : null;
            judge.lastLedger = judge.lastAfter != null && ledgerRowsAfter >= 0 ? ledger.withRows(ledgerRowsAfter) : null;
            return changes;
        }

        /** Whether the statements left lock_timeout and statement_timeout as they found them (a LOCAL limit counts as a change). */
        private static boolean sameLimits(Reading before, Reading after) {
            Map<String, String> was = before.kind("set");
            Map<String, String> now = after.kind("set");
            return LIMITS.stream().allMatch(name -> was.get(name) != null && was.get(name).equals(now.get(name)));
        }

        private List<String> changes(Connection connection, Applied applied, boolean ledgerRowWritten, Reading afterReading)
                throws SQLException {
            Diff diff = new Diff(before.evidence(), afterReading.evidence(), afterReading.replaced());
            List<String> changes = new ArrayList<>();
            for (String kind : KEPT) {
                changes.addAll(diff.changedOrGone(kind));
            }
            changes.addAll(diff.newCode(oid -> holdsRows(connection, oid)));
            changes.addAll(diff.rowsWritten(ledger == null ? null : ledger.oid()));
            changes.addAll(diff.settings(LIMITS));
            ledgerRowsAfter = -1;
            if (ledgerRowWritten && ledger != null) {
                long counted = afterReading.rowCount();
                ledgerRowsAfter = counted >= 0 ? counted : ledger.count(connection);
                changes.addAll(ledger.rowMissing(afterReading, ledgerRowsAfter));
            }
            if (ledgerWritesAfterStatements != null && !ledgerWritesAfterStatements.equals(ledgerWritesBefore)) {
                changes.add("the migration itself wrote rows of the guard's ledger " + ledger.qualified() + " ("
                        + ledgerWritesBefore + " -> " + ledgerWritesAfterStatements + ")");
            }
            if (applied.outsideTransaction() && !ledgerRowWritten) {
                Set<String> newIndexes = new java.util.LinkedHashSet<>();
                diff.added("idx").forEach(key -> newIndexes.add(key.substring(key.indexOf(':') + 1)));
                changes.addAll(ConcurrentIndexes.dropUnasked(connection, newIndexes, applied.statements()));
            }
            return changes;
        }
    }

    /** One row is enough to tell; ONLY: a child's rows are not the table's own. */
    private static boolean holdsRows(Connection connection, String oid) throws SQLException {
        String relation;
        try (PreparedStatement ps = connection.prepareStatement("SELECT ?::oid::regclass::text")) {
            ps.setString(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                relation = rs.getString(1);
            }
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM ONLY " + relation + ")");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /**
     * Where the guard's ledger is (resolved by its unqualified name before the migration ran, as the
     * guard's own insert resolves it: {@code before}'s reading of the guard's tables by name), and how
     * many rows it held then.
     */
    private record LedgerLocation(String table, String oid, String qualified, long rows) {
        /**
         * @param since  where the last migration's "after" found the ledger and its rows then, when "before" is
         *               that reading's (nothing else committed since) and null otherwise: the same ledger's rows
         *               are not counted again
         */
        static LedgerLocation of(Connection connection, String table, Reading before, LedgerLocation since) throws SQLException {
            String[] resolved = before.guardTable(table);
            if (resolved == null) {
                return null;
            }
            if (since != null && since.table.equals(table) && since.oid.equals(resolved[0]) && since.qualified.equals(resolved[1])) {
                return since;
            }
            return new LedgerLocation(table, resolved[0], resolved[1], count(connection, resolved[1]));
        }

        LedgerLocation withRows(long now) {
            return new LedgerLocation(table, oid, qualified, now);
        }

        /** This transaction's inserts, updates and deletes of the ledger so far. */
        String writes(Connection connection) throws SQLException {
            // the functions behind pg_stat_xact_user_tables' counts: the view costs more to plan than this to run
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_stat_get_xact_tuples_inserted(r)::text || '/'"
                    + " || pg_stat_get_xact_tuples_updated(r)::text || '/' || pg_stat_get_xact_tuples_deleted(r)::text FROM (SELECT ?::oid r) t")) {
                ps.setString(1, oid);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        }

        long count(Connection connection) throws SQLException {
            return count(connection, qualified);
        }

        private static long count(Connection connection, String qualified) throws SQLException {
            try (PreparedStatement ps = connection.prepareStatement("SELECT count(*) FROM " + qualified);
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }

        /**
         * The ledger's name must still resolve to it ({@code after}'s reading of the guard's tables by name), and
         * it must have lost no row: it holds {@code now}.
         */
        List<String> rowMissing(Reading after, long now) {
            List<String> missing = new ArrayList<>();
            String[] resolved = after.guardTable(table);
            if (resolved == null || !oid.equals(resolved[0])) {
                missing.add("the name " + table + " no longer resolves to the ledger " + qualified + " (shadowed)");
            }
            if (now < rows) {
                missing.add("the ledger " + qualified + " lost rows: " + rows + " -> " + now);
            }
            return missing;
        }
    }
}
