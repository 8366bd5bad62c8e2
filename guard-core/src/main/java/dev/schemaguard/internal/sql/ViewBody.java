package dev.schemaguard.internal.sql;

/**
 * The query of a CREATE VIEW. Creating a view does not run its query, so the query may be anything
 * that starts like a query and has balanced brackets; the server checks the rest.
 */
public final class ViewBody {
    private ViewBody() {}

    public static void expectQuery(TokenCursor c) {
        Token first = c.peek();
        if (first == null || !(first.isWord("SELECT") || first.isWord("WITH") || first.isWord("VALUES")
                || first.isOp("("))) {
            throw c.unexpected("expected a query after AS");
        }
        c.rest();
    }
}
