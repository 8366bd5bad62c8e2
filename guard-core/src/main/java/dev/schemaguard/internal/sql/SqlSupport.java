package dev.schemaguard.internal.sql;

import java.util.List;
import java.util.function.Consumer;

/**
 * One dialect's SQL, handed to core by its {@link dev.schemaguard.spi.Dialect}: how the server
 * tokenizes, where its statements end, and which statements it can apply additively. Core's
 * splitter and classifier drive it and never ask which database it is; a dialect builds its grammar
 * from this package's shared toolkit ({@link Lexer}, {@link TokenCursor}, {@link Names},
 * {@link ColumnDefinition}, {@link CommonStatements}, ...), parameterized by its {@link #syntax()}.
 */
public interface SqlSupport {

    /** The notation facts the shared parsers need, and the rules this dialect can fire. */
    SqlSyntax syntax();

    /**
     * Whether a DDL statement runs inside the migration's transaction. Where it does not (the server
     * commits before and after each DDL statement: MariaDB, MySQL), a migration of several statements
     * cannot be atomic with its ledger row: the classifier accepts one only if every statement can safely
     * run twice ({@link Rule#DDL_NOT_ATOMIC}), and the applier records its progress so that a boot after a
     * crash finds it half applied.
     */
    default boolean transactionalDdl() {
        return true;
    }

    /** Tokenizes text exactly as the server does, stopping at the first lexical error. */
    Lexer.Result lex(String text);

    /**
     * Tokenizes text as {@link #lex(String)} does, handing each token to {@code sink} as it is read
     * instead of keeping them all, so that splitting a very large script does not hold every token of
     * it at once; returns the first lexical error, or null. A dialect streams with {@link Lexer#run(Consumer)}.
     */
    default Lexer.LexError lex(String text, Consumer<Token> sink) {
        Lexer.Result lexed = lex(text);
        lexed.tokens().forEach(sink);
        return lexed.error();
    }

    /**
     * Whether a ';' right after these tokens (a statement not yet ended) is inside a body, such as a
     * trigger's BEGIN ... END, and so does not end the statement.
     */
    boolean insideBody(List<Token> statementSoFar);

    /**
     * Analyzes one statement (non-empty tokens, no statement-ending ';').
     *
     * @throws TokenCursor.NotRecognized when the statement starts like an additive one but does not parse
     */
    Analysis analyze(List<Token> tokens);
}
