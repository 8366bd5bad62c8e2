package dev.schemaguard.internal.sql;

import java.util.List;

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

    /** Tokenizes text exactly as the server does, stopping at the first lexical error. */
    Lexer.Result lex(String text);

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
