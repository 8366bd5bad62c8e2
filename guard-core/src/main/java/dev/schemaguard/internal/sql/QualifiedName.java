package dev.schemaguard.internal.sql;

import java.util.Objects;

/**
 * A database object name, unquoted and lower-cased (ASCII letters only, as both servers fold).
 * {@code schema} is null for the default schema (SQLite {@code main}, PostgreSQL {@code public})
 * and for unqualified names. A schema itself is represented with {@code name == null}.
 */
public record QualifiedName(String schema, String name) {
    public QualifiedName {
        if (schema == null && name == null) {
            throw new IllegalArgumentException("schema and name cannot both be null");
        }
    }

    /** A schema (PostgreSQL {@code CREATE SCHEMA}). */
    public static QualifiedName schemaOnly(String schema) {
        return new QualifiedName(Objects.requireNonNull(schema), null);
    }

    public boolean isSchema() {
        return name == null;
    }

    @Override
    public String toString() {
        if (name == null) {
            return schema;
        }
        return schema == null ? name : schema + "." + name;
    }
}
