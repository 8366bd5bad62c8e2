package dev.schemaguard.internal.sql;

/**
 * What exists in the database before the migration. Names are compared case-insensitively and
 * unquoted; {@code schema} is null when unqualified or the default schema (SQLite {@code main},
 * PostgreSQL {@code public}). A schema itself is asked as {@code exists(schemaName, null)}.
 */
@FunctionalInterface
public interface SchemaView {
    boolean exists(String schema, String name);

    /** A database with nothing in it. */
    static SchemaView empty() {
        return (schema, name) -> false;
    }
}
