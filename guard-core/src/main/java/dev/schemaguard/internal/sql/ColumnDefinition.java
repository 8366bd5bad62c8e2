package dev.schemaguard.internal.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A parsed column definition: the facts the ADD COLUMN rules look at. */
public record ColumnDefinition(
        String name,
        List<Token> type,
        boolean notNull,
        List<Token> defaultExpression,
        boolean primaryKeyOrUnique,
        boolean check,
        ForeignKeyClause.ForeignKey references,
        Generated generated) {

    public enum Generated { NONE, VIRTUAL, STORED, IDENTITY }

    /** Words that end a type name and start a column constraint. */
    private static final Set<String> CONSTRAINT_WORDS = Set.of("constraint", "primary", "not", "null", "unique",
            "check", "default", "collate", "references", "generated", "as", "deferrable", "initially");

    public boolean hasDefault() {
        return defaultExpression != null;
    }

    public boolean checkOrReferences() {
        return check || references != null;
    }

    /** Whether the default, parentheses removed, is the NULL literal. */
    public static boolean isNullLiteral(List<Token> expr) {
        List<Token> e = expr;
        while (e.size() >= 3 && e.get(0).isOp("(") && e.get(e.size() - 1).isOp(")")) {
            e = e.subList(1, e.size() - 1);
        }
        return e.size() == 1 && e.get(0).isWord("NULL");
    }

    /** Reads a column definition up to a ',' or ')' at depth 0, or the end. */
    public static ColumnDefinition parse(TokenCursor c, SqlSyntax syntax) {
        return parseTypeAndConstraints(Names.simple(c, syntax), c, syntax);
    }

    /** The type and constraints of a column (or of a domain, which has the same shape), after its name. */
    public static ColumnDefinition parseTypeAndConstraints(String name, TokenCursor c, SqlSyntax syntax) {
        List<Token> type = type(c, syntax);
        boolean notNull = false;
        List<Token> defaultExpression = null;
        boolean keyOrUnique = false;
        boolean check = false;
        ForeignKeyClause.ForeignKey references = null;
        Generated generated = Generated.NONE;
        while (!c.atEnd() && !c.peekOp(",") && !c.peekOp(")")) {
            if (c.acceptWords("CONSTRAINT")) {
                Names.simple(c, syntax);
            } else if (c.acceptWords("PRIMARY", "KEY")) {
                keyOrUnique = true;
                if (!c.acceptWords("ASC")) {
                    c.acceptWords("DESC");
                }
                conflictClause(c);
                c.acceptWords("AUTOINCREMENT");
            } else if (c.acceptWords("NOT", "NULL")) {
                notNull = true;
                conflictClause(c);
            } else if (c.acceptWords("NULL")) {
                conflictClause(c);
            } else if (c.acceptWords("UNIQUE")) {
                keyOrUnique = true;
                if (c.acceptWords("NULLS")) {
                    c.acceptWords("NOT");
                    c.expectWords("DISTINCT");
                }
                conflictClause(c);
            } else if (c.acceptWords("CHECK")) {
                check = true;
                c.group();
                c.acceptWords("NO", "INHERIT");
            } else if (c.acceptWords("DEFAULT")) {
                defaultExpression = defaultExpression(c, syntax);
            } else if (c.acceptWords("COLLATE")) {
                Names.qualified(c, syntax);
            } else if (c.acceptWords("REFERENCES")) {
                references = ForeignKeyClause.parse(c, syntax);
            } else if (syntax.qualifiedTypes() && (c.acceptWords("COMPRESSION") || c.acceptWords("STORAGE"))) {
                c.next(); // PostgreSQL's per-column storage options of a new table
            } else if (c.peekWords("GENERATED") || c.peekWords("AS")) {
                generated = generated(c);
            } else if (c.acceptWords("DEFERRABLE") || c.acceptWords("NOT", "DEFERRABLE")) {
                continue;
            } else if (c.acceptWords("INITIALLY")) {
                if (!c.acceptWords("DEFERRED")) {
                    c.expectWords("IMMEDIATE");
                }
            } else {
                throw c.unexpected("unexpected column constraint");
            }
        }
        return new ColumnDefinition(name, type, notNull, defaultExpression, keyOrUnique, check, references, generated);
    }

    private static List<Token> type(TokenCursor c, SqlSyntax syntax) {
        List<Token> type = new ArrayList<>();
        boolean afterTypeWord = false;
        while (!c.atEnd()) {
            Token t = c.peek();
            if (syntax.qualifiedTypes() && (t.isWord("COMPRESSION") || t.isWord("STORAGE"))) {
                break;
            }
            boolean typeWord = (t.kind() == Token.Kind.WORD && !CONSTRAINT_WORDS.contains(t.folded()))
                    || t.kind() == Token.Kind.QUOTED_IDENT
                    || (syntax.stringsAsNames() && t.kind() == Token.Kind.STRING);
            if (typeWord) {
                type.add(c.next());
                if (syntax.qualifiedTypes() && c.acceptOp(".")) {
                    type.add(c.next());
                }
                afterTypeWord = true;
            } else if (afterTypeWord && c.peekOp("(")) {
                type.addAll(c.group());
                afterTypeWord = false;
            } else if (syntax.arrayTypes() && !type.isEmpty() && c.acceptOp("[")) {
                if (c.peek() != null && c.peek().kind() == Token.Kind.NUMBER) {
                    c.next();
                }
                c.expectOp("]");
            } else {
                break;
            }
        }
        return type;
    }

    private static void conflictClause(TokenCursor c) {
        if (c.acceptWords("ON", "CONFLICT")) {
            Token action = c.next();
            if (!(action.isWord("ROLLBACK") || action.isWord("ABORT") || action.isWord("FAIL")
                    || action.isWord("IGNORE") || action.isWord("REPLACE"))) {
                throw new TokenCursor.NotRecognized("unknown ON CONFLICT action '" + action.raw() + "'");
            }
        }
    }

    /** One term or a parenthesized expression (SQLite), or an expression up to the next constraint (PostgreSQL's b_expr). */
    private static List<Token> defaultExpression(TokenCursor c, SqlSyntax syntax) {
        List<Token> expr = new ArrayList<>();
        if (syntax.defaultIsOneTerm()) {
            if (c.peekOp("(")) {
                expr.add(c.peek());
                expr.addAll(c.group());
                expr.add(new Token(Token.Kind.OP, ")", ")", -1, -1, -1));
                return expr;
            }
            if (c.peekOp("+") || c.peekOp("-")) {
                expr.add(c.next());
            }
            Token term = c.next();
            if (term.kind() == Token.Kind.OP || term.kind() == Token.Kind.PARAM) {
                throw new TokenCursor.NotRecognized("unexpected '" + term.raw() + "' after DEFAULT");
            }
            expr.add(term);
            return expr;
        }
        if (!c.peekOp("(")) {
            expr.add(c.next()); // may be NULL, which would otherwise stop the expression
        }
        expr.addAll(c.until(t -> t.isOp(",") || (t.kind() == Token.Kind.WORD && CONSTRAINT_WORDS.contains(t.folded()))));
        if (expr.isEmpty()) {
            throw c.unexpected("expected a default expression");
        }
        return expr;
    }

    private static Generated generated(TokenCursor c) {
        if (c.acceptWords("GENERATED")) {
            if (!c.acceptWords("ALWAYS")) {
                c.expectWords("BY", "DEFAULT");
            }
        }
        c.expectWords("AS");
        if (c.acceptWords("IDENTITY")) {
            if (c.peekOp("(")) {
                c.group();
            }
            return Generated.IDENTITY;
        }
        c.group();
        if (c.acceptWords("STORED")) {
            return Generated.STORED;
        }
        c.acceptWords("VIRTUAL");
        return Generated.VIRTUAL;
    }
}
