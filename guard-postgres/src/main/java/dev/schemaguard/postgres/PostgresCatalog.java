package dev.schemaguard.postgres;

import dev.schemaguard.internal.sql.SchemaCatalog;
import dev.schemaguard.internal.sql.SchemaView;
import dev.schemaguard.spi.Dialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a database holds, as Schema Guard names it: every relation as {@code schema.name} and, in the
 * current schema, also as bare {@code name}; every user schema by its name. System schemas, the
 * initdb-created {@code public} schema itself, and extension members are left out, so that a database
 * just created by initdb or CREATE DATABASE (even with extensions installed) counts as empty. An
 * invalid index left by an interrupted concurrent build is left out too. Enums and domains without
 * constraints are listed, prefixed {@link SchemaView#PLAIN_TYPE}, so that the classifier knows a
 * column of one checks no existing row.
 */
final class PostgresCatalog implements Dialect.Catalog {
    static final String SYSTEM = "n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')"
            + " AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'";
    /**
     * An extension member's dependency always refers to its extension: asked by that, the server finds
     * the few such rows through pg_depend's index on the referenced object instead of reading all of
     * pg_depend (about ten rows per table) in every boot.
     */
    private static final String NOT_EXTENSION_MEMBER = "NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = %s"
            + " AND d.refclassid = 'pg_extension'::regclass AND d.classid = '%s'::regclass AND d.deptype = 'e')";

    private static final String RELATIONS = "SELECT n.nspname, c.relname, n.nspname = current_schema()"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'i', 'I', 'S', 'f') AND " + SYSTEM
            + " AND " + String.format(NOT_EXTENSION_MEMBER, "c.oid", "pg_class")
            // An INVALID index (an interrupted CREATE INDEX CONCURRENTLY) is debris, not an object: the
            // migration that builds it is still pending, and the apply drops it before building again.
            + " AND NOT EXISTS (SELECT 1 FROM pg_index x WHERE x.indexrelid = c.oid AND NOT x.indisvalid)";
    private static final String SCHEMAS = "SELECT n.nspname FROM pg_namespace n WHERE " + SYSTEM
            + " AND n.nspname <> 'public' AND " + String.format(NOT_EXTENSION_MEMBER, "n.oid", "pg_namespace");

    /**
     * Enums and domains without constraints or default: adding a column of one checks and fills no row
     * (a domain's constraints are checked on every row, its default written into every row).
     */
    private static final String PLAIN_TYPES = "SELECT n.nspname, t.typname, n.nspname = current_schema()"
            + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE " + SYSTEM
            + " AND (t.typtype = 'e' OR (t.typtype = 'd' AND NOT t.typnotnull AND t.typdefaultbin IS NULL"
            + " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.contypid = t.oid)))";

    /**
     * The relations of the current schema and the user schemas whose names fall in some ranges
     * ({@link NamePrefixes}: the arrays of their first and their end names), filtered as {@link #RELATIONS}
     * and {@link #SCHEMAS} are: the candidates for {@link #objects(Connection, Set)}. Each range is a
     * lateral index scan: a query planned in a new session pays for every clause it estimates (the
     * catalogs' statistics are not cached yet), and a range with parameters is not estimated.
     */
    private static final String NAMED = "SELECT f.name FROM unnest(?::text[], ?::text[]) r(lo, hi) CROSS JOIN LATERAL ("
            + "SELECT c.relname AS name FROM pg_class c WHERE c.relname >= r.lo::name AND c.relname < r.hi::name"
            + " AND c.relnamespace = (SELECT n.oid FROM pg_namespace n WHERE n.nspname = current_schema() AND " + SYSTEM + ")"
            + " AND c.relkind IN ('r', 'p', 'v', 'm', 'i', 'I', 'S', 'f')"
            + " AND " + String.format(NOT_EXTENSION_MEMBER, "c.oid", "pg_class")
            + " AND NOT EXISTS (SELECT 1 FROM pg_index x WHERE x.indexrelid = c.oid AND NOT x.indisvalid)"
            + " UNION ALL SELECT n.nspname FROM pg_namespace n WHERE n.nspname >= r.lo::name AND n.nspname < r.hi::name"
            + " AND " + SYSTEM + " AND n.nspname <> 'public' AND " + String.format(NOT_EXTENSION_MEMBER, "n.oid", "pg_namespace")
            + ") f";

    /**
     * Exactly what {@link #objects(Connection)} would list of {@code names}, without listing everything
     * (whose cost grows with the schema): a name is listed bare when a relation of the current schema or a
     * user schema has it once lower-cased, so a quoted {@code "DATABASECHANGELOG"} counts as
     * {@code databasechangelog} here as there. The server is asked for the names beginning with any
     * spelling of each name's first two characters (the index finds them), and Java lower-cases them as
     * the full listing does. A name of other characters than {@code a-z 0-9 _ $} is answered from the
     * full listing.
     */
    @Override
    public Set<String> objects(Connection connection, Set<String> names) throws SQLException {
        if (names.isEmpty()) {
            return Set.of();
        }
        NamePrefixes prefixes = NamePrefixes.of(names).orElse(null);
        if (prefixes == null) {
            return Dialect.Catalog.super.objects(connection, names);
        }
        Set<String> found = new HashSet<>();
        try (java.sql.PreparedStatement statement = connection.prepareStatement(NAMED)) {
            statement.setArray(1, connection.createArrayOf("text", prefixes.low().toArray()));
            statement.setArray(2, connection.createArrayOf("text", prefixes.high().toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String name = lower(rs.getString(1));
                    if (names.contains(name)) {
                        found.add(name);
                    }
                }
            }
        }
        return found;
    }

    @Override
    public Set<String> objects(Connection connection) throws SQLException {
        Set<String> names = new HashSet<>();
        try (Statement statement = connection.createStatement()) {
            // The three in one round trip: every boot asks this first, often across a network.
            statement.execute(RELATIONS + ";\n" + SCHEMAS + ";\n" + PLAIN_TYPES);
            try (ResultSet rs = statement.getResultSet()) {
                while (rs.next()) {
                    String name = lower(rs.getString(2));
                    names.add(lower(rs.getString(1)) + "." + name);
                    if (rs.getBoolean(3)) {
                        names.add(name);
                    }
                }
            }
            statement.getMoreResults();
            try (ResultSet rs = statement.getResultSet()) {
                while (rs.next()) {
                    names.add(lower(rs.getString(1)));
                }
            }
            statement.getMoreResults();
            try (ResultSet rs = statement.getResultSet()) {
                while (rs.next()) {
                    String name = lower(rs.getString(2));
                    names.add(SchemaView.PLAIN_TYPE + lower(rs.getString(1)) + "." + name);
                    if (rs.getBoolean(3)) {
                        names.add(SchemaView.PLAIN_TYPE + name);
                    }
                }
            }
        }
        return names;
    }

    /** Tables with their columns, views, indexes and schemas, for a baseline. */
    @Override
    public Optional<SchemaCatalog> describe(Connection connection) throws SQLException {
        return Optional.of(BaselineCatalog.read(connection));
    }

    /** A standby in recovery, or a default transaction that is read-only. */
    @Override
    public Optional<String> readOnly(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(
                     "SELECT pg_is_in_recovery(), current_setting('transaction_read_only') = 'on'")) {
            rs.next();
            if (rs.getBoolean(1)) {
                return Optional.of("The server is a standby in recovery: point the service at the primary.");
            }
            return rs.getBoolean(2) ? Optional.of("default_transaction_read_only is on for this database or user: turn it "
                    + "off (ALTER DATABASE ... SET default_transaction_read_only = off), or point the service at a writable database.")
                    : Optional.empty();
        }
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
