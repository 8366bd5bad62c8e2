package dev.schemaguard.internal.baseline;

import dev.schemaguard.internal.sql.Lexer;
import dev.schemaguard.internal.sql.Names;
import dev.schemaguard.internal.sql.QualifiedName;
import dev.schemaguard.internal.sql.SqlStatement;
import dev.schemaguard.internal.sql.SqlSupport;
import dev.schemaguard.internal.sql.SqlSyntax;
import dev.schemaguard.internal.sql.Token;
import dev.schemaguard.internal.sql.TokenCursor;
import java.util.ArrayList;
import java.util.List;

/**
 * The objects a migration's statements create: tables with their columns, added columns, indexes with
 * their key columns, views, schemas. Read leniently with the dialect's own tokenizer and core's name
 * parser: this is not the classifier (it decides nothing about safety), only what to look for in the
 * catalog. A statement that creates nothing the catalog can show, or that it does not recognize, is
 * {@link Expected.Unverifiable}, so that a baseline never records a migration it could not check.
 * Session settings ({@code SET}) and comments on objects create nothing and are skipped.
 */
public final class ExpectedObjects {
    private final SqlSupport sql;
    private final SqlSyntax syntax;

    public ExpectedObjects(SqlSupport sql) {
        this.sql = sql;
        this.syntax = sql.syntax();
    }

    /** What the statements create, checked against the catalog. */
    public CatalogCheck check(List<SqlStatement> statements, dev.schemaguard.internal.sql.SchemaCatalog catalog) {
        return CatalogCheck.of(of(statements), catalog);
    }

    List<Expected> of(List<SqlStatement> statements) {
        List<Expected> expected = new ArrayList<>();
        for (SqlStatement statement : statements) {
            Lexer.Result lexed = sql.lex(statement.text());
            List<Token> tokens = new ArrayList<>(lexed.tokens());
            while (!tokens.isEmpty() && tokens.get(tokens.size() - 1).isOp(";")) {
                tokens.remove(tokens.size() - 1);
            }
            if (tokens.isEmpty()) {
                continue;
            }
            try {
                if (lexed.error() != null || !read(new TokenCursor(tokens), expected)) {
                    expected.add(new Expected.Unverifiable(statement.line(), excerpt(statement.text())));
                }
            } catch (TokenCursor.NotRecognized e) {
                expected.add(new Expected.Unverifiable(statement.line(), excerpt(statement.text())));
            }
        }
        return expected;
    }

    /** Adds what one statement creates; false when the statement is not one whose result the catalog shows. */
    private boolean read(TokenCursor c, List<Expected> out) {
        if (c.acceptWords("SET") || c.acceptWords("COMMENT", "ON") || c.acceptWords("BEGIN") || c.acceptWords("COMMIT")) {
            return true;
        }
        if (c.acceptWords("ALTER", "TABLE")) {
            return addColumns(c, out);
        }
        if (!c.acceptWords("CREATE")) {
            return false;
        }
        c.acceptWords("OR", "REPLACE");
        boolean unique = c.acceptWords("UNIQUE");
        if (!unique) {
            skipAny(c, "TEMP", "TEMPORARY", "UNLOGGED", "MATERIALIZED", "RECURSIVE");
        }
        if (c.acceptWords("TABLE")) {
            return !unique && table(c, out);
        }
        if (c.acceptWords("INDEX")) {
            return index(c, unique, out);
        }
        if (c.acceptWords("VIEW")) {
            ifNotExists(c);
            out.add(new Expected.View(Names.qualified(c, syntax)));
            return true;
        }
        if (c.acceptWords("SCHEMA")) {
            ifNotExists(c);
            out.add(new Expected.Schema(Names.simple(c, syntax)));
            return true;
        }
        return false;
    }

    private boolean table(TokenCursor c, List<Expected> out) {
        ifNotExists(c);
        QualifiedName name = Names.qualified(c, syntax);
        if (!c.peekOp("(")) {
            return false; // CREATE TABLE ... AS, or LIKE / OF forms: no declared columns to check
        }
        TokenCursor body = new TokenCursor(c.group());
        List<String> columns = new ArrayList<>();
        do {
            List<Token> element = body.until(t -> t.isOp(","));
            if (!element.isEmpty() && !startsConstraint(element)) {
                columns.add(Names.simple(new TokenCursor(element), syntax));
            }
        } while (body.acceptOp(","));
        out.add(new Expected.Table(name, columns));
        return true;
    }

    private boolean index(TokenCursor c, boolean unique, List<Expected> out) {
        c.acceptWords("CONCURRENTLY");
        ifNotExists(c);
        QualifiedName name = c.peekWords("ON") ? null : Names.qualified(c, syntax);
        c.expectWords("ON");
        c.acceptWords("ONLY");
        QualifiedName table = Names.qualified(c, syntax);
        if (name != null && name.schema() == null && table.schema() != null) {
            name = new QualifiedName(table.schema(), name.name()); // an index lives in its table's schema
        }
        if (c.acceptWords("USING")) {
            c.next();
        }
        TokenCursor keys = new TokenCursor(c.group());
        List<String> columns = new ArrayList<>();
        do {
            List<Token> key = keys.until(t -> t.isOp(","));
            boolean plainName = !key.isEmpty() && key.get(0).isName() && (key.size() == 1 || !key.get(1).isOp("(") && !key.get(1).isOp("."));
            columns.add(plainName ? Names.simple(new TokenCursor(key.subList(0, 1)), syntax) : null);
        } while (keys.acceptOp(","));
        out.add(new Expected.Index(name, table, columns, unique));
        return true;
    }

    /** ALTER TABLE t ADD [COLUMN] [IF NOT EXISTS] c ..., one or more ADD actions; anything else cannot be checked. */
    private boolean addColumns(TokenCursor c, List<Expected> out) {
        c.acceptWords("IF", "EXISTS");
        c.acceptWords("ONLY");
        QualifiedName table = Names.qualified(c, syntax);
        do {
            if (!c.acceptWords("ADD") || c.atEnd() || startsConstraint(List.of(c.peek()))) {
                return false;
            }
            c.acceptWords("COLUMN");
            ifNotExists(c);
            out.add(new Expected.Column(table, Names.simple(c, syntax)));
            c.until(t -> t.isOp(","));
        } while (c.acceptOp(","));
        return c.atEnd();
    }

    private static boolean startsConstraint(List<Token> element) {
        Token first = element.get(0);
        return first != null && (first.isWord("CONSTRAINT") || first.isWord("PRIMARY") || first.isWord("FOREIGN")
                || first.isWord("UNIQUE") || first.isWord("CHECK") || first.isWord("EXCLUDE") || first.isWord("LIKE")
                || first.isWord("INDEX") || first.isWord("KEY"));
    }

    private static String excerpt(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= 60 ? line : line.substring(0, 57) + "...";
    }

    private static void ifNotExists(TokenCursor c) {
        c.acceptWords("IF", "NOT", "EXISTS");
    }

    private static void skipAny(TokenCursor c, String... words) {
        for (String word : words) {
            c.acceptWords(word);
        }
    }
}
