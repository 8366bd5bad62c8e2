package dev.schemaguard.postgres.internal.sql;

import dev.schemaguard.internal.sql.Analysis;
import dev.schemaguard.internal.sql.CommonStatements;
import dev.schemaguard.internal.sql.Names;
import dev.schemaguard.internal.sql.QualifiedName;
import dev.schemaguard.internal.sql.Rule;
import dev.schemaguard.internal.sql.SqlSyntax;
import dev.schemaguard.internal.sql.Token;
import dev.schemaguard.internal.sql.TokenCursor;
import dev.schemaguard.internal.sql.ViewBody;
import java.util.List;

/**
 * PostgreSQL's additive statements: what SQLite allows, plus CREATE SCHEMA, CREATE SEQUENCE,
 * COMMENT ON, CREATE INDEX CONCURRENTLY, and the neutral SET lock_timeout / statement_timeout.
 * What locks or rewrites an existing table is additive only on a table created earlier in the same
 * migration (see {@link Analysis.NewTableCondition}).
 */
final class PostgresGrammar {
    private static final SqlSyntax D = PostgresSql.SYNTAX;

    Analysis analyze(List<Token> tokens) {
        Analysis common = CommonStatements.refusalFor(tokens, D);
        if (common != null) {
            return common;
        }
        TokenCursor c = new TokenCursor(tokens);
        if (c.acceptWords("CREATE")) {
            return create(c);
        }
        if (c.acceptWords("ALTER", "TABLE")) {
            return PostgresAlterTable.analyze(c);
        }
        if (c.acceptWords("ALTER", "TYPE")) {
            return PostgresTypeStatements.alterType(c, tokens);
        }
        if (c.peekWords("ALTER")) {
            return alterOther(tokens);
        }
        if (c.acceptWords("COMMENT", "ON")) {
            return commentOn(c);
        }
        if (c.peekWords("SET") || c.peekWords("RESET")) {
            return set(c);
        }
        return unknown();
    }

    private Analysis create(TokenCursor c) {
        if (c.acceptWords("OR", "REPLACE")) {
            if (c.peekWords("VIEW") || c.peekWords("TEMP") || c.peekWords("TEMPORARY") || c.peekWords("RECURSIVE")) {
                return CommonStatements.refuse(Rule.CREATE_VIEW_OR_REPLACE,
                        "OR REPLACE changes a view that running code may depend on. Create a new view instead.");
            }
            return createOpaque(c);
        }
        if (!c.acceptWords("GLOBAL")) {
            c.acceptWords("LOCAL");
        }
        boolean temp = c.acceptWords("TEMP") || c.acceptWords("TEMPORARY");
        boolean unlogged = !temp && c.acceptWords("UNLOGGED");
        if (c.acceptWords("TABLE")) {
            return temporary(PostgresCreateTable.analyze(c), temp);
        }
        if (c.acceptWords("SEQUENCE")) {
            return temporary(createSequence(c), temp);
        }
        if (!unlogged && (c.acceptWords("VIEW") || c.acceptWords("RECURSIVE", "VIEW"))) {
            return temporary(createView(c), temp);
        }
        if (temp || unlogged) {
            return unknown();
        }
        if (c.acceptWords("TYPE")) {
            return PostgresTypeStatements.createType(c);
        }
        if (c.acceptWords("DOMAIN")) {
            return PostgresTypeStatements.createDomain(c);
        }
        if (c.acceptWords("INDEX") || c.acceptWords("UNIQUE", "INDEX")) {
            return PostgresCreateIndex.analyze(c);
        }
        if (c.acceptWords("SCHEMA")) {
            return createSchema(c);
        }
        if (c.peekWords("MATERIALIZED", "VIEW")) {
            return CommonStatements.refuse(Rule.CREATE_MATERIALIZED_VIEW,
                    "A materialized view runs its query when created. Use a plain view or create it offline.");
        }
        return createOpaque(c);
    }

    /** A TEMP object lives in the session's pg_temp schema, whatever name it was given. */
    private static Analysis temporary(Analysis a, boolean temp) {
        return temp ? a.createdIn("pg_temp").temporary(true) : a;
    }

    /** CREATE kinds that install code or policy. */
    private Analysis createOpaque(TokenCursor c) {
        if (c.peekWords("FUNCTION") || c.peekWords("PROCEDURE") || c.peekWords("AGGREGATE")) {
            return CommonStatements.refuse(Rule.CREATE_FUNCTION, "A function or procedure is opaque code.");
        }
        if (c.peekWords("TRIGGER") || c.peekWords("CONSTRAINT", "TRIGGER") || c.peekWords("EVENT", "TRIGGER")) {
            return CommonStatements.refuse(Rule.CREATE_TRIGGER, "A trigger runs opaque code on every write.");
        }
        if (c.peekWords("RULE")) {
            return CommonStatements.refuse(Rule.CREATE_RULE, "A rewrite rule silently changes what queries do.");
        }
        if (c.peekWords("EXTENSION")) {
            return CommonStatements.refuse(Rule.CREATE_EXTENSION, "An extension runs its install script.");
        }
        if (c.peekWords("POLICY")) {
            return CommonStatements.refuse(Rule.ROW_LEVEL_SECURITY, "A policy changes which rows queries see.");
        }
        return unknown();
    }

