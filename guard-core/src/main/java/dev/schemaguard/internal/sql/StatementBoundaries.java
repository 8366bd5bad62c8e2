package dev.schemaguard.internal.sql;

import dev.schemaguard.internal.Interruptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups tokens into statements at top-level ';'. A ';' inside a body does not end the statement;
 * the dialect says where bodies are ({@link SqlSupport#insideBody}: SQLite's CREATE TRIGGER ...
 * BEGIN ...; END, PostgreSQL's BEGIN ATOMIC ...; END). Shared by the splitter and the classifier,
 * so both agree on where a statement ends.
 */
final class StatementBoundaries {
    private StatementBoundaries() {}

    static List<List<Token>> group(List<Token> tokens, SqlSupport sql) {
        List<List<Token>> statements = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        for (Token token : tokens) {
            if (token.isOp(";") && (current.isEmpty() || !sql.insideBody(current))) {
                Interruptions.check();
                if (!current.isEmpty()) {
                    statements.add(current);
                    current = new ArrayList<>();
                }
                continue;
            }
            current.add(token);
        }
        if (!current.isEmpty()) {
            statements.add(current);
        }
        return statements;
    }
}
