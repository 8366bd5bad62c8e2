package dev.schemaguard.internal.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * MariaDB's (and MySQL's) SQL as Schema Guard reads it: {@link MariaDbLexer}, statements ended by a
 * top-level ';', {@link MariaDbGrammar}, and DDL that commits implicitly (not transactional).
 * It lives in core's package only to reach the package-private tokenizer toolkit.
 */
public final class MariaDbSyntax extends SqlSyntax {
    private static final Grammar GRAMMAR = new MariaDbGrammar();

    @Override
    public SqlDialect dialect() {
        return SqlDialect.MARIADB;
    }

    /** Every DDL statement commits the transaction before and after it runs. */
    @Override
    public boolean transactionalDdl() {
        return false;
    }

    @Override
    Lexer lexer(String text) {
        return new MariaDbLexer(text);
    }

    @Override
    Grammar grammar() {
        return GRAMMAR;
    }

    /**
     * Statements end at a top-level ';'. A stored routine, trigger or event with a BEGIN ... END body is
     * never split (the mysql client needs DELIMITER for it; the server gets it whole): the rest of the
     * script stays in it, and it is refused as what it creates.
     */
    @Override
    List<List<Token>> group(List<Token> tokens) {
        List<List<Token>> statements = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        for (Token token : tokens) {
            if (token.isOp(";") && !routineWithBody(current)) {
                if (!current.isEmpty()) {
                    statements.add(current);
                    current = new ArrayList<>();
                }
                continue;
            }
            current.add(token);
        }
        if (!current.isEmpty()) {
            statements.add(current);
        }
        return statements;
    }

    private static boolean routineWithBody(List<Token> current) {
        if (current.isEmpty() || !current.get(0).isWord("CREATE")) {
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
}
