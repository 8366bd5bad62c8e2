package dev.schemaguard.postgres.internal.sql;

import static dev.schemaguard.internal.sql.Rule.*;

import dev.schemaguard.internal.sql.Analysis;
import dev.schemaguard.internal.sql.Lexer;
import dev.schemaguard.internal.sql.SqlSupport;
import dev.schemaguard.internal.sql.SqlSyntax;
import dev.schemaguard.internal.sql.Token;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** PostgreSQL's SQL: its scanner, its BEGIN ATOMIC bodies, its additive grammar. */
public final class PostgresSql implements SqlSupport {
    /** PostgreSQL's notation: schema-qualified and array types, DEFAULT expressions, EXCLUDE and LIKE. */
    public static final SqlSyntax SYNTAX = new SqlSyntax("public", false, true, true, false, true,
            Set.of("EXCLUDE", "LIKE"),
            EnumSet.of(DROP, RENAME, DELETE, UPDATE, INSERT, TRUNCATE, CREATE_TRIGGER, VACUUM, REINDEX, ANALYZE, SELECT,
                    CREATE_TABLE_AS_SELECT, CREATE_VIEW_OR_REPLACE, CREATE_MATERIALIZED_VIEW,
                    ADD_COLUMN_NOT_NULL_WITHOUT_DEFAULT, ADD_COLUMN_NON_CONSTANT_DEFAULT, ADD_COLUMN_VOLATILE_DEFAULT,
                    ADD_COLUMN_GENERATED, CREATE_EXISTING_OBJECT, ALTER_COLUMN, TRANSACTION_CONTROL, EMPTY_MIGRATION,
                    UNPARSEABLE, UNKNOWN_STATEMENT, MULTIPLE_STATEMENTS, CREATE_INDEX_NON_CONCURRENTLY,
                    CONCURRENTLY_IN_TRANSACTION, ADD_CONSTRAINT, VALIDATE_CONSTRAINT, SET, DO_BLOCK, CREATE_FUNCTION,
                    CREATE_RULE, GRANT, OWNER_TO, SET_SCHEMA, CREATE_EXTENSION, COPY, SELECT_INTO, PARTITION,
                    ROW_LEVEL_SECURITY, ENABLE_DISABLE_TRIGGER, REPLICA_IDENTITY, STORAGE_PARAMETERS,
                    REFRESH_MATERIALIZED_VIEW, CALL, GUARD_LEDGER, TEMP_OBJECT, GUARD_LIMITS, FK_ACTION, INHERITANCE,
                    ADD_COLUMN_TYPE, INDEX_FUNCTION));

    private final PostgresGrammar grammar = new PostgresGrammar();

    @Override
    public SqlSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public Lexer.Result lex(String text) {
        return new PostgresLexer(text).run();
    }

    @Override
    public Lexer.LexError lex(String text, java.util.function.Consumer<Token> sink) {
        return new PostgresLexer(text).run(sink);
    }

    /** CREATE [OR REPLACE] FUNCTION/PROCEDURE ... BEGIN ATOMIC ...; END, counted as psql counts BEGIN/CASE/END. */
    @Override
    public boolean insideBody(List<Token> current) {
        if (!current.get(0).isWord("CREATE")) {
            return false;
        }
        int i = 1;
        if (current.size() > 2 && current.get(1).isWord("OR") && current.get(2).isWord("REPLACE")) {
            i = 3;
        }
        if (i >= current.size() || !(current.get(i).isWord("FUNCTION") || current.get(i).isWord("PROCEDURE"))) {
            return false;
        }
        int depth = 0;
        for (Token t : current) {
            if (t.isWord("BEGIN")) {
                depth++;
            } else if (t.isWord("CASE") && depth > 0) {
                depth++;
            } else if (t.isWord("END") && depth > 0) {
                depth--;
            }
        }
        return depth > 0;
    }

    /** An object created in the session's temporary schema (pg_temp, pg_temp_N) is temporary, however named. */
    @Override
    public Analysis analyze(List<Token> tokens) {
        Analysis a = grammar.analyze(tokens);
        if (a.creates() != null && a.creates().schema() != null && a.creates().schema().startsWith("pg_temp")) {
            a.temporary(true);
        }
        return a;
    }
}
