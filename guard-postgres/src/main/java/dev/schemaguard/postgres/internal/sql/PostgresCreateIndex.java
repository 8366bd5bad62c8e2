package dev.schemaguard.postgres.internal.sql;

import dev.schemaguard.internal.sql.Analysis;
import dev.schemaguard.internal.sql.Names;
import dev.schemaguard.internal.sql.QualifiedName;
import dev.schemaguard.internal.sql.Rule;
import dev.schemaguard.internal.sql.SqlSyntax;
import dev.schemaguard.internal.sql.TokenCursor;

/**
 * PostgreSQL CREATE [UNIQUE] INDEX, after the INDEX keyword. Without CONCURRENTLY an index build
 * blocks writes to the table for the whole build, so it is additive only on a table created in the
 * same migration; with CONCURRENTLY it must run outside a transaction.
 */
final class PostgresCreateIndex {
    private static final SqlSyntax D = PostgresSql.SYNTAX;

    private PostgresCreateIndex() {}

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
        if (c.group().isEmpty()) {
            throw new TokenCursor.NotRecognized("an index needs at least one column");
        }
        while (!c.atEnd()) {
            if (c.acceptWords("INCLUDE") || c.acceptWords("WITH")) {
                c.group();
            } else if (c.acceptWords("NULLS")) {
                c.acceptWords("NOT");
                c.expectWords("DISTINCT");
            } else if (c.acceptWords("TABLESPACE")) {
                Names.simple(c, D);
            } else if (c.acceptWords("WHERE")) {
                if (c.rest().isEmpty()) {
                    throw new TokenCursor.NotRecognized("WHERE without a condition");
                }
            } else {
                throw c.unexpected("unexpected index option");
            }
        }
        Analysis a = name == null ? Analysis.accept()
                : Analysis.creating(new QualifiedName(table.schema(), name), ifNotExists);
        if (concurrently) {
            a.concurrently();
        } else {
            a.requireNewTable(table, Rule.CREATE_INDEX_NON_CONCURRENTLY, "Building an index on existing table "
                    + table + " blocks writes until it finishes. Use CREATE INDEX CONCURRENTLY, alone in its migration.");
        }
        return a;
    }
}
