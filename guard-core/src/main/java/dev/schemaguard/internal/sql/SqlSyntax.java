package dev.schemaguard.internal.sql;

import java.util.List;

/**
 * How one dialect's SQL is read: its tokenizer, where its statements end, its additive grammar, and
 * whether its DDL runs inside a transaction. The built-in SQLite and PostgreSQL syntaxes come from
 * {@link #of(SqlDialect)}; a dialect module that brings its own grammar extends this class in this
 * package and hands it to core through {@link Provider}.
 */
public abstract class SqlSyntax {

    /** Implemented by a {@code Dialect} whose SQL support lives in its own module. */
    public interface Provider {
        SqlSyntax sqlSyntax();
    }

    /** The dialect whose rules apply ({@link Rule#dialects()}). */
    public abstract SqlDialect dialect();

    /**
     * Whether a DDL statement runs inside the migration's transaction. When it does not (the server
     * commits before and after each DDL statement), a migration of several statements cannot be atomic
     * with its ledger row: the classifier then accepts it only if every statement can safely run twice,
     * and the applier records its progress so that a boot after a crash finds it half applied.
     */
    public boolean transactionalDdl() {
        return true;
    }

    abstract Lexer lexer(String text);

    abstract List<List<Token>> group(List<Token> tokens);

    abstract Grammar grammar();

    final Lexer.Result lex(String text) {
        return lexer(text).run();
    }

    public static SqlSyntax of(SqlDialect dialect) {
        return switch (dialect) {
            case SQLITE -> new BuiltIn(dialect, new SqliteGrammar());
            case POSTGRES -> new BuiltIn(dialect, new PostgresGrammar());
            default -> throw new IllegalArgumentException(dialect + " has no built-in syntax: its module provides it");
        };
    }

    private static final class BuiltIn extends SqlSyntax {
        private final SqlDialect dialect;
        private final Grammar grammar;

        BuiltIn(SqlDialect dialect, Grammar grammar) {
            this.dialect = dialect;
            this.grammar = grammar;
        }

        @Override
        public SqlDialect dialect() {
            return dialect;
        }

        @Override
        Lexer lexer(String text) {
            return dialect == SqlDialect.SQLITE ? new SqliteLexer(text) : new PostgresLexer(text);
        }

        @Override
        List<List<Token>> group(List<Token> tokens) {
            return StatementBoundaries.group(tokens, dialect);
        }

        @Override
        Grammar grammar() {
            return grammar;
        }
    }
}
