package dev.schemaguard.mariadb.internal.sql;

import static dev.schemaguard.internal.sql.Rule.*;

import dev.schemaguard.internal.sql.Analysis;
import dev.schemaguard.internal.sql.Lexer;
import dev.schemaguard.internal.sql.SqlSupport;
import dev.schemaguard.internal.sql.SqlSyntax;
import dev.schemaguard.internal.sql.Token;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * MariaDB's (and MySQL's) SQL: {@link MariaDbLexer}, statements ended by a top-level ';' (a stored
 * routine's BEGIN ... END body never split), {@link MariaDbGrammar}, and DDL that commits on its own.
 */
public final class MariaDbSql implements SqlSupport {
    /**
     * MariaDB's notation as the shared parsers read it: no default schema name (a database is named in the
     * URL; MariaDB reads {@code db.table} as another database), DEFAULT as one term or a parenthesized
     * expression, no empty tables.
     */
    public static final SqlSyntax SYNTAX = new SqlSyntax("", false, false, false, true, false, Set.of(),
            EnumSet.of(DROP, RENAME, DELETE, UPDATE, INSERT, TRUNCATE, CREATE_TRIGGER, VACUUM, REINDEX, ANALYZE, SELECT,
                    CREATE_TABLE_AS_SELECT, CREATE_VIEW_OR_REPLACE, ADD_COLUMN_NOT_NULL_WITHOUT_DEFAULT,
                    ADD_COLUMN_NON_CONSTANT_DEFAULT, ADD_COLUMN_VOLATILE_DEFAULT, ADD_COLUMN_GENERATED, CREATE_EXISTING_OBJECT,
                    ALTER_COLUMN, TRANSACTION_CONTROL, EMPTY_MIGRATION, UNPARSEABLE, UNKNOWN_STATEMENT, MULTIPLE_STATEMENTS,
                    ADD_CONSTRAINT, SET, DO_BLOCK, CREATE_FUNCTION, GRANT, OWNER_TO, CREATE_EXTENSION, COPY, PARTITION,
                    STORAGE_PARAMETERS, CALL, DDL_NOT_ATOMIC, TABLE_COPY, GUARD_LEDGER, GUARD_LIMITS));

    private final MariaDbGrammar grammar = new MariaDbGrammar();

    @Override
    public SqlSyntax syntax() {
        return SYNTAX;
    }

    /** Every DDL statement commits the transaction before and after it runs. */
    @Override
    public boolean transactionalDdl() {
        return false;
    }

    @Override
    public Lexer.Result lex(String text) {
        return new MariaDbLexer(text).run();
    }

    /**
     * A stored routine, trigger or event with a BEGIN ... END body is never split (the mysql client needs
     * DELIMITER for it; the server gets it whole): the rest of the script stays in it, and it is refused as
     * what it creates.
     */
    @Override
    public boolean insideBody(List<Token> current) {
        if (!current.get(0).isWord("CREATE")) {
            return false;
        }
        boolean routine = false;
        for (Token t : current) {
            if (t.isWord("TRIGGER") || t.isWord("FUNCTION") || t.isWord("PROCEDURE") || t.isWord("EVENT")) {
                routine = true;
            } else if (routine && t.isWord("BEGIN")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Analysis analyze(List<Token> tokens) {
        return grammar.analyze(tokens);
    }
}
