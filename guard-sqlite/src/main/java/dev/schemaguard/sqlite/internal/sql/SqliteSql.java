package dev.schemaguard.sqlite.internal.sql;

import static dev.schemaguard.internal.sql.Rule.*;

import dev.schemaguard.internal.sql.Analysis;
import dev.schemaguard.internal.sql.Lexer;
import dev.schemaguard.internal.sql.SqlSupport;
import dev.schemaguard.internal.sql.SqlSyntax;
import dev.schemaguard.internal.sql.Token;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** SQLite's SQL: its tokenizer, its trigger bodies, its additive grammar. */
public final class SqliteSql implements SqlSupport {
    /** SQLite's notation: strings may stand for names, a DEFAULT is one term, a table has a column. */
    public static final SqlSyntax SYNTAX = new SqlSyntax("main", true, false, false, true, false, Set.of(),
            EnumSet.of(DROP, RENAME, DELETE, UPDATE, INSERT, TRUNCATE, CREATE_TRIGGER, PRAGMA, ATTACH, VACUUM, REINDEX,
                    ANALYZE, SELECT, CREATE_TABLE_AS_SELECT, CREATE_VIEW_OR_REPLACE, CREATE_VIRTUAL_TABLE,
                    ADD_COLUMN_NOT_NULL_WITHOUT_DEFAULT, ADD_COLUMN_NON_CONSTANT_DEFAULT, ADD_COLUMN_GENERATED,
                    ADD_COLUMN_CONSTRAINT, CREATE_EXISTING_OBJECT, ALTER_COLUMN, TRANSACTION_CONTROL, EMPTY_MIGRATION,
                    UNPARSEABLE, UNKNOWN_STATEMENT, MULTIPLE_STATEMENTS, GUARD_LEDGER, TEMP_OBJECT, FK_ACTION));

    private final SqliteGrammar grammar = new SqliteGrammar();

    @Override
    public SqlSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public Lexer.Result lex(String text) {
        return new SqliteLexer(text).run();
    }

    @Override
    public Lexer.LexError lex(String text, java.util.function.Consumer<Token> sink) {
        return new SqliteLexer(text).run(sink);
    }

    /** CREATE [TEMP] TRIGGER ... BEGIN ...; END: as sqlite3_complete, only "END ;" closes it. */
    @Override
    public boolean insideBody(List<Token> current) {
        if (!current.get(0).isWord("CREATE")) {
            return false;
        }
        int i = 1;
        if (i < current.size() && (current.get(i).isWord("TEMP") || current.get(i).isWord("TEMPORARY"))) {
            i++;
        }
        if (i >= current.size() || !current.get(i).isWord("TRIGGER")) {
            return false;
        }
        return !current.get(current.size() - 1).isWord("END");
    }

    /** An object created in the temp schema (CREATE TEMP ..., temp.name) is temporary. */
    @Override
    public Analysis analyze(List<Token> tokens) {
        Analysis a = grammar.analyze(tokens);
        if (a.creates() != null && "temp".equals(a.creates().schema())) {
            a.temporary(true);
        }
        return a;
    }
}
