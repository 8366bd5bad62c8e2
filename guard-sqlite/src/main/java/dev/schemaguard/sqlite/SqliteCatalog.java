package dev.schemaguard.sqlite;

import dev.schemaguard.internal.sql.SchemaCatalog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * SQLite's catalog for a baseline: {@code sqlite_master} for tables, views and indexes (SQLite's own
 * {@code sqlite_} objects left out), {@code pragma_table_info} for columns, {@code pragma_index_info}
 * for an index's key columns (an expression has no name) and {@code pragma_index_list} for uniqueness.
 */
final class SqliteCatalog {
    private SqliteCatalog() {
    }

    static SchemaCatalog read(Connection connection) throws SQLException {
        Map<String, SchemaCatalog.Relation> relations = new HashMap<>();
        List<String[]> indexRows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT type, name, tbl_name FROM sqlite_master"
                     + " WHERE type IN ('table', 'view', 'index') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")) {
            while (rs.next()) {
                String type = rs.getString(1);
                if (type.equals("index")) {
                    indexRows.add(new String[] {rs.getString(2), rs.getString(3)});
                } else {
                    String name = rs.getString(2);
                    relations.put(lower(name), new SchemaCatalog.Relation(lower(name), type.equals("view"), names(connection,
                            "SELECT name FROM pragma_table_info(?) ORDER BY cid", name)));
                }
            }
        }
        List<SchemaCatalog.Index> indexes = new ArrayList<>();
        for (String[] index : indexRows) {
            indexes.add(new SchemaCatalog.Index(lower(index[0]), lower(index[1]),
                    names(connection, "SELECT name FROM pragma_index_info(?) ORDER BY seqno", index[0]), unique(connection, index[1], index[0])));
        }
        return new SchemaCatalog(relations, indexes, Set.of());
    }

    private static List<String> names(Connection connection, String sql, String object) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, object);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    names.add(name == null ? null : lower(name));
                }
            }
        }
        return names;
    }

    private static boolean unique(Connection connection, String table, String index) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT \"unique\" FROM pragma_index_list(?) WHERE name = ?")) {
            ps.setString(1, table);
            ps.setString(2, index);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getInt(1) == 1;
            }
        }
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
