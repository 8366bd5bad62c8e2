package dev.schemaguard.internal.sql;

import java.util.Objects;

/**
 * One statement exactly as it will be sent to the server (no trailing ';'), and the 1-based line of
 * its first character in the source text (for a statement produced by {@link StatementSplitter}
 * that is the line of its first token).
 */
public record SqlStatement(String text, int line) {
    public SqlStatement {
        Objects.requireNonNull(text, "text");
        if (line < 1) {
            throw new IllegalArgumentException("line must be >= 1, was " + line);
        }
    }
}
