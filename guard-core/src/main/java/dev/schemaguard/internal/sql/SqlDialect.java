package dev.schemaguard.internal.sql;

/** The SQL dialects whose tokenizer and additive rules this package reproduces. */
public enum SqlDialect {
    SQLITE,
    POSTGRES
}
