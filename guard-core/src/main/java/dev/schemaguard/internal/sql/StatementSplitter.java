package dev.schemaguard.internal.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a migration script into the statements the server will execute, using the target server's
 * own tokenization. Never throws on bad input: from the first lexical error on, the rest of the
 * script becomes one final statement, which the classifier then refuses as unparseable.
 */
public final class StatementSplitter {
    private StatementSplitter() {}

    /** Streams: each statement's text is cut out as soon as its ';' is read, and its tokens are let go. */
    public static List<SqlStatement> split(String script, SqlSupport sql) {
        List<SqlStatement> statements = new ArrayList<>();
        StatementBoundaries boundaries = new StatementBoundaries(sql, group -> statements.add(statementOf(script, group)));
        Lexer.LexError error = sql.lex(script, boundaries::accept);
        List<Token> unfinished = boundaries.unfinished();
        if (error == null) {
            if (!unfinished.isEmpty()) {
                statements.add(statementOf(script, unfinished)); // the last statement, without a ';'
            }
        } else {
            // From the first lexical error on, the rest (with the statement it interrupted) is one statement.
            int start = unfinished.isEmpty() ? error.start() : unfinished.get(0).start();
            int line = unfinished.isEmpty() ? error.line() : unfinished.get(0).line();
            statements.add(new SqlStatement(script.substring(start), line));
        }
        return List.copyOf(statements);
    }

    private static SqlStatement statementOf(String script, List<Token> group) {
        Token first = group.get(0);
        Token last = group.get(group.size() - 1);
        return new SqlStatement(script.substring(first.start(), last.end()), first.line());
    }
}
