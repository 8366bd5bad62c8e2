package dev.schemaguard.postgres;

import dev.schemaguard.spi.EngineJudge;
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
 * transaction's statistics); the session's limits are not loosened, its other settings and role are
 * unchanged, the apply lock is still held; nothing temporary exists; and the ledger row is in the
 * ledger the guard reads. New things are fine, except code and policy: functions, triggers, rules,
 * event triggers, default privileges, policies or children on existing tables, and foreign keys that
 * delete or rewrite an existing table's rows.
 */
final class PostgresEngineJudge implements EngineJudge {
    /** Kinds whose existing entries must not change or disappear. */
    private static final List<String> KEPT = List.of("rel", "col", "con", "idx", "trg", "rule", "pol", "fn", "nsp",
            "dacl", "enum", "evt", "inh");
    private static final Set<String> LIMITS = Set.of("lock_timeout", "statement_timeout");

    @Override
    public Evidence before(Connection connection) throws SQLException {
        return new PostgresEvidence(CatalogEvidence.take(connection), LedgerLocation.of(connection));
    }

    private record PostgresEvidence(Map<String, Map<String, String>> before, LedgerLocation ledger) implements Evidence {
        @Override
        public List<String> changes(Connection connection, Applied applied, boolean ledgerRowWritten) throws SQLException {
            Map<String, Map<String, String>> after = CatalogEvidence.take(connection);
            Diff diff = new Diff(before, after);
            List<String> changes = new ArrayList<>();
            for (String kind : KEPT) {
                changes.addAll(diff.changedOrGone(kind));
            }
            changes.addAll(diff.newCode());
            changes.addAll(diff.rowsWritten(ledger == null ? null : ledger.oid(), ledgerRowWritten ? 1 : 0));
            changes.addAll(diff.settings(LIMITS));
            if (ledgerRowWritten && ledger != null) {
                changes.addAll(ledger.rowMissing(connection, applied.migration()));
            }
            if (applied.outsideTransaction() && !ledgerRowWritten) {
                Set<String> newIndexes = new java.util.LinkedHashSet<>();
                diff.added("idx").forEach(key -> newIndexes.add(key.substring(key.indexOf(':') + 1)));
                changes.addAll(ConcurrentIndexes.dropUnasked(connection, newIndexes, applied.statements()));
            }
            return changes;
        }
    }

    /** Where the guard's ledger is (resolved by its unqualified name before the migration ran). */
    private record LedgerLocation(String oid, String qualified) {
        static LedgerLocation of(Connection connection) throws SQLException {
            try (PreparedStatement ps = connection.prepareStatement("SELECT c.oid::text, quote_ident(n.nspname) || '.' ||"
                    + " quote_ident(c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE c.oid = to_regclass('databasechangelog')"); ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new LedgerLocation(rs.getString(1), rs.getString(2)) : null;
            }
        }

        List<String> rowMissing(Connection connection, String migration) throws SQLException {
            List<String> missing = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement("SELECT coalesce(to_regclass('databasechangelog')::oid::text, ''),"
                    + " (SELECT count(*) FROM " + qualified + " WHERE id = ?)")) {
                ps.setString(1, migration);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!oid.equals(rs.getString(1))) {
                        missing.add("the name databasechangelog no longer resolves to the ledger " + qualified + " (shadowed)");
                    }
                    if (rs.getInt(2) != 1) {
                        missing.add("the ledger row of " + migration + " is not in the ledger " + qualified);
                    }
                }
            }
            return missing;
        }
    }
}
