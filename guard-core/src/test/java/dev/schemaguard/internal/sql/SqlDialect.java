package dev.schemaguard.internal.sql;

/**
 * Test vocabulary: which dialect's SQL the shared generators write. Main code never asks which
 * dialect it runs; a dialect hands core its {@link SqlSupport}.
 */
public enum SqlDialect {
    SQLITE,
    POSTGRES
}
