package dev.schemaguard.postgres.internal.sql;

import dev.schemaguard.internal.sql.Token;
import java.util.List;
import java.util.Set;

/**
 * Decides whether a PostgreSQL DEFAULT expression is safe for ADD COLUMN on an existing table. Since
 * PostgreSQL 11 a non-volatile default is evaluated once and stored in the catalog (no rewrite); a
 * volatile one is evaluated per row (a rewrite). Fails closed: only literals, casts, allowlisted
 * operators and functions known to be non-volatile pass; any unknown function or operator does not.
 */
final class PostgresDefaults {
    /** Exactly one of the fields is set when the default is not safe. */
    record Verdict(String volatileFunction, String problem) {
        static final Verdict SAFE = new Verdict(null, null);
    }

    static final Set<String> VOLATILE_FUNCTIONS = Set.of("random", "random_normal", "setseed", "clock_timestamp",
            "timeofday", "gen_random_uuid", "gen_random_bytes", "uuid_generate_v1", "uuid_generate_v1mc",
            "uuid_generate_v4", "uuidv4", "uuidv7", "nextval", "currval", "lastval", "setval", "txid_current",
            "pg_current_xact_id", "pg_sleep");

    /** Built-in functions that are IMMUTABLE or STABLE and have no side effects. */
    static final Set<String> STABLE_FUNCTIONS = Set.of("now", "transaction_timestamp", "statement_timestamp",
            "current_timestamp", "current_date", "current_time", "localtime", "localtimestamp", "timezone",
            "date_trunc", "date_part", "extract", "make_date", "make_time", "make_timestamp", "make_timestamptz",
            "make_interval", "to_timestamp", "to_date", "to_char", "to_number", "lower", "upper", "initcap",
            "trim", "btrim", "ltrim", "rtrim", "substring", "substr", "replace", "concat", "concat_ws", "length",
            "char_length", "left", "right", "lpad", "rpad", "md5", "coalesce", "nullif", "greatest", "least",
            "abs", "round", "floor", "ceil", "ceiling", "power", "cast", "jsonb_build_object", "jsonb_build_array",
            "json_build_object", "json_build_array", "to_json", "to_jsonb", "array_fill");

    /** Keywords that may stand alone in a default: literals and the SQL-standard stable value functions. */
    private static final Set<String> VALUE_KEYWORDS = Set.of("true", "false", "null", "current_timestamp",
            "current_date", "current_time", "localtime", "localtimestamp", "current_user", "session_user", "user",
            "current_role", "current_schema", "current_catalog", "at", "time", "zone", "with", "without",
            "precision", "varying", "array", "interval", "as");

    static final Set<String> BUILTIN_TYPES = Set.of("smallint", "integer", "int", "int2", "int4", "int8", "bigint",
            "decimal", "numeric", "real", "float", "float4", "float8", "double", "money", "text", "varchar", "char",
            "character", "bpchar", "name", "bytea", "boolean", "bool", "date", "time", "timetz", "timestamp",
            "timestamptz", "interval", "json", "jsonb", "uuid", "inet", "cidr", "macaddr", "xml", "bit", "varbit",
            "citext");

    private static final Set<String> OPERATORS = Set.of("(", ")", "[", "]", ",", "+", "-", "*", "/", "%", "||",
            "::", ".", "=>");

    /** Allowlisted functions that can return NULL for arguments that are not NULL. */
    private static final Set<String> MAY_RETURN_NULL = Set.of("nullif", "substring", "to_json", "to_jsonb");

    private PostgresDefaults() {}

    /**
     * Whether a default may evaluate to NULL: it mentions NULL anywhere (NULL::int, CAST(NULL AS ...),
     * coalesce(NULL, NULL)) or calls a function that can return NULL. A NOT NULL column with such a
     * default fails on existing rows, so it counts as having no default.
     */
    static boolean mayBeNull(List<Token> expr) {
        for (int i = 0; i < expr.size(); i++) {
            Token t = expr.get(i);
            if (t.isWord("NULL")) {
                return true;
            }
            boolean call = i + 1 < expr.size() && expr.get(i + 1).isOp("(");
            if (call && t.kind() == Token.Kind.WORD && MAY_RETURN_NULL.contains(t.folded())) {
                return true;
            }
        }
        return false;
    }

    static Verdict classify(List<Token> expr) {
        for (int i = 0; i < expr.size(); i++) {
            Token t = expr.get(i);
            Token previous = i > 0 ? expr.get(i - 1) : null;
            Token next = i + 1 < expr.size() ? expr.get(i + 1) : null;
            switch (t.kind()) {
                case NUMBER: case STRING:
                    continue;
                case OP:
                    if (!OPERATORS.contains(t.raw())) {
                        return problem("uses operator '" + t.raw() + "'");
                    }
                    continue;
                case WORD: case QUOTED_IDENT:
                    break;
                default:
                    return problem("holds '" + t.raw() + "'");
            }
            String word = t.folded();
            boolean typePosition = previous != null && (previous.isOp("::") || previous.isWord("AS"));
            if (typePosition) {
                boolean castOfLiteral = i >= 2 && expr.get(i - 2).kind() == Token.Kind.STRING;
                if (!BUILTIN_TYPES.contains(word) && !castOfLiteral) {
                    return problem("casts an expression to type " + word);
                }
                i = skipTypeModifier(expr, i);
                continue;
            }
            if (next != null && next.isOp("=>")) {
                continue; // a named argument: make_interval(days => 14)
            }
            if (previous != null && previous.isOp(".")) {
                continue; // the function part of a pg_catalog.fn(...) call, checked below with its schema
            }
            if (next != null && next.isOp(".")) {
                if (!word.equals("pg_catalog") || i + 2 >= expr.size()) {
                    return problem("calls a function in schema " + word);
                }
                t = expr.get(i + 2);
                word = t.folded();
                next = i + 3 < expr.size() ? expr.get(i + 3) : null;
            }
            if (next != null && next.isOp("(")) {
                if (VOLATILE_FUNCTIONS.contains(word)) {
                    return new Verdict(word, null);
                }
                if (!STABLE_FUNCTIONS.contains(word) && !BUILTIN_TYPES.contains(word)) {
                    return problem("calls " + word + "(), which is not on the list of known-stable functions");
                }
                continue;
            }
            if (t.kind() == Token.Kind.QUOTED_IDENT
                    || (!VALUE_KEYWORDS.contains(word) && !BUILTIN_TYPES.contains(word))) {
                return problem("refers to '" + t.raw() + "'");
            }
        }
        return Verdict.SAFE;
    }

    /** Skips "(n[, m])" after a type name in a cast, so that it is not read as a function call. */
    private static int skipTypeModifier(List<Token> expr, int i) {
        if (i + 1 < expr.size() && expr.get(i + 1).isOp("(")) {
            int j = i + 2;
            while (j < expr.size() && (expr.get(j).kind() == Token.Kind.NUMBER || expr.get(j).isOp(","))) {
                j++;
            }
            if (j < expr.size() && expr.get(j).isOp(")")) {
                return j;
            }
        }
        return i;
    }

    private static Verdict problem(String what) {
        return new Verdict(null, what);
    }
}
