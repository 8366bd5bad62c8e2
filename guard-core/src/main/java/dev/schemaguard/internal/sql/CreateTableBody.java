package dev.schemaguard.internal.sql;

import java.util.List;

/**
 * The parenthesized body of CREATE TABLE: column definitions and table constraints. Nothing in it
 * runs at creation time (defaults and checks only run on later writes), but every token must still
 * parse, so that the statement is what it looks like.
 */
public final class CreateTableBody {
    private CreateTableBody() {}

    public static void parse(List<Token> body, SqlSyntax syntax) {
        TokenCursor c = new TokenCursor(body);
        if (c.atEnd()) {
            if (!syntax.emptyTables()) {
                throw new TokenCursor.NotRecognized("a table needs at least one column");
            }
            return;
        }
        do {
            if (startsTableConstraint(c, syntax)) {
                List<Token> constraint = c.until(t -> t.isOp(","));
                if (constraint.size() < 2) {
                    throw c.unexpected("incomplete table constraint");
                }
            } else {
                ColumnDefinition.parse(c, syntax);
            }
        } while (c.acceptOp(","));
        c.expectEnd();
    }

    private static boolean startsTableConstraint(TokenCursor c, SqlSyntax syntax) {
        return c.peekWords("CONSTRAINT") || c.peekWords("PRIMARY", "KEY") || c.peekWords("FOREIGN", "KEY")
                || (c.peekWords("UNIQUE") && c.peek(1) != null && (c.peek(1).isOp("(") || c.peek(1).isWord("NULLS")))
                || (c.peekWords("CHECK") && c.peek(1) != null && c.peek(1).isOp("("))
                || syntax.tableElementWords().stream().anyMatch(c::peekWords);
    }
}
