package dev.schemaguard.postgres.internal.sql;

import dev.schemaguard.internal.sql.Analysis;
import dev.schemaguard.internal.sql.Names;
import dev.schemaguard.internal.sql.QualifiedName;
import dev.schemaguard.internal.sql.Rule;
import dev.schemaguard.internal.sql.SqlSyntax;
import dev.schemaguard.internal.sql.Token;
import dev.schemaguard.internal.sql.TokenCursor;

/**
 * PostgreSQL CREATE [UNIQUE] INDEX, after the INDEX keyword. Without CONCURRENTLY an index build
 * blocks writes to the table for the whole build, so it is additive only on a table created in the
 * same migration; with CONCURRENTLY it must run outside a transaction.
 */
final class PostgresCreateIndex {
    private static final SqlSyntax D = PostgresSql.SYNTAX;

    /** Built-in functions common in index expressions, beyond the defaults' known-stable ones. */
    private static final java.util.Set<String> INDEX_FUNCTIONS = java.util.Set.of("to_tsvector", "array_to_string",
            "jsonb_path_ops", "date", "unaccent", "immutable_unaccent", "st_geomfromtext", "split_part", "reverse",
            "int4range", "tstzrange", "tsrange", "daterange", "numrange", "int8range", "box", "point");

    private PostgresCreateIndex() {}

    /** The first call in the index's keys or predicate to a function not known to be built in, or null. */
    private static String unknownFunction(java.util.List<Token> tokens) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isName() && tokens.get(i + 1).isOp("(") && !(i > 0 && tokens.get(i - 1).isOp("::"))) {
                String word = t.folded();
                if (!PostgresDefaults.STABLE_FUNCTIONS.contains(word) && !INDEX_FUNCTIONS.contains(word)
                        && !PostgresDefaults.BUILTIN_TYPES.contains(word)) {
                    return i > 0 && tokens.get(i - 1).isOp(".") ? tokens.get(i - 2).folded() + "." + word : word;
                }
            }
        }
        return null;
    }

    static Analysis analyze(TokenCursor c) {
        boolean concurrently = c.acceptWords("CONCURRENTLY");
        boolean ifNotExists = c.acceptWords("IF", "NOT", "EXISTS");
        String name = c.peekWords("ON") ? null : Names.simple(c, D);
        c.expectWords("ON");
        c.acceptWords("ONLY");
        QualifiedName table = Names.qualified(c, D);
        if (c.acceptWords("USING")) {
            Names.simple(c, D);
        }
        java.util.List<Token> keys = c.group();
        if (keys.isEmpty()) {
            throw new TokenCursor.NotRecognized("an index needs at least one column");
        }
        String unknown = unknownFunction(keys);
        while (!c.atEnd()) {
            if (c.acceptWords("INCLUDE") || c.acceptWords("WITH")) {
                c.group();
            } else if (c.acceptWords("NULLS")) {
                c.acceptWords("NOT");
                c.expectWords("DISTINCT");
            } else if (c.acceptWords("TABLESPACE")) {
                Names.simple(c, D);
            } else if (c.acceptWords("WHERE")) {
                java.util.List<Token> predicate = c.rest();
                if (predicate.isEmpty()) {
                    throw new TokenCursor.NotRecognized("WHERE without a condition");
                }
                unknown = unknown != null ? unknown : unknownFunction(predicate);
            } else {
                throw c.unexpected("unexpected index option");
            }
        }
        Analysis a = name == null ? Analysis.accept()
                : Analysis.creating(new QualifiedName(table.schema(), name), ifNotExists);
        if (unknown != null) {
            a.requireNewTable(table, Rule.INDEX_FUNCTION, "Building the index calls " + unknown + "() on every "
                    + "existing row of " + table + "; a function the classifier does not know may do anything "
                    + "(an IMMUTABLE label is the author's word). Index built-in expressions, or apply it in a reviewed migration.");
        }
        if (concurrently) {
            a.concurrently();
        } else {
            a.requireNewTable(table, Rule.CREATE_INDEX_NON_CONCURRENTLY, "Building an index on existing table "
                    + table + " blocks writes until it finishes. Use CREATE INDEX CONCURRENTLY, alone in its migration.");
        }
        return a;
    }
}
