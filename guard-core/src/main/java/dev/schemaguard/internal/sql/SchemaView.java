package dev.schemaguard.internal.sql;

/**
 * What exists in the database before the migration. Names are compared case-insensitively and
 * unquoted; {@code schema} is null when unqualified or the default schema (SQLite {@code main},
 * PostgreSQL {@code public}). A schema itself is asked as {@code exists(schemaName, null)}.
 */
@FunctionalInterface
public interface SchemaView {
    /**
     * How a dialect's existing objects name a type that is an enum or a domain without constraints:
     * {@code plaintype:name} or {@code plaintype:schema.name}, beside its other object names.
     */
    String PLAIN_TYPE = "plaintype:";

    boolean exists(String schema, String name);

    /**
     * Whether an existing table was created by an earlier migration of the same boot: it did not
     * exist when the boot began, so it is empty and no running code uses it. Such a table takes an
     * index or a constraint as safely as one created in the same migration.
     */
    default boolean createdThisBoot(String schema, String name) {
        return false;
    }

    /**
     * Whether a type is an enum, a composite or a domain without constraints, as the database says or
     * as an earlier migration of the same boot created it: a column of it can be added to an existing
     * table without a check per row. A type nothing vouches for is not plain.
     */
    default boolean isPlainType(String schema, String name) {
        return false;
    }

    /** A database with nothing in it. */
    static SchemaView empty() {
        return (schema, name) -> false;
    }
}
