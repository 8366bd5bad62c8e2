package dev.schemaguard.mariadb.internal.sql;

import dev.schemaguard.internal.sql.ForeignKeyClause;
import dev.schemaguard.internal.sql.Token;
import dev.schemaguard.internal.sql.TokenCursor;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A MariaDB column definition: the facts the ADD COLUMN rules look at. Every token must be understood
 * (type, then attributes in any order), or the statement is not recognized.
 *
 * @param defaultExpression null when there is no DEFAULT
 * @param keyOrCheck        an inline PRIMARY KEY, UNIQUE, KEY, CHECK or REFERENCES
 * @param autoIncrement     AUTO_INCREMENT: a value for every existing row
 * @param onUpdate          ON UPDATE ...: a behaviour on every later write
 */
record MariaDbColumn(String name, List<Token> type, boolean notNull, List<Token> defaultExpression,
                     boolean keyOrCheck, boolean generated, boolean autoIncrement, boolean onUpdate) {

    /** Words that end a type and start an attribute. */
    private static final Set<String> ATTRIBUTES = Set.of("not", "null", "default", "auto_increment", "unique", "primary",
            "key", "comment", "collate", "character", "charset", "check", "references", "generated", "as", "invisible",
            "on", "constraint", "first", "after", "with", "without", "compressed", "persistent", "stored", "virtual",
            "column_format", "storage", "ref_system_id");

    /** Words that may follow a type's first word: DOUBLE PRECISION, NATIONAL CHAR VARYING, INT UNSIGNED ZEROFILL. */
    private static final Set<String> TYPE_MODIFIERS = Set.of("precision", "varying", "char", "nchar", "varchar",
            "varbinary", "binary", "unsigned", "signed", "zerofill", "ascii", "unicode", "byte");

    boolean hasDefault() {
        return defaultExpression != null;
    }

    /** Reads one column definition up to a ',' or ')' at depth 0, FIRST/AFTER, or the end. */
    static MariaDbColumn parse(TokenCursor c) {
        String name = MariaDbNames.simple(c);
        List<Token> type = type(c);
        if (type.isEmpty()) {
            throw c.unexpected("expected a column type");
        }
        boolean notNull = false;
        List<Token> defaultExpression = null;
        boolean keyOrCheck = false;
        boolean generated = false;
        boolean autoIncrement = false;
        boolean onUpdate = false;
        while (!c.atEnd() && !c.peekOp(",") && !c.peekOp(")") && !c.peekWords("FIRST") && !c.peekWords("AFTER")) {
            if (c.acceptWords("NOT", "NULL")) {
                notNull = true;
            } else if (c.acceptWords("NULL") || c.acceptWords("INVISIBLE") || c.acceptWords("COMPRESSED")) {
                continue;
            } else if (c.acceptWords("DEFAULT")) {
                defaultExpression = defaultExpression(c);
            } else if (c.acceptWords("AUTO_INCREMENT")) {
                autoIncrement = true;
            } else if (c.acceptWords("UNIQUE") || c.acceptWords("PRIMARY", "KEY") || c.acceptWords("KEY")) {
                c.acceptWords("KEY");
                keyOrCheck = true;
            } else if (c.acceptWords("COMMENT")) {
                expectString(c);
            } else if (c.acceptWords("COLLATE") || c.acceptWords("CHARSET") || c.acceptWords("CHARACTER", "SET")) {
                MariaDbNames.optionalEquals(c);
                c.next();
            } else if (c.acceptWords("CONSTRAINT")) {
                if (!c.peekWords("CHECK")) {
                    MariaDbNames.simple(c);
                }
            } else if (c.acceptWords("CHECK")) {
                keyOrCheck = true;
                c.group();
            } else if (c.acceptWords("REFERENCES")) {
                keyOrCheck = true;
                ForeignKeyClause.parse(c, MariaDbSql.SYNTAX);
            } else if (c.peekWords("GENERATED") || c.peekWords("AS")) {
                c.acceptWords("GENERATED", "ALWAYS");
                c.expectWords("AS");
                c.group();
                if (!c.acceptWords("VIRTUAL") && !c.acceptWords("PERSISTENT")) {
                    c.acceptWords("STORED");
                }
                generated = true;
            } else if (c.acceptWords("ON", "UPDATE")) {
                onUpdate = true;
                defaultTerm(c);
            } else if (c.acceptWords("WITH", "SYSTEM", "VERSIONING") || c.acceptWords("WITHOUT", "SYSTEM", "VERSIONING")) {
                continue;
            } else {
                throw c.unexpected("unexpected column attribute");
            }
        }
        if (c.acceptWords("FIRST")) {
            return new MariaDbColumn(name, type, notNull, defaultExpression, keyOrCheck, generated, autoIncrement, onUpdate);
        }
        if (c.acceptWords("AFTER")) {
            MariaDbNames.simple(c);
        }
        return new MariaDbColumn(name, type, notNull, defaultExpression, keyOrCheck, generated, autoIncrement, onUpdate);
    }

    /** Type words, a (length) or ('enum', 'values') list, and UNSIGNED, SIGNED, ZEROFILL, BINARY, ASCII, UNICODE. */
    private static List<Token> type(TokenCursor c) {
        List<Token> type = new ArrayList<>();
        while (!c.atEnd()) {
            Token t = c.peek();
            boolean typeWord = t.kind() == Token.Kind.WORD && !ATTRIBUTES.contains(t.folded())
                    && (type.isEmpty() || TYPE_MODIFIERS.contains(t.folded()));
            if (typeWord) {
                type.add(c.next());
            } else if (!type.isEmpty() && c.peekOp("(")) {
                for (Token inner : c.group()) {
                    boolean listItem = inner.kind() == Token.Kind.NUMBER || inner.kind() == Token.Kind.STRING || inner.isOp(",");
                    if (!listItem) {
                        throw new TokenCursor.NotRecognized("unexpected '" + inner.raw() + "' in a type's (...)");
                    }
                }
            } else if (!type.isEmpty() && (c.peekWords("CHARACTER", "SET") || c.peekWords("CHARSET"))) {
                if (!c.acceptWords("CHARSET")) {
                    c.expectWords("CHARACTER", "SET");
                }
                c.next();
            } else {
                break;
            }
        }
        return type;
    }

    /** A term or a parenthesized expression, as MariaDB's DEFAULT takes it. */
    private static List<Token> defaultExpression(TokenCursor c) {
        List<Token> expr = new ArrayList<>();
        if (c.peekOp("(")) {
            expr.add(c.peek());
            expr.addAll(c.group());
            expr.add(new Token(Token.Kind.OP, ")", ")", -1, -1, -1));
            return expr;
        }
        if (c.peekOp("-") || c.peekOp("+")) {
            expr.add(c.next());
        }
        expr.addAll(defaultTerm(c));
        return expr;
    }

    /** One term: a literal, a word, or a function call such as current_timestamp(6). */
    private static List<Token> defaultTerm(TokenCursor c) {
        List<Token> term = new ArrayList<>();
        Token t = c.next();
        if (t.kind() == Token.Kind.OP || t.kind() == Token.Kind.PARAM) {
            throw new TokenCursor.NotRecognized("unexpected '" + t.raw() + "' after DEFAULT");
        }
        term.add(t);
        if (t.isWord("NEXT") && c.acceptWords("VALUE", "FOR")) {
            MariaDbNames.qualified(c); // NEXT VALUE FOR sequence: a value per row
            term.add(new Token(Token.Kind.WORD, "VALUE", "VALUE", -1, -1, -1));
            return term;
        }
        if (t.kind() == Token.Kind.WORD && t.raw().startsWith("_") && c.peek() != null
                && c.peek().kind() == Token.Kind.STRING) {
            term.add(c.next()); // a character set introducer: _utf8mb4'text'
            return term;
        }
        if (t.kind() == Token.Kind.WORD && c.peekOp("(")) {
            term.add(c.peek());
            term.addAll(c.group());
            term.add(new Token(Token.Kind.OP, ")", ")", -1, -1, -1));
        }
        return term;
    }

    private static void expectString(TokenCursor c) {
        Token t = c.next();
        if (t.kind() != Token.Kind.STRING) {
            throw new TokenCursor.NotRecognized("expected a 'string' after COMMENT");
        }
    }

    /** A literal: a number (signed), a 'string', X'..'/B'..', NULL, TRUE or FALSE, optionally parenthesized. */
    static boolean isConstant(List<Token> expr) {
        List<Token> e = expr;
        while (e.size() >= 3 && e.get(0).isOp("(") && e.get(e.size() - 1).isOp(")")) {
            e = e.subList(1, e.size() - 1);
        }
        if (e.size() == 2 && (e.get(0).isOp("-") || e.get(0).isOp("+"))) {
            return e.get(1).kind() == Token.Kind.NUMBER;
        }
        if (e.size() != 1) {
            return false;
        }
        Token t = e.get(0);
        return t.kind() == Token.Kind.NUMBER || t.kind() == Token.Kind.STRING || t.kind() == Token.Kind.BLOB
                || t.isWord("NULL") || t.isWord("TRUE") || t.isWord("FALSE");
    }

    static boolean isNull(List<Token> expr) {
        List<Token> e = expr;
        while (e.size() >= 3 && e.get(0).isOp("(") && e.get(e.size() - 1).isOp(")")) {
            e = e.subList(1, e.size() - 1);
        }
        return e.size() == 1 && e.get(0).isWord("NULL");
    }
}
