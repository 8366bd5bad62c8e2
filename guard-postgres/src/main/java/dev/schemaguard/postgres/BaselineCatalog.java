package dev.schemaguard.postgres;

import dev.schemaguard.internal.sql.SchemaCatalog;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * PostgreSQL's catalog for a baseline, named as {@link Catalog} names objects (bare in the current
 * schema, {@code schema.name} everywhere): tables and views with their live columns in order
 * ({@code pg_attribute}), indexes with their key columns ({@code pg_index.indkey} up to
 * {@code indnkeyatts}; 0, an expression, has no name) and uniqueness, and the user schemas.
 */
final class BaselineCatalog {
    private static final String SYSTEM = PostgresCatalog.SYSTEM;
    private static final String RELATIONS = "SELECT n.nspname, c.relname, c.relkind IN ('v', 'm'), n.nspname = current_schema(),"
            + " ARRAY(SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
            + " ORDER BY a.attnum)"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND " + SYSTEM;
    private static final String INDEXES = "SELECT n.nspname, ic.relname, tc.relname, i.indisunique, n.nspname = current_schema(),"
            + " ARRAY(SELECT a.attname::text FROM generate_series(0, i.indnkeyatts - 1) s"
            + " LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[s] ORDER BY s)"
            + " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class tc ON tc.oid = i.indrelid"
            + " JOIN pg_namespace n ON n.oid = ic.relnamespace WHERE " + SYSTEM;
    private static final String SCHEMAS = "SELECT n.nspname FROM pg_namespace n WHERE " + SYSTEM + " AND n.nspname <> 'public'";

    private BaselineCatalog() {
    }

    static SchemaCatalog read(Connection connection) throws SQLException {
        Map<String, SchemaCatalog.Relation> relations = new HashMap<>();
        List<SchemaCatalog.Index> indexes = new ArrayList<>();
        Set<String> schemas = new HashSet<>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery(RELATIONS)) {
                while (rs.next()) {
                    List<String> columns = strings(rs.getArray(5));
                    for (String name : names(rs.getString(1), rs.getString(2), rs.getBoolean(4))) {
                        relations.put(name, new SchemaCatalog.Relation(name, rs.getBoolean(3), columns));
                    }
                }
            }
            try (ResultSet rs = statement.executeQuery(INDEXES)) {
                while (rs.next()) {
                    List<String> columns = strings(rs.getArray(6));
                    List<String> index = names(rs.getString(1), rs.getString(2), rs.getBoolean(5));
                    List<String> table = names(rs.getString(1), rs.getString(3), rs.getBoolean(5));
                    for (int i = 0; i < index.size(); i++) {
                        indexes.add(new SchemaCatalog.Index(index.get(i), table.get(i), columns, rs.getBoolean(4)));
                    }
                }
            }
            try (ResultSet rs = statement.executeQuery(SCHEMAS)) {
                while (rs.next()) {
                    schemas.add(lower(rs.getString(1)));
                }
            }
        }
        return new SchemaCatalog(relations, indexes, schemas);
    }

    /** {@code schema.name}, and bare {@code name} too in the current schema. */
    private static List<String> names(String schema, String name, boolean current) {
        String qualified = lower(schema) + "." + lower(name);
        return current ? List.of(qualified, lower(name)) : List.of(qualified);
    }

    private static List<String> strings(Array array) throws SQLException {
        List<String> out = new ArrayList<>();
        for (Object o : Arrays.asList((Object[]) array.getArray())) {
            out.add(o == null ? null : lower(o.toString()));
        }
        return out;
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
