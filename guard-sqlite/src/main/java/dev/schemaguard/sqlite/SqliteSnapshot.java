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
 * stored SQL, every column and foreign key of main's tables (through the table-valued pragmas), what
 * temp holds, which databases are attached, and the connection settings a migration could change.
 */
record SqliteSnapshot(Map<String, String> objects, Map<String, List<String>> columns,
                      Map<String, List<String>> foreignKeys, Set<String> temp, String databases,
                      Map<String, String> settings, Set<String> guardTables, long schemaVersion) {

    /** Settings readable as table-valued pragmas; a migration has no business changing any of them. */
    private static final List<String> SETTINGS = List.of("foreign_keys", "recursive_triggers", "defer_foreign_keys",
            "ignore_check_constraints", "query_only", "trusted_schema", "legacy_alter_table", "cell_size_check",
            "automatic_index", "reverse_unordered_selects", "secure_delete", "synchronous", "temp_store",
            "busy_timeout", "user_version", "application_id", "max_page_count", "journal_mode", "locking_mode",
            "writable_schema");

    /**
     * A table's columns and foreign keys, by its name and stored CREATE TABLE text: they follow from that
     * text alone, so a boot reads them once per table and again only for a table whose text changed.
     * Without it every migration's two snapshots would parse every table (O(tables) pragma rows per
     * migration, O(n²) for a first boot of n migrations).
     */
    static final class TableDetails {
        /** Past this many tables to read, one query over all of them is cheaper than one per table. */
        private static final int BULK = 16;
        /** By table name: the definition they were read for, and what it holds. */
        private final Map<String, Details> byTable = new java.util.HashMap<>();

        private record Details(String sql, List<String> columns, List<String> foreignKeys) {
        }

        private void fill(Statement s, Connection connection, Map<String, String> tableSql) throws SQLException {
            List<String> missing = new ArrayList<>();
            tableSql.forEach((table, sql) -> {
                Details known = byTable.get(table);
                if (known == null || !known.sql().equals(sql)) {
                    missing.add(table);
                }
            });
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
                for (String table : missing) {
                    try (java.sql.PreparedStatement c = connection.prepareStatement(COLUMNS.replace("lower(m.name)", "lower(?)")
                            + " FROM pragma_table_xinfo(?, 'main') x ORDER BY x.cid");
                         java.sql.PreparedStatement k = connection.prepareStatement(KEYS.replace("lower(m.name)", "lower(?)")
                            + " FROM pragma_foreign_key_list(?, 'main') f ORDER BY f.id, f.seq")) {
                        c.setString(1, table);
                        c.setString(2, table);
                        k.setString(1, table);
                        k.setString(2, table);
                        read(c.executeQuery(), columns, 6);
                        read(k.executeQuery(), keys, 4);
                    }
                }
            }
            for (String table : missing) {
                byTable.put(table, new Details(tableSql.get(table), columns.getOrDefault(table, List.of()),
                        keys.getOrDefault(table, List.of())));
            }
        }

        /** What {@link #fill} read for the table's current definition. */
        private Details of(String table) {
            return byTable.get(table);
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

    static SqliteSnapshot take(Connection connection, Set<String> guardTables, TableDetails details) throws SQLException {
        return take(connection, guardTables, details, null);
    }

    /**
     * A snapshot that takes main's schema from {@code previous} when main's schema cookie ({@code PRAGMA
     * schema_version}, which SQLite increments on every change to the schema, by any connection) shows it
     * unchanged since: one migration's "after" serves as the next one's "before". What belongs to the
     * connection (temp, attached databases, settings) is always read anew.
     */
    static SqliteSnapshot take(Connection connection, Set<String> guardTables, TableDetails details, SqliteSnapshot previous)
            throws SQLException {
        Map<String, String> objects = new LinkedHashMap<>();
        Map<String, String> tableSql = new LinkedHashMap<>();
        Map<String, List<String>> columns = new LinkedHashMap<>();
        Map<String, List<String>> keys = new LinkedHashMap<>();
        try (Statement s = connection.createStatement()) {
            long schemaVersion;
            try (ResultSet rs = s.executeQuery("PRAGMA main.schema_version")) {
                schemaVersion = rs.next() ? rs.getLong(1) : -1;
            }
            if (previous != null && previous.schemaVersion == schemaVersion && schemaVersion >= 0
                    && previous.guardTables.equals(guardTables)) {
                return new SqliteSnapshot(previous.objects, previous.columns, previous.foreignKeys, temp(s), databases(s),
                        settings(connection), guardTables, schemaVersion);
            }
            // Each column fetched once: every getString is a call into the native library, and with a
            // thousand tables seven calls a row were most of a snapshot's cost.
            try (ResultSet rs = s.executeQuery("SELECT lower(name), type || ' ' || lower(tbl_name) || ' ' || coalesce(sql, ''),"
                    + " CASE WHEN type = 'table' THEN coalesce(sql, '') END FROM main.sqlite_schema")) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    objects.put(name, rs.getString(2));
                    String sql = rs.getString(3);
                    if (sql != null) {
                        tableSql.put(name, sql);
                    }
                }
            }
            details.fill(s, connection, tableSql);
            tableSql.forEach((table, sql) -> {
                TableDetails.Details d = details.of(table);
                if (!d.columns().isEmpty()) {
                    columns.put(table, d.columns());
                }
                if (!d.foreignKeys().isEmpty()) {
                    keys.put(table, d.foreignKeys());
                }
            });
            return new SqliteSnapshot(objects, columns, keys, temp(s), databases(s), settings(connection), guardTables, schemaVersion);
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

    Set<String> tables() {
        return columns.keySet();
    }

    /** Whether a table holds any row now. */
    interface RowCheck {
        boolean holdsRows(String table) throws SQLException;
    }

    /**
     * What changed from this snapshot to {@code after} that is not additive. A new row-writing foreign
     * key counts only on a table that holds rows: one an earlier migration of the same boot created is
     * still empty, and its key harms no row (as the classifier also allows).
     */
    List<String> changesTo(SqliteSnapshot after, RowCheck rows) throws SQLException {
        List<String> changes = new ArrayList<>();
        objects.forEach((name, definition) -> {
            String now = after.objects.get(name);
            boolean guardTable = guardTables.contains(name);
            if (now == null) {
                changes.add(kind(definition) + " " + name + " was dropped or renamed");
            } else if (!now.equals(definition) && (guardTable || !gainedColumnsAtTheEnd(name, definition, now, after))) {
                changes.add(kind(definition) + " " + name + " changed its definition");
            }
        });
        after.objects.forEach((name, definition) -> {
            if (!objects.containsKey(name) && kind(definition).equals("trigger")) {
                changes.add("trigger " + name + " was created: it runs on writes to an existing table");
            } else if (!objects.containsKey(name) && guardTables.contains(definition.split(" ")[1])) {
                changes.add(kind(definition) + " " + name + " was created on the guard's own table " + definition.split(" ")[1]);
            }
        });
        for (Map.Entry<String, List<String>> entry : after.foreignKeys.entrySet()) {
            String table = entry.getKey();
            if (!objects.containsKey(table)) {
                continue;
            }
            for (String key : entry.getValue()) {
                if (!foreignKeys.getOrDefault(table, List.of()).contains(key) && writesRows(key) && rows.holdsRows(table)) {
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
            String now = after.settings.get(name);
            if (!java.util.Objects.equals(value, now)) {
                changes.add("connection setting " + name + " changed: " + value + " -> " + now);
            }
        });
        return changes;
    }

    /**
     * ALTER TABLE ADD COLUMN stores the CREATE TABLE text with the new column inserted before the
     * closing parenthesis: the old text must survive whole around one inserted ", ..." and the old
     * columns must still come first, unchanged.
     */
    private boolean gainedColumnsAtTheEnd(String table, String before, String now, SqliteSnapshot after) {
        if (!kind(before).equals("table") || now.length() <= before.length()) {
            return false;
        }
        int prefix = 0;
        while (prefix < before.length() && before.charAt(prefix) == now.charAt(prefix)) {
            prefix++;
        }
        int suffix = before.length() - prefix;
        boolean textSurvives = now.endsWith(before.substring(prefix)) && now.substring(prefix, now.length() - suffix).startsWith(", ");
        List<String> old = columns.getOrDefault(table, List.of());
        List<String> current = after.columns.getOrDefault(table, List.of());
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
