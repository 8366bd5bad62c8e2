package dev.schemaguard.postgres.internal.sql;

import dev.schemaguard.internal.sql.Analysis;
import dev.schemaguard.internal.sql.CommonStatements;
import dev.schemaguard.internal.sql.CreateTableBody;
import dev.schemaguard.internal.sql.Names;
import dev.schemaguard.internal.sql.QualifiedName;
import dev.schemaguard.internal.sql.Rule;
import dev.schemaguard.internal.sql.SqlSyntax;
import dev.schemaguard.internal.sql.Token;
import dev.schemaguard.internal.sql.TokenCursor;

/** PostgreSQL CREATE [TEMP|UNLOGGED] TABLE, after the TABLE keyword. */
final class PostgresCreateTable {
    private static final SqlSyntax D = PostgresSql.SYNTAX;

    private PostgresCreateTable() {}

    static Analysis analyze(TokenCursor c) {
        boolean ifNotExists = c.acceptWords("IF", "NOT", "EXISTS");
        QualifiedName name = Names.qualified(c, D);
        if (c.peekWords("PARTITION", "OF")) {
            return CommonStatements.refuse(Rule.PARTITION,
                    "PARTITION OF attaches the new table to an existing partitioned table under a lock.");
        }
        if (c.peekWords("AS")) {
            return asSelect();
        }
        java.util.List<Token> body = c.group();
        if (c.peekWords("AS")) {
            return asSelect();
        }
        CreateTableBody.parse(body, D);
        while (!c.atEnd()) {
            if (c.acceptWords("PARTITION", "BY")) {
                c.next();
                c.group();
            } else if (c.acceptWords("WITH")) {
                c.group(); // storage parameters of a brand-new table only affect that table
            } else if (c.acceptWords("WITHOUT", "OIDS")) {
                continue;
            } else if (c.acceptWords("ON", "COMMIT")) {
                if (!c.acceptWords("PRESERVE", "ROWS") && !c.acceptWords("DELETE", "ROWS")) {
                    c.expectWords("DROP");
                }
            } else if (c.acceptWords("TABLESPACE") || c.acceptWords("USING")) {
                Names.simple(c, D);
            } else if (c.peekWords("INHERITS")) {
                return CommonStatements.refuse(Rule.INHERITANCE, "INHERITS makes the new table's rows appear in "
                        + "every query on the parent, and a DELETE or UPDATE of the parent reach them.");
            } else {
                throw c.unexpected("unexpected table option");
            }
        }
        return Analysis.creating(name, ifNotExists);
    }

    private static Analysis asSelect() {
        return CommonStatements.refuse(Rule.CREATE_TABLE_AS_SELECT,
                "CREATE TABLE ... AS runs a query. Create the table with columns instead.");
    }
}
