package dev.schemaguard.sqlite;

import dev.schemaguard.spi.EngineJudge;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SQLite's evidence that a migration only added, taken on the migration's connection: every object of
 * {@code main} keeps its definition (a table may only gain columns at its end, which is how ALTER TABLE
 * ADD COLUMN rewrites the stored CREATE TABLE text), no new foreign key on an existing table deletes or
 * rewrites its rows, no trigger appears, no row of an existing table is inserted, updated or deleted
 * (sqlite-jdbc's update hook; {@code total_changes()} catches what the hook cannot see: WITHOUT ROWID
 * tables and DELETE's truncate optimization), nothing is created in {@code temp}, no database is
 * attached, the connection's settings are unchanged, and the ledger row is in {@code main}'s ledger.
 */
final class SqliteEngineJudge implements EngineJudge {
    @Override
    public Evidence before(Connection connection) throws SQLException {
        return new SqliteEvidence(connection, SqliteSnapshot.take(connection), RowWatch.start(connection));
    }

    private record SqliteEvidence(Connection watched, SqliteSnapshot before, RowWatch rows) implements Evidence {
        @Override
        public List<String> changes(Connection connection, Applied applied, boolean ledgerRowWritten) throws SQLException {
            SqliteSnapshot after = SqliteSnapshot.take(connection);
            List<String> changes = new ArrayList<>(before.changesTo(after));
            changes.addAll(rows.changes(connection, before.tables(), ledgerRowWritten ? 1 : 0));
            if (ledgerRowWritten && !ledgerRowInMain(connection, applied.migration())) {
                changes.add("the ledger row of " + applied.migration() + " is not in main.DATABASECHANGELOG");
            }
            return changes;
        }

        @Override
        public void close() throws SQLException {
            rows.stop(watched);
        }
    }

    private static boolean ledgerRowInMain(Connection connection, String migration) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT count(*) FROM main.DATABASECHANGELOG WHERE ID = ?")) {
            ps.setString(1, migration);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getInt(1) == 1;
            }
        }
    }

    /** Reads one row of one query into a map of column label to text. */
    static Map<String, String> oneRow(Connection connection, String sql) throws SQLException {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            if (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    values.put(rs.getMetaData().getColumnLabel(i), rs.getString(i));
                }
            }
        }
        return values;
    }

    static final Set<String> LEDGER_TABLES = Set.of("databasechangelog", "databasechangeloglock");
}
