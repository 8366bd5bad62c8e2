package dev.schemaguard.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteUpdateListener;

/**
 * Which rows a migration wrote, as SQLite reports them: the update hook names each inserted, updated
 * or deleted row's table; {@code total_changes()} counts every row change, including those the hook
 * never sees (WITHOUT ROWID tables, a DELETE without WHERE). A change the hook did not attribute to
 * a new table or to the ledger row is a change to existing data. Without sqlite-jdbc's connection
 * (a wrapper that does not unwrap), only the count is evidence.
 */
final class RowWatch implements SQLiteUpdateListener {
    private final long totalBefore;
    private final SQLiteConnection hooked;
    private final List<Event> events = new ArrayList<>();

    private record Event(String kind, String table) {
    }

    private RowWatch(long totalBefore, SQLiteConnection hooked) {
        this.totalBefore = totalBefore;
        this.hooked = hooked;
    }

    static RowWatch start(Connection connection) throws SQLException {
        SQLiteConnection sqlite = connection.isWrapperFor(SQLiteConnection.class) ? connection.unwrap(SQLiteConnection.class) : null;
        RowWatch watch = new RowWatch(totalChanges(connection), sqlite);
        if (sqlite != null) {
            sqlite.addUpdateListener(watch);
        }
        return watch;
    }

    @Override
    public synchronized void onUpdate(Type type, String database, String table, long rowId) {
        events.add(new Event(type.name().toLowerCase(Locale.ROOT), database.toLowerCase(Locale.ROOT) + "." + table.toLowerCase(Locale.ROOT)));
    }

    /** Row changes to existing tables; {@code ledgerRows} inserts into main's ledger are the guard's own. */
    synchronized List<String> changes(Connection connection, Set<String> existingTables, int ledgerRows) throws SQLException {
        java.util.Map<String, Integer> counted = new java.util.LinkedHashMap<>();
        int ledgerInserts = 0;
        for (Event event : events) {
            boolean ledgerInsert = event.table().equals("main.databasechangelog") && event.kind().equals("insert")
                    && ++ledgerInserts <= ledgerRows;
            boolean existing = event.table().startsWith("main.") && existingTables.contains(event.table().substring(5));
            if (existing && !ledgerInsert) {
                counted.merge(event.kind() + " of existing table " + event.table(), 1, Integer::sum);
            }
        }
        List<String> found = new ArrayList<>();
        counted.forEach((what, n) -> found.add(n + " row(s): " + what));
        long unseen = totalChanges(connection) - totalBefore - (hooked == null ? ledgerRows : events.size());
        if (unseen > 0) {
            found.add(unseen + " row change(s) the update hook did not see (a WITHOUT ROWID table, or a DELETE of a whole table)");
        }
        return found;
    }

    void stop(Connection connection) {
        if (hooked != null) {
            hooked.removeUpdateListener(this);
        }
    }

    private static long totalChanges(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SELECT total_changes()")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
