package dev.schemaguard.sqlite;

import dev.schemaguard.internal.sql.Token;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteUpdateListener;

/**
 * Which rows a migration wrote, as SQLite reports them: the update hook names each inserted, updated
 * or deleted row's table; {@code total_changes()} counts every row change, including those the hook
 * never sees (WITHOUT ROWID tables, a DELETE without WHERE). A change the hook did not attribute to
 * a new table or to the ledger is a change to existing data. Without sqlite-jdbc's connection (a
 * wrapper that does not unwrap) there is no evidence of rows: the judge is weaker, not wrong.
 */
final class RowWatch implements SQLiteUpdateListener {
    private final long totalBefore;
    private final String ledger;
    private final SQLiteConnection hooked;
    private final List<Event> events = new ArrayList<>();
    /** total_changes() and the events seen when the migration's statements were done, before the guard's ledger write. */
    private long totalAtStatementsDone = -1;
    private int eventsAtStatementsDone = -1;

    private record Event(String kind, String table) {
    }

    private RowWatch(long totalBefore, String ledger, SQLiteConnection hooked) {
        this.totalBefore = totalBefore;
        this.ledger = "main." + ledger;
        this.hooked = hooked;
    }

    /** Starts watching; {@code ledger} is the table whose one inserted row is the guard's own. */
    static RowWatch start(Connection connection, String ledger) throws SQLException {
        SQLiteConnection sqlite = connection.isWrapperFor(SQLiteConnection.class) ? connection.unwrap(SQLiteConnection.class) : null;
        RowWatch watch = new RowWatch(totalChanges(connection), ledger, sqlite);
        if (sqlite != null) {
            sqlite.addUpdateListener(watch);
        }
        return watch;
    }

    @Override
    public synchronized void onUpdate(Type type, String database, String table, long rowId) {
        // folded as SQLite folds names (ASCII only), as the snapshot's table names are: CAFÉ is not café
        events.add(new Event(type.name().toLowerCase(Locale.ROOT), Token.asciiLower(database) + "." + Token.asciiLower(table)));
    }

    synchronized void statementsDone(Connection connection) throws SQLException {
        totalAtStatementsDone = totalChanges(connection);
        eventsAtStatementsDone = events.size();
    }

    /**
     * Row changes to existing tables made by the migration's statements. After they were done, the
     * only writes are the guard's own to its ledger (in its kind's shape, which may delete a whole
     * table, as golang-migrate's version mark does); before, a write to the ledger is the migration's.
     */
    synchronized List<String> changes(Connection connection, Supplier<Set<String>> existingTables) throws SQLException {
        int migrationEvents = eventsAtStatementsDone < 0 ? events.size() : eventsAtStatementsDone;
        long migrationTotal = totalAtStatementsDone < 0 ? totalChanges(connection) : totalAtStatementsDone;
        java.util.Map<String, Integer> counted = new java.util.LinkedHashMap<>();
        Set<String> tables = null;
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            boolean guardsOwn = i >= migrationEvents && event.table().equals(ledger);
            if (guardsOwn || !event.table().startsWith("main.")) {
                continue;
            }
            if (tables == null) {
                tables = existingTables.get(); // read once, and only for a write that is not the guard's own
            }
            if (tables.contains(event.table().substring(5))) {
                counted.merge(event.kind() + " of existing table " + event.table(), 1, Integer::sum);
            }
        }
        List<String> found = new ArrayList<>();
        counted.forEach((what, n) -> found.add(n + " row(s): " + what));
        long unseen = migrationTotal - totalBefore - migrationEvents;
        if (hooked != null && unseen > 0) {
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
