package dev.schemaguard.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What SQLite's catalog says at one moment, in a handful of queries: every object of main with its
 * stored SQL ({@link SchemaRows}), the columns and foreign keys of main's tables (through the
 * table-valued pragmas, read once per table definition), what temp holds, which databases are
 * attached, and the connection settings a migration could change.
 *
 * <p>Two snapshots are compared row by row, as bytes: only the rows that differ are turned into
 * objects and judged. A migration rewrites one or two rows of a schema that grows with each migration
 * (a new object is a new row; ALTER TABLE edits its table's row in place), so judging it no longer
 * costs a string, a map entry and a comparison for every object of the schema.
 */
record SqliteSnapshot(SchemaRows rows, TableDetails details, Set<String> temp, String databases,
                      Map<String, String> settings, Set<String> guardTables) {

    /** Settings readable as table-valued pragmas; a migration has no business changing any of them. */
    private static final List<String> SETTINGS = List.of("foreign_keys", "recursive_triggers", "defer_foreign_keys",
            "ignore_check_constraints", "query_only", "trusted_schema", "legacy_alter_table", "cell_size_check",
            "automatic_index", "reverse_unordered_selects", "secure_delete", "synchronous", "temp_store",
            "busy_timeout", "user_version", "application_id", "max_page_count", "journal_mode", "locking_mode",
            "writable_schema");

    /**
     * A table's columns and foreign keys, by its name and stored CREATE TABLE text: they follow from that
     * text alone, so a boot reads them once per table definition. Every definition read stays known, so
     * that a migration's "before" still has the columns of a table the migration altered.
     */
    static final class TableDetails {
        /** Past this many tables to read, one query over all of them is cheaper than one per table. */
        private static final int BULK = 16;
        private final Map<Definition, Details> known = new java.util.HashMap<>();

        private record Definition(String table, String sql) {
        }

        record Details(List<String> columns, List<String> foreignKeys) {
        }

        Details of(String table, String sql) {
            return known.get(new Definition(table, sql));
        }

        /** Reads what is not known of the given rows' tables, on the connection whose schema {@code rows} is. */
        private void readMissing(Statement s, Connection connection, SchemaRows rows, int[] changed) throws SQLException {
            List<Definition> missing = new ArrayList<>();
            for (int row : changed) {
                if (rows.isTable(row)) {
                    Definition definition = new Definition(rows.name(row), rows.sql(row));
                    if (!known.containsKey(definition)) {
                        missing.add(definition);
                    }
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            Map<String, List<String>> columns = new java.util.HashMap<>();
            Map<String, List<String>> keys = new java.util.HashMap<>();
            if (missing.size() > BULK) {
                read(s.executeQuery(COLUMNS + " FROM main.sqlite_schema m JOIN pragma_table_xinfo(m.name, 'main') x"
                        + " WHERE m.type = 'table' ORDER BY m.name, x.cid"), columns, 6);
                read(s.executeQuery(KEYS + " FROM main.sqlite_schema m JOIN pragma_foreign_key_list(m.name, 'main') f"
                        + " WHERE m.type = 'table' ORDER BY m.name, f.id, f.seq"), keys, 4);
            } else {
                for (Definition definition : missing) {
                    try (java.sql.PreparedStatement c = connection.prepareStatement(COLUMNS.replace("lower(m.name)", "lower(?)")
                            + " FROM pragma_table_xinfo(?, 'main') x ORDER BY x.cid");
                         java.sql.PreparedStatement k = connection.prepareStatement(KEYS.replace("lower(m.name)", "lower(?)")
                            + " FROM pragma_foreign_key_list(?, 'main') f ORDER BY f.id, f.seq")) {
                        c.setString(1, definition.table());
                        c.setString(2, definition.table());
                        k.setString(1, definition.table());
                        k.setString(2, definition.table());
                        read(c.executeQuery(), columns, 6);
                        read(k.executeQuery(), keys, 4);
                    }
                }
            }
            for (Definition definition : missing) {
                known.put(definition, new Details(columns.getOrDefault(definition.table(), List.of()),
                        keys.getOrDefault(definition.table(), List.of())));
            }
        }

        private static void read(ResultSet rs, Map<String, List<String>> into, int fields) throws SQLException {
            try (rs) {
                while (rs.next()) {
                    List<String> values = new ArrayList<>(fields);
                    for (int i = 2; i <= fields + 1; i++) {
                        values.add(String.valueOf(rs.getString(i)));
                    }
                    into.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(String.join("|", values));
                }
            }
        }
    }

    private static final String COLUMNS = "SELECT lower(m.name), x.name, x.type, x.\"notnull\", x.dflt_value, x.pk, x.hidden";
    private static final String KEYS = "SELECT lower(m.name), f.\"from\", f.\"table\", upper(f.on_delete), upper(f.on_update)";

    /**
     * A snapshot; main's rows are taken from {@code previous} (null: none) when main's schema cookie
     * ({@code PRAGMA schema_version}, which SQLite increments on every change to the schema, by any
     * connection) shows them unchanged since: one migration's "after" serves as the next one's "before".
     * What belongs to the connection (temp, attached databases, settings) is always read anew.
     */
    static SqliteSnapshot take(Connection connection, Set<String> guardTables, TableDetails details, SqliteSnapshot previous)
            throws SQLException {
        try (Statement s = connection.createStatement()) {
            SchemaRows rows = null;
            if (previous != null && previous.guardTables.equals(guardTables)) {
                try (ResultSet rs = s.executeQuery("PRAGMA main.schema_version")) {
                    if (rs.next() && rs.getLong(1) == previous.rows.version) {
                        rows = previous.rows;
                    }
                }
            }
            if (rows == null) {
                rows = SchemaRows.read(s);
                details.readMissing(s, connection, rows, previous == null ? rows.notIn(SchemaRows.NO_ROWS)
                        : rows.notIn(previous.rows));
            }
            return new SqliteSnapshot(rows, details, temp(s), databases(s), settings(connection), guardTables);
        }
    }

    private static final String SETTINGS_QUERY = settingsQuery();

    private static String settingsQuery() {
        StringBuilder settings = new StringBuilder("SELECT ");
        for (String name : SETTINGS) {
            settings.append(settings.length() > 7 ? ", " : "").append("(SELECT * FROM pragma_").append(name).append(") AS ").append(name);
        }
        return settings.toString();
    }

    private static Map<String, String> settings(Connection connection) throws SQLException {
        return SqliteEngineJudge.oneRow(connection, SETTINGS_QUERY);
    }

    private static Set<String> temp(Statement s) throws SQLException {
        Set<String> temp = new java.util.LinkedHashSet<>();
        try (ResultSet rs = s.executeQuery("SELECT type || ' ' || name FROM temp.sqlite_schema")) {
            while (rs.next()) {
                temp.add(rs.getString(1));
            }
        }
        return temp;
    }

    private static String databases(Statement s) throws SQLException {
        StringBuilder databases = new StringBuilder();
        try (ResultSet rs = s.executeQuery("SELECT name, file FROM pragma_database_list ORDER BY seq")) {
            while (rs.next()) {
                databases.append(rs.getString(1)).append('=').append(rs.getString(2)).append(' ');
            }
        }
        return databases.toString().strip();
    }

    /** The (lower-cased) names of main's tables. */
    Set<String> tables() {
        Set<String> tables = new java.util.HashSet<>();
        for (int row = 0; row < rows.size(); row++) {
            if (rows.isTable(row)) {
                tables.add(rows.name(row));
            }
        }
        return tables;
    }

    /** Whether a table holds any row now. */
    interface RowCheck {
        boolean holdsRows(String table) throws SQLException;
    }

    /** The objects of one snapshot's rows that the other does not hold unchanged: the rows any change is in. */
    private record Differing(Map<String, String> objects, Map<String, TableDetails.Details> tables) {
        static Differing of(SqliteSnapshot snapshot, SqliteSnapshot other) {
            SchemaRows rows = snapshot.rows;
            Differing differing = new Differing(new LinkedHashMap<>(), new java.util.HashMap<>());
            for (int row : rows.notIn(other.rows)) {
                differing.objects.put(rows.key(row), rows.definition(row));
                if (rows.isTable(row)) {
                    differing.tables.put(rows.name(row), snapshot.details.of(rows.name(row), rows.sql(row)));
                }
            }
            return differing;
        }
    }

    /**
     * What changed from this snapshot to {@code after} that is not additive. A new row-writing foreign
     * key counts only on a table that holds rows: one an earlier migration of the same boot created is
     * still empty, and its key harms no row (as the classifier also allows). Only rows that differ are
     * compared: a row the same on both sides is the same object, unchanged, and an object's kind and
     * name are unique, so an object that changed is among the differing rows on both sides.
     */
    List<String> changesTo(SqliteSnapshot after, RowCheck rows) throws SQLException {
        Differing was = Differing.of(this, after);
        Differing now = Differing.of(after, this);
        List<String> changes = new ArrayList<>();
        was.objects.forEach((key, definition) -> {
            String name = key.substring(key.indexOf(' ') + 1);
            String current = now.objects.get(key);
            boolean guardTable = guardTables.contains(name);
            if (current == null) {
                changes.add(key + " was dropped or renamed");
            } else if (!current.equals(definition)
                    && (guardTable || !gainedColumnsAtTheEnd(definition, current, was.tables.get(name), now.tables.get(name)))) {
                changes.add(key + " changed its definition");
            }
        });
        now.objects.forEach((key, definition) -> {
            String onTable = definition.split(" ")[1];
            if (!was.objects.containsKey(key) && kind(definition).equals("trigger")) {
                changes.add(key + " was created: it runs on writes to an existing table");
            } else if (!was.objects.containsKey(key) && guardTables.contains(onTable)) {
                changes.add(key + " was created on the guard's own table " + onTable);
            }
        });
        for (Map.Entry<String, TableDetails.Details> entry : now.tables.entrySet()) {
            String table = entry.getKey();
            TableDetails.Details before = was.tables.get(table);
            if (before == null) {
                continue;
            }
            for (String key : entry.getValue().foreignKeys()) {
                if (!before.foreignKeys().contains(key) && writesRows(key) && rows.holdsRows(table)) {
                    changes.add("a foreign key of existing table " + table + " now " + action(key)
                            + " its rows when " + key.split("\\|")[1] + " changes");
                }
            }
        }
        for (String object : after.temp) {
            if (!temp.contains(object)) {
                changes.add("temporary " + object + " was created (it shadows main's objects of that name)");
            }
        }
        if (!databases.equals(after.databases)) {
            changes.add("attached databases changed: " + databases + " -> " + after.databases);
        }
        settings.forEach((name, value) -> {
            String current = after.settings.get(name);
            if (!java.util.Objects.equals(value, current)) {
                changes.add("connection setting " + name + " changed: " + value + " -> " + current);
            }
        });
        return changes;
    }

    /**
     * ALTER TABLE ADD COLUMN stores the CREATE TABLE text with the new column inserted before the
     * closing parenthesis: the old text must survive whole around one inserted ", ..." and the old
     * columns must still come first, unchanged.
     */
    private static boolean gainedColumnsAtTheEnd(String before, String now, TableDetails.Details was, TableDetails.Details is) {
        if (!kind(before).equals("table") || now.length() <= before.length() || was == null || is == null) {
            return false;
        }
        int prefix = 0;
        while (prefix < before.length() && before.charAt(prefix) == now.charAt(prefix)) {
            prefix++;
        }
        int suffix = before.length() - prefix;
        boolean textSurvives = now.endsWith(before.substring(prefix)) && now.substring(prefix, now.length() - suffix).startsWith(", ");
        List<String> old = was.columns();
        List<String> current = is.columns();
        return textSurvives && current.size() > old.size() && current.subList(0, old.size()).equals(old);
    }

    private static String kind(String definition) {
        return definition.substring(0, definition.indexOf(' '));
    }

    private static boolean writesRows(String key) {
        String[] f = key.split("\\|", -1);
        return isWriting(f[2]) || isWriting(f[3]);
    }

    private static boolean isWriting(String action) {
        return action.equals("CASCADE") || action.equals("SET NULL") || action.equals("SET DEFAULT");
    }

    private static String action(String key) {
        String[] f = key.split("\\|", -1);
        return (isWriting(f[2]) ? "ON DELETE " + f[2] : "ON UPDATE " + f[3]).toLowerCase(java.util.Locale.ROOT)
                .replace("on delete cascade", "deletes").replace("on delete set null", "nulls")
                .replace("on delete set default", "resets").replace("on update cascade", "rewrites")
                .replace("on update set null", "nulls").replace("on update set default", "resets");
    }
}
