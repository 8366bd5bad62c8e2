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
                      Map<String, String> settings, Set<String> guardTables) {

    /** Settings readable as table-valued pragmas; a migration has no business changing any of them. */
    private static final List<String> SETTINGS = List.of("foreign_keys", "recursive_triggers", "defer_foreign_keys",
            "ignore_check_constraints", "query_only", "trusted_schema", "legacy_alter_table", "cell_size_check",
            "automatic_index", "reverse_unordered_selects", "secure_delete", "synchronous", "temp_store",
            "busy_timeout", "user_version", "application_id", "max_page_count", "journal_mode", "locking_mode",
            "writable_schema");

    static SqliteSnapshot take(Connection connection, Set<String> guardTables) throws SQLException {
        Map<String, String> objects = new LinkedHashMap<>();
        Map<String, List<String>> columns = new LinkedHashMap<>();
        Map<String, List<String>> keys = new LinkedHashMap<>();
        Set<String> temp = new java.util.LinkedHashSet<>();
        try (Statement s = connection.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT type, lower(name), lower(tbl_name), coalesce(sql, '') FROM main.sqlite_schema")) {
                while (rs.next()) {
                    objects.put(rs.getString(2), rs.getString(1) + " " + rs.getString(3) + " " + rs.getString(4));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT lower(m.name), x.name, x.type, x.\"notnull\", x.dflt_value, x.pk, x.hidden"
                    + " FROM main.sqlite_schema m JOIN pragma_table_xinfo(m.name, 'main') x WHERE m.type = 'table' ORDER BY m.name, x.cid")) {
                while (rs.next()) {
                    columns.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(String.join("|", rs.getString(2),
                            rs.getString(3), rs.getString(4), String.valueOf(rs.getString(5)), rs.getString(6), rs.getString(7)));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT lower(m.name), f.\"from\", f.\"table\", upper(f.on_delete), upper(f.on_update)"
                    + " FROM main.sqlite_schema m JOIN pragma_foreign_key_list(m.name, 'main') f WHERE m.type = 'table'")) {
                while (rs.next()) {
                    keys.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(String.join("|", rs.getString(2),
                            rs.getString(3), rs.getString(4), rs.getString(5)));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT type || ' ' || name FROM temp.sqlite_schema")) {
                while (rs.next()) {
                    temp.add(rs.getString(1));
                }
            }
            StringBuilder databases = new StringBuilder();
            try (ResultSet rs = s.executeQuery("SELECT name, file FROM pragma_database_list ORDER BY seq")) {
                while (rs.next()) {
                    databases.append(rs.getString(1)).append('=').append(rs.getString(2)).append(' ');
                }
            }
            StringBuilder settings = new StringBuilder("SELECT ");
            for (String name : SETTINGS) {
                settings.append(settings.length() > 7 ? ", " : "").append("(SELECT * FROM pragma_").append(name).append(") AS ").append(name);
            }
            return new SqliteSnapshot(objects, columns, keys, temp, databases.toString().strip(),
                    SqliteEngineJudge.oneRow(connection, settings.toString()), guardTables);
        }
    }

    Set<String> tables() {
        return columns.keySet();
    }

    /** What changed from this snapshot to {@code after} that is not additive. */
    List<String> changesTo(SqliteSnapshot after) {
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
        after.foreignKeys.forEach((table, keys) -> {
            if (objects.containsKey(table)) {
                for (String key : keys) {
                    if (!foreignKeys.getOrDefault(table, List.of()).contains(key) && writesRows(key)) {
                        changes.add("a foreign key of existing table " + table + " now " + action(key)
                                + " its rows when " + key.split("\\|")[1] + " changes");
                    }
                }
            }
        });
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
