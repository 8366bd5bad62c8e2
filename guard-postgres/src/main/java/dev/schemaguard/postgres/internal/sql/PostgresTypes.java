package dev.schemaguard.postgres.internal.sql;

import dev.schemaguard.internal.sql.Analysis;
import dev.schemaguard.internal.sql.ColumnDefinition;
import dev.schemaguard.internal.sql.CommonStatements;
import dev.schemaguard.internal.sql.CreateTableBody;
import dev.schemaguard.internal.sql.Names;
import dev.schemaguard.internal.sql.QualifiedName;
import dev.schemaguard.internal.sql.Rule;
import dev.schemaguard.internal.sql.SqlSyntax;
import dev.schemaguard.internal.sql.Token;
import dev.schemaguard.internal.sql.TokenCursor;

import java.util.List;
import java.util.Set;

/**
 * Which column types PostgreSQL adds to an existing table without visiting its rows. A base type
 * (built in, or an extension's) needs nothing per row; a domain with a CHECK or NOT NULL makes the
 * server check (and rewrite) every existing row. A type name the classifier does not know may be such
 * a domain, so it is refused unless it is an enum, composite or plain domain created in this
 * migration or boot.
 */
final class PostgresTypes {
    /** Base types, built in or from common extensions (citext, hstore, ltree, PostGIS, pgvector). */
    static final Set<String> BASE_TYPES = Set.of("smallint", "integer", "int", "int2", "int4", "int8", "bigint",
            "decimal", "numeric", "real", "float", "float4", "float8", "double", "money", "text", "varchar", "char",
            "character", "bpchar", "name", "bytea", "boolean", "bool", "date", "time", "timetz", "timestamp",
            "timestamptz", "interval", "json", "jsonb", "jsonpath", "uuid", "inet", "cidr", "macaddr", "macaddr8",
            "xml", "bit", "varbit", "tsvector", "tsquery", "point", "line", "lseg", "box", "path", "polygon", "circle",
            "int4range", "int8range", "numrange", "tsrange", "tstzrange", "daterange", "int4multirange",
            "int8multirange", "nummultirange", "tsmultirange", "tstzmultirange", "datemultirange", "oid", "pg_lsn",
            "citext", "hstore", "ltree", "geometry", "geography", "vector", "halfvec", "sparsevec");

    /** Words that continue a type name: double precision, character varying, timestamp with time zone... */
    private static final Set<String> CONTINUATIONS = Set.of("precision", "varying", "with", "without", "time", "zone",
            "array", "year", "month", "day", "hour", "minute", "second", "to", "pg_catalog", "public");

    private PostgresTypes() {}

    static void requireKnownType(Analysis a, QualifiedName table, List<Token> type) {
        if (isBaseType(type)) {
            return;
        }
        a.requireNewTableOrPlainType(table, typeName(type), Rule.ADD_COLUMN_TYPE, "The column's type "
                + typeName(type) + " is not a base type the classifier knows. A domain with a CHECK or NOT NULL makes "
                + "PostgreSQL check and rewrite every existing row. Use a base type (or an enum created by this "
                + "boot's migrations), or apply it in a reviewed migration.");
    }

    static boolean isBaseType(List<Token> type) {
        if (type.isEmpty()) {
            return false;
        }
        boolean first = true;
        for (Token t : type) {
            if (t.kind() == Token.Kind.NUMBER || t.isOp(",")) {
                continue; // type modifiers such as numeric(10, 2) or geometry(Point, 4326) come as a group
            }
            if (t.kind() != Token.Kind.WORD) {
                return false;
            }
            String word = t.folded();
            if (first && !BASE_TYPES.contains(word) && !word.equals("pg_catalog") && !word.equals("public")) {
                return false;
            }
            first = false;
            if (!BASE_TYPES.contains(word) && !CONTINUATIONS.contains(word) && !isModifierWord(word)) {
                return false;
            }
        }
        return true;
    }

    /** PostGIS modifiers: geometry(Point, 4326), geography(MultiPolygonZ, 4326). */
    private static boolean isModifierWord(String word) {
        return word.matches("(multi)?(point|linestring|polygon)z?m?|geometrycollection|geometry");
    }

    /** The type as a name, for a type created earlier (schema.name or name). */
    static QualifiedName typeName(List<Token> type) {
        List<Token> names = type.stream().filter(Token::isName).toList();
        if (names.isEmpty()) {
            return new QualifiedName(null, "?");
        }
        if (names.size() >= 2) {
            return new QualifiedName(Names.defaultSchemaToNull(names.get(0).folded(), PostgresSql.SYNTAX),
                    names.get(1).folded());
        }
        return new QualifiedName(null, names.get(0).folded());
    }
}
