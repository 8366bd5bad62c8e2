package dev.schemaguard.internal.sql;

import dev.schemaguard.internal.Interruptions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Groups tokens into statements at top-level ';'. A ';' inside a body does not end the statement;
 * the dialect says where bodies are ({@link SqlSupport#insideBody}: SQLite's CREATE TRIGGER ...
 * BEGIN ...; END, PostgreSQL's BEGIN ATOMIC ...; END). Shared by the splitter and the classifier,
 * so both agree on where a statement ends.
 */
final class StatementBoundaries {
    private final SqlSupport sql;
    private final Consumer<List<Token>> ended;
    private List<Token> current = new ArrayList<>();

    /** @param ended  hears each statement's tokens as soon as its ';' is read */
    StatementBoundaries(SqlSupport sql, Consumer<List<Token>> ended) {
        this.sql = sql;
        this.ended = ended;
    }

    void accept(Token token) {
        if (token.isOp(";") && (current.isEmpty() || !sql.insideBody(current))) {
            Interruptions.check();
            if (!current.isEmpty()) {
                ended.accept(current);
                current = new ArrayList<>();
            }
            return;
        }
        current.add(token);
    }

    /** The tokens after the last statement-ending ';' (a last statement without one); empty when there are none. */
    List<Token> unfinished() {
        return current;
    }

    static List<List<Token>> group(List<Token> tokens, SqlSupport sql) {
        List<List<Token>> statements = new ArrayList<>();
        StatementBoundaries boundaries = new StatementBoundaries(sql, statements::add);
        tokens.forEach(boundaries::accept);
        if (!boundaries.unfinished().isEmpty()) {
            statements.add(boundaries.unfinished());
        }
        return statements;
    }
}
