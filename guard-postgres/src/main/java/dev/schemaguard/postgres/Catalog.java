package dev.schemaguard.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a database holds, as Schema Guard names it: every relation as {@code schema.name} and, in the
 * current schema, also as bare {@code name}; every user schema by its name. System schemas, the
 * initdb-created {@code public} schema itself, and extension members are left out, so that a database
 * just created by initdb or CREATE DATABASE (even with extensions installed) counts as empty. An
 * invalid index left by an interrupted concurrent build is left out too.
 */
final class Catalog {
    static final String SYSTEM = "n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')"
            + " AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'";
    private static final String NOT_EXTENSION_MEMBER = "NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = %s"
            + " AND d.classid = '%s'::regclass AND d.deptype = 'e')";

    private static final String RELATIONS = "SELECT n.nspname, c.relname, n.nspname = current_schema()"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'i', 'I', 'S', 'f') AND " + SYSTEM
            + " AND " + String.format(NOT_EXTENSION_MEMBER, "c.oid", "pg_class")
            // An INVALID index (an interrupted CREATE INDEX CONCURRENTLY) is debris, not an object: the
            // migration that builds it is still pending, and the apply drops it before building again.
            + " AND NOT EXISTS (SELECT 1 FROM pg_index x WHERE x.indexrelid = c.oid AND NOT x.indisvalid)";
    private static final String SCHEMAS = "SELECT n.nspname FROM pg_namespace n WHERE " + SYSTEM
            + " AND n.nspname <> 'public' AND " + String.format(NOT_EXTENSION_MEMBER, "n.oid", "pg_namespace");

    private Catalog() {
    }

    static Set<String> objects(Connection connection) throws SQLException {
        Set<String> names = new HashSet<>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery(RELATIONS)) {
                while (rs.next()) {
                    String name = lower(rs.getString(2));
                    names.add(lower(rs.getString(1)) + "." + name);
                    if (rs.getBoolean(3)) {
                        names.add(name);
                    }
                }
            }
            try (ResultSet rs = statement.executeQuery(SCHEMAS)) {
                while (rs.next()) {
                    names.add(lower(rs.getString(1)));
                }
            }
        }
        return names;
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
