package dev.schemaguard.mariadb;

import dev.schemaguard.internal.sql.SchemaCatalog;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The connection's database for a baseline, from information_schema and named as {@link Catalog} names
 * objects (bare, and {@code database.name}): tables and views with their columns in order, indexes with
 * their key columns (null for an expression part) and uniqueness. MariaDB has no schemas inside a database.
 */
final class BaselineCatalog {
    private static final String RELATIONS = "SELECT t.TABLE_SCHEMA, t.TABLE_NAME, t.TABLE_TYPE = 'VIEW', c.COLUMN_NAME"
            + " FROM information_schema.TABLES t LEFT JOIN information_schema.COLUMNS c"
            + " ON c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME"
            + " WHERE t.TABLE_SCHEMA = DATABASE() ORDER BY t.TABLE_NAME, c.ORDINAL_POSITION";
    private static final String INDEXES = "SELECT TABLE_SCHEMA, INDEX_NAME, TABLE_NAME, NON_UNIQUE = 0, COLUMN_NAME"
            + " FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND INDEX_NAME <> 'PRIMARY'"
            + " ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX";

    private BaselineCatalog() {
    }

    static SchemaCatalog read(Connection connection) throws SQLException {
        Map<String, SchemaCatalog.Relation> relations = new HashMap<>();
        List<SchemaCatalog.Index> indexes = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            Map<List<String>, List<String>> columns = new LinkedHashMap<>();
            Map<List<String>, Boolean> views = new HashMap<>();
            try (ResultSet rs = statement.executeQuery(RELATIONS)) {
                while (rs.next()) {
                    List<String> key = List.of(lower(rs.getString(1)), lower(rs.getString(2)));
                    views.put(key, rs.getBoolean(3));
                    List<String> list = columns.computeIfAbsent(key, k -> new ArrayList<>());
                    if (rs.getString(4) != null) {
                        list.add(lower(rs.getString(4)));
                    }
                }
            }
            columns.forEach((key, list) -> {
                for (String name : names(key.get(0), key.get(1))) {
                    relations.put(name, new SchemaCatalog.Relation(name, views.get(key), list));
                }
            });
            Map<List<String>, List<String>> parts = new LinkedHashMap<>();
            Map<List<String>, Boolean> unique = new HashMap<>();
            try (ResultSet rs = statement.executeQuery(INDEXES)) {
                while (rs.next()) {
                    List<String> key = List.of(lower(rs.getString(1)), lower(rs.getString(2)), lower(rs.getString(3)));
                    unique.put(key, rs.getBoolean(4));
                    String column = rs.getString(5);
                    parts.computeIfAbsent(key, k -> new ArrayList<>()).add(column == null ? null : lower(column));
                }
            }
            parts.forEach((key, list) -> {
                List<String> index = names(key.get(0), key.get(1));
                List<String> table = names(key.get(0), key.get(2));
                for (int i = 0; i < index.size(); i++) {
                    indexes.add(new SchemaCatalog.Index(index.get(i), table.get(i), list, unique.get(key)));
                }
            });
        }
        return new SchemaCatalog(relations, indexes, Set.of());
    }

    /** {@code database.name} and bare {@code name}: the connection's own database is the only one read. */
    private static List<String> names(String database, String name) {
        return List.of(database + "." + name, name);
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