    private Analysis createSequence(TokenCursor c) {
        boolean ifNotExists = c.acceptWords("IF", "NOT", "EXISTS");
        QualifiedName name = Names.qualified(c, D);
        while (!c.atEnd()) {
            Token t = c.next();
            boolean option = t.kind() == Token.Kind.WORD || t.kind() == Token.Kind.NUMBER
                    || t.kind() == Token.Kind.QUOTED_IDENT || t.isOp("-") || t.isOp("+") || t.isOp(".");
            if (!option) {
                throw new TokenCursor.NotRecognized("unexpected '" + t.raw() + "' in sequence options");
            }
        }
        return Analysis.creating(name, ifNotExists);
    }

    private Analysis createView(TokenCursor c) {
        if (c.peekWords("IF")) {
            throw c.unexpected("PostgreSQL has no CREATE VIEW IF NOT EXISTS;");
        }
        QualifiedName name = Names.qualified(c, D);
        if (c.peekOp("(")) {
            c.group();
        }
        if (c.acceptWords("WITH")) {
            c.group();
        }
        c.expectWords("AS");
        ViewBody.expectQuery(c);
        return Analysis.creating(name, false);
    }

    private Analysis createSchema(TokenCursor c) {
        boolean ifNotExists = c.acceptWords("IF", "NOT", "EXISTS");
        if (c.peekWords("AUTHORIZATION")) {
            return ownerTo();
        }
        String name = Names.simple(c, D);
        if (c.peekWords("AUTHORIZATION")) {
            return ownerTo();
        }
        c.expectEnd();
        return Analysis.creating(QualifiedName.schemaOnly(name), ifNotExists);
    }

    private Analysis commentOn(TokenCursor c) {
        if (c.until(t -> t.isWord("IS")).isEmpty()) {
            throw c.unexpected("expected the object of COMMENT ON");
        }
        c.expectWords("IS");
        Token value = c.next();
        if (value.kind() != Token.Kind.STRING && !value.isWord("NULL")) {
            throw new TokenCursor.NotRecognized("COMMENT ON ... IS takes a string or NULL");
        }
        c.expectEnd();
        return Analysis.accept();
    }

    /**
     * Only lock_timeout and statement_timeout are neutral, and only when set to a limit: 0, DEFAULT,
     * RESET (or RESET ALL) would lift the limits the guard set for the migration.
     */
    private Analysis set(TokenCursor c) {
        boolean reset = c.acceptWords("RESET");
        if (!reset) {
            c.expectWords("SET");
            if (!c.acceptWords("SESSION")) {
                c.acceptWords("LOCAL");
            }
        }
        Token name = c.peek();
        if (reset && name != null && name.isWord("ALL")) {
            return guardLimits("RESET ALL");
        }
        boolean timeout = name != null && (name.isWord("lock_timeout") || name.isWord("statement_timeout"));
        if (!timeout) {
            return CommonStatements.refuse(Rule.SET, "Only SET lock_timeout and SET statement_timeout are allowed at boot.");
        }
        c.next();
        if (reset) {
            c.expectEnd();
            return guardLimits("RESET " + name.raw());
        }
        if (!c.acceptWords("TO") && !c.acceptOp("=")) {
            throw c.unexpected("expected TO or =");
        }
        Token value = c.next();
        if (value.isOp("-")) {
            return guardLimits(name.raw() + " = -" + (c.atEnd() ? "" : c.next().raw()));
        }
        if (!c.atEnd()) {
            return CommonStatements.refuse(Rule.SET, "SET takes one value for " + name.raw() + ".");
        }
        if (!SessionLimits.isPositiveLimit(value)) {
            return guardLimits(name.raw() + " = " + value.raw());
        }
        return Analysis.neutral();
    }

    private static Analysis guardLimits(String what) {
        return Analysis.refuse(Rule.GUARD_LIMITS, what + " lifts the limit the guard set for this migration (0 means "
                + "none, DEFAULT and RESET go back to the server's, usually none), so a statement stuck behind a lock "
                + "could hang the boot. Set a positive limit, or leave it to the guard.");
    }

    private Analysis alterOther(List<Token> tokens) {
        if (tokens.size() > 2 && tokens.get(1).isWord("DEFAULT") && tokens.get(2).isWord("PRIVILEGES")) {
            return CommonStatements.refuse(Rule.GRANT, "Default privileges change who can access new objects.");
        }
        if (CommonStatements.hasTopLevelWord(tokens, "RENAME")) {
            return CommonStatements.refuse(Rule.RENAME, "Running code still uses the old name.");
        }
        if (CommonStatements.hasTopLevelWord(tokens, "OWNER")) {
            return ownerTo();
        }
        if (CommonStatements.hasTopLevelWord(tokens, "SCHEMA") && CommonStatements.hasTopLevelWord(tokens, "SET")) {
            return CommonStatements.refuse(Rule.SET_SCHEMA, "Moving an object breaks code that names its schema.");
        }
        if (CommonStatements.hasTopLevelWord(tokens, "PARTITION")) {
            return CommonStatements.refuse(Rule.PARTITION, "Attaching or detaching a partition moves data.");
        }
        return unknown();
    }

    static Analysis ownerTo() {
        return CommonStatements.refuse(Rule.OWNER_TO, "Changing an owner changes who may alter or drop the object.");
    }

    static Analysis unknown() {
        return Analysis.refuse(Rule.UNKNOWN_STATEMENT,
                "The classifier does not know this statement, so it is not additive. Apply it in a reviewed migration.");
    }
}
