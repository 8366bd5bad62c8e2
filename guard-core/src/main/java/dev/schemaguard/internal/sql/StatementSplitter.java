package dev.schemaguard.internal.sql;

import dev.schemaguard.internal.Interruptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a migration script into the statements the server will execute, using the target server's
 * own tokenization. Never throws on bad input: from the first lexical error on, the rest of the
 * script becomes one final statement, which the classifier then refuses as unparseable.
 */
public final class StatementSplitter {
    private StatementSplitter() {}

    public static List<SqlStatement> split(String script, SqlSupport sql) {
        Lexer.Result lexed = sql.lex(script);
        List<List<Token>> groups = StatementBoundaries.group(lexed.tokens(), sql);
        List<SqlStatement> statements = new ArrayList<>();
        List<Token> unfinished = List.of();
        if (lexed.error() != null && !groups.isEmpty() && lastGroupIsOpen(groups, lexed.tokens())) {
            unfinished = groups.remove(groups.size() - 1);
        }
        for (List<Token> group : groups) {
            Interruptions.check();
            Token first = group.get(0);
            Token last = group.get(group.size() - 1);
            statements.add(new SqlStatement(script.substring(first.start(), last.end()), first.line()));
        }
        if (lexed.error() != null) {
            int start = lexed.error().start();
            int line = lexed.error().line();
            if (!unfinished.isEmpty()) {
                start = unfinished.get(0).start();
                line = unfinished.get(0).line();
            }
            statements.add(new SqlStatement(script.substring(start), line));
        }
        return List.copyOf(statements);
    }

    /** The last group is still open when no statement-ending ';' followed it before the lexical error. */
    private static boolean lastGroupIsOpen(List<List<Token>> groups, List<Token> tokens) {
        List<Token> last = groups.get(groups.size() - 1);
        return last.get(last.size() - 1) == tokens.get(tokens.size() - 1);
    }
}
