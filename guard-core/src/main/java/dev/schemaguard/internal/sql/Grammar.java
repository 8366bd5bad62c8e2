package dev.schemaguard.internal.sql;

import java.util.List;

/** The additive statement grammar of one dialect. */
interface Grammar {
    /**
     * Analyzes one statement (non-empty tokens, no statement-ending ';').
     *
     * @throws TokenCursor.NotRecognized when the statement starts like an additive one but does not parse
     */
    Analysis analyze(List<Token> tokens);
}
