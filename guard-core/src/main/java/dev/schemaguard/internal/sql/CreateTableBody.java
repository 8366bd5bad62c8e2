package dev.schemaguard.internal.sql;

import java.util.List;

/**
 * The parenthesized body of CREATE TABLE: column definitions and table constraints. Nothing in it
 * runs at creation time (defaults and checks only run on later writes), but every token must still
 * parse, so that the statement is what it looks like.
 */
final class CreateTableBody {
    private CreateTableBody() {}

    static void parse(List<Token> body, SqlDialect dialect) {
        TokenCursor c = new TokenCursor(body);
        if (c.atEnd()) {
            if (dialect == SqlDialect.SQLITE) {
                throw new TokenCursor.NotRecognized("a SQLite table needs at least one column");
            }
            return;
        }
        do {
            if (startsTableConstraint(c, dialect)) {
                List<Token> constraint = c.until(t -> t.isOp(","));
                if (constraint.size() < 2) {
                    throw c.unexpected("incomplete table constraint");
                }
            } else {
                ColumnDefinition.parse(c, dialect);
            }
        } while (c.acceptOp(","));
        c.expectEnd();
    }

    private static boolean startsTableConstraint(TokenCursor c, SqlDialect dialect) {
        return c.peekWords("CONSTRAINT") || c.peekWords("PRIMARY", "KEY") || c.peekWords("FOREIGN", "KEY")
                || (c.peekWords("UNIQUE") && c.peek(1) != null && (c.peek(1).isOp("(") || c.peek(1).isWord("NULLS")))
                || (c.peekWords("CHECK") && c.peek(1) != null && c.peek(1).isOp("("))
                || (dialect == SqlDialect.POSTGRES && (c.peekWords("EXCLUDE") || c.peekWords("LIKE")));
    }
}
