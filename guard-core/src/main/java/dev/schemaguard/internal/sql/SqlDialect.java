package dev.schemaguard.internal.sql;

/**
 * The SQL dialects whose additive rules exist ({@link Rule#dialects()}). SQLite's and PostgreSQL's
 * tokenizers and grammars are in this package; MariaDB's is in guard-mariadb ({@link SqlSyntax.Provider}).
 */
public enum SqlDialect {
    SQLITE,
    POSTGRES,
    MARIADB
}
