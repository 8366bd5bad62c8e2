package dev.schemaguard.mariadb.internal.sql;

import dev.schemaguard.internal.sql.Analysis;
import dev.schemaguard.internal.sql.CommonStatements;
import dev.schemaguard.internal.sql.QualifiedName;
import dev.schemaguard.internal.sql.Rule;
import dev.schemaguard.internal.sql.Token;
import dev.schemaguard.internal.sql.TokenCursor;

import java.util.List;

/**
 * MariaDB CREATE TABLE, after TABLE: a column list and table options, or LIKE another
 * table (its structure only). Nothing in a new table's definition runs at creation, but every token
 * must parse. A query (AS SELECT, or a SELECT after the columns) copies data: refused.
 */
final class MariaDbCreateTable {
    private MariaDbCreateTable() {
    }

    static Analysis analyze(TokenCursor c) {
        boolean ifNotExists = c.acceptWords("IF", "NOT", "EXISTS");
        QualifiedName created = MariaDbNames.qualified(c);
        if (c.acceptWords("LIKE") || (c.peekOp("(") && c.peek(1) != null && c.peek(1).isWord("LIKE"))) {
            boolean parenthesized = c.acceptOp("(");
            if (parenthesized) {
                c.expectWords("LIKE");
            }
            MariaDbNames.qualified(c);
            if (parenthesized) {
                c.expectOp(")");
            }
            c.expectEnd();
            return Analysis.creating(created, ifNotExists);
        }
        if (c.peekWords("AS") || c.peekWords("SELECT") || !c.peekOp("(")) {
            return asSelect();
        }
        List<Token> body = c.group();
        parseBody(body);
        while (!c.atEnd()) {
            if (c.peekWords("AS") || c.peekWords("SELECT") || c.peekWords("IGNORE") || c.peekWords("REPLACE")) {
                return asSelect();
            }
            if (c.acceptWords("PARTITION", "BY")) {
                c.rest(); // the partitioning of a brand-new, empty table
                break;
            }
            if (c.acceptWords("WITH", "SYSTEM", "VERSIONING")) {
                continue;
            }
            Analysis refused = MariaDbTableOptions.read(c);
            if (refused != null) {
                return refused;
            }
            c.acceptOp(",");
        }
        return Analysis.creating(created, ifNotExists);
    }

    private static void parseBody(List<Token> body) {
        TokenCursor c = new TokenCursor(body);
        if (c.atEnd()) {
            throw new TokenCursor.NotRecognized("a table needs at least one column");
        }
        do {
            if (startsTableConstraint(c)) {
                if (c.until(t -> t.isOp(",")).size() < 2) {
                    throw c.unexpected("incomplete key or constraint");
                }
            } else {
                MariaDbColumn.parse(c);
            }
        } while (c.acceptOp(","));
        c.expectEnd();
    }

    private static boolean startsTableConstraint(TokenCursor c) {
        return c.peekWords("CONSTRAINT") || c.peekWords("PRIMARY", "KEY") || c.peekWords("FOREIGN", "KEY")
                || c.peekWords("UNIQUE") || c.peekWords("INDEX") || c.peekWords("KEY") || c.peekWords("FULLTEXT")
                || c.peekWords("SPATIAL") || c.peekWords("PERIOD", "FOR")
                || (c.peekWords("CHECK") && c.peek(1) != null && c.peek(1).isOp("("));
    }

    private static Analysis asSelect() {
        return CommonStatements.refuse(Rule.CREATE_TABLE_AS_SELECT,
                "CREATE TABLE ... SELECT runs a query. Create the table with columns instead.");
    }
}
