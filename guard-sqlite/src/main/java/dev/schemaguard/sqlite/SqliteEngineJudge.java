package dev.schemaguard.sqlite;

import dev.schemaguard.spi.Dialect.EngineJudge;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SQLite's evidence that a migration only added, taken on the migration's connection: every object of
 * {@code main} keeps its definition (a table may only gain columns at its end, which is how ALTER TABLE
 * ADD COLUMN rewrites the stored CREATE TABLE text), no new foreign key on an existing table deletes or
 * rewrites its rows, no trigger appears, no row of an existing table is inserted, updated or deleted
 * (sqlite-jdbc's update hook; {@code total_changes()} catches what the hook cannot see: WITHOUT ROWID
 * tables and DELETE's truncate optimization), nothing is created in {@code temp}, no database is
 * attached, the connection's settings are unchanged, and {@code main}'s ledger lost no row (the
 * guard's own write to it, in its kind's shape, is the only one allowed there).
 */
final class SqliteEngineJudge implements EngineJudge {
    /** One judge serves one boot: tables read once stay read until their definition changes. */
    private final SqliteSnapshot.TableDetails details = new SqliteSnapshot.TableDetails();
    /**
     * The last migration's "after": the next one's "before" while main's schema cookie says nothing changed
     * since; otherwise the next "before" reads main anew, and reads again only the tables whose rows differ.
     */
    private SqliteSnapshot lastAfter;

    @Override
    public Evidence before(Connection connection, GuardTables tables) throws SQLException {
        return new SqliteEvidence(connection, tables, this, SqliteSnapshot.take(connection, tables.all(), details, lastAfter),
                ledgerRows(connection, tables.ledger()), RowWatch.start(connection, tables.ledger()));
    }

    private record SqliteEvidence(Connection watched, GuardTables tables, SqliteEngineJudge judge,
                                  SqliteSnapshot before, long ledgerRowsBefore, RowWatch rows) implements Evidence {
        @Override
        public List<String> changes(Connection connection, Applied applied, boolean ledgerRowWritten) throws SQLException {
            SqliteSnapshot after = SqliteSnapshot.take(connection, tables.all(), judge.details, before);
            judge.lastAfter = after;
            List<String> changes = new ArrayList<>(before.changesTo(after, table -> holdsRows(connection, table)));
            changes.addAll(rows.changes(connection, before::tables));
            long rowsNow = ledgerRows(connection, tables.ledger());
            if (rowsNow < ledgerRowsBefore) {
                changes.add("main." + tables.ledger() + " lost rows: " + ledgerRowsBefore + " -> " + (rowsNow < 0 ? "gone" : rowsNow));
            }
            return changes;
        }

        @Override
        public void statementsDone(Connection connection) throws SQLException {
            rows.statementsDone(connection);
        }

        @Override
        public void close() throws SQLException {
            rows.stop(watched);
        }
    }

    /** The rows of main's ledger table, read by its qualified name (a temp table of that name cannot answer); -1 when gone. */
    /** One row is enough to tell. */
    private static boolean holdsRows(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM main.\"" + table.replace("\"", "\"\"") + "\")")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private static long ledgerRows(Connection connection, String ledger) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM main.\"" + ledger.replace("\"", "\"\"") + "\"")) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            return -1;
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

}
