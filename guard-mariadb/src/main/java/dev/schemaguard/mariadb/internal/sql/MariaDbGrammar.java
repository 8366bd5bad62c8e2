package dev.schemaguard.mariadb.internal.sql;

import dev.schemaguard.internal.sql.Analysis;
import dev.schemaguard.internal.sql.CommonStatements;
import dev.schemaguard.internal.sql.QualifiedName;
import dev.schemaguard.internal.sql.Rule;
import dev.schemaguard.internal.sql.Token;
import dev.schemaguard.internal.sql.TokenCursor;

import java.util.List;

/**
 * MariaDB's additive statements: CREATE [TEMPORARY] TABLE, [UNIQUE] INDEX, VIEW, SEQUENCE, DATABASE
 * (IF NOT EXISTS where wanted), ALTER TABLE ... ADD COLUMN / ADD INDEX without a table copy (see
 * {@link MariaDbAlterTable}), and the neutral SET of lock_wait_timeout, innodb_lock_wait_timeout and
 * max_statement_time. The never-additive verbs shared with the other dialects are refused with the same
 * rule ids ({@link CommonStatements}); MariaDB's own (LOAD DATA, INSTALL PLUGIN, OPTIMIZE, USE, XA, ...)
 * get the rule that means the same.
 */
final class MariaDbGrammar {
    Analysis analyze(List<Token> tokens) {
        Analysis own = mariaDbVerb(tokens);
        if (own != null) {
            return own;
        }
        Analysis common = CommonStatements.refusalFor(tokens, MariaDbSql.SYNTAX);
        if (common != null) {
            return common;
        }
        TokenCursor c = new TokenCursor(tokens);
        if (c.acceptWords("CREATE")) {
            return create(c);
        }
        if (c.acceptWords("ALTER")) {
            return alter(c);
        }
        if (c.peekWords("SET")) {
            return MariaDbSet.analyze(c);
        }
        return unknown();
    }

    /** Verbs only MariaDB and MySQL have, refused with the rule that means the same elsewhere. */
    private static Analysis mariaDbVerb(List<Token> tokens) {
        Token first = tokens.get(0);
        if (first.kind() != Token.Kind.WORD) {
            return null;
        }
        return switch (first.folded()) {
            case "load" -> CommonStatements.refuse(Rule.COPY, "LOAD DATA / LOAD XML reads a file into a table.");
            case "install", "uninstall" -> CommonStatements.refuse(Rule.CREATE_EXTENSION,
                    "Installing or removing a plugin loads server code.");
            case "optimize", "repair" -> CommonStatements.refuse(Rule.VACUUM, "OPTIMIZE and REPAIR rebuild the table.");
            case "rename" -> CommonStatements.refuse(Rule.RENAME, "Running code still uses the old name.");
            case "use" -> CommonStatements.refuse(Rule.SET, "USE switches the database that later statements "
                    + "(and the ledger row) would write to.");
            case "xa", "lock", "unlock" -> CommonStatements.refuse(Rule.TRANSACTION_CONTROL, first.raw().toUpperCase()
                    + " takes transactions or table locks into the migration's own hands.");
            case "prepare", "execute", "deallocate", "handler" -> CommonStatements.refuse(Rule.SELECT,
                    first.raw().toUpperCase() + " runs SQL the classifier cannot see.");
            default -> null;
        };
    }

    private Analysis create(TokenCursor c) {
        if (c.acceptWords("OR", "REPLACE")) {
            return createOrReplace(c);
        }
        if (c.peekWords("DEFINER")) {
            return MariaDbViews.definer();
        }
        if (c.peekWords("ALGORITHM") || c.peekWords("SQL", "SECURITY") || c.peekWords("VIEW")) {
            return MariaDbViews.create(c);
        }
        if (c.peekWords("TEMPORARY")) {
            return Analysis.refuse(Rule.UNKNOWN_STATEMENT, "A temporary table lives only in the guard's session and "
                    + "shadows a real table of the same name (even the ledger) for every statement after it; a boot "
                    + "migration has no use for one. Remove it.");
        }
        if (c.acceptWords("TABLE")) {
            return MariaDbCreateTable.analyze(c);
        }
        if (c.peekWords("INDEX") || c.peekWords("UNIQUE") || c.peekWords("FULLTEXT") || c.peekWords("SPATIAL")) {
            return MariaDbCreateIndex.analyze(c);
        }
        if (c.acceptWords("SEQUENCE")) {
            boolean ifNotExists = c.acceptWords("IF", "NOT", "EXISTS");
            QualifiedName name = MariaDbNames.qualified(c);
            optionsOnly(c);
            return Analysis.creating(name, ifNotExists);
        }
        if (c.acceptWords("DATABASE") || c.acceptWords("SCHEMA")) {
            boolean ifNotExists = c.acceptWords("IF", "NOT", "EXISTS");
            String name = MariaDbNames.simple(c);
            optionsOnly(c);
            return Analysis.creating(QualifiedName.schemaOnly(name), ifNotExists);
        }
        return createOpaque(c);
    }

    private static Analysis createOrReplace(TokenCursor c) {
        if (c.peekWords("DEFINER") || c.peekWords("ALGORITHM") || c.peekWords("SQL", "SECURITY") || c.peekWords("VIEW")) {
            return CommonStatements.refuse(Rule.CREATE_VIEW_OR_REPLACE,
                    "OR REPLACE changes a view that running code may depend on. Create a new view instead.");
        }
        if (c.peekWords("TABLE") || c.peekWords("TEMPORARY") || c.peekWords("INDEX") || c.peekWords("UNIQUE")
                || c.peekWords("SEQUENCE") || c.peekWords("DATABASE") || c.peekWords("SCHEMA")) {
            return CommonStatements.refuse(Rule.DROP, "CREATE OR REPLACE drops the existing object and its data first.");
        }
        return createOpaque(c);
    }

    /** CREATE kinds that install code or change who may do what. */
    static Analysis createOpaque(TokenCursor c) {
        if (c.peekWords("TRIGGER")) {
            return CommonStatements.refuse(Rule.CREATE_TRIGGER, "A trigger runs opaque code on every write.");
        }
        if (c.peekWords("FUNCTION") || c.peekWords("PROCEDURE") || c.peekWords("AGGREGATE") || c.peekWords("EVENT")
                || c.peekWords("PACKAGE")) {
            return CommonStatements.refuse(Rule.CREATE_FUNCTION, "A function, procedure or scheduled event is opaque code.");
        }
        if (c.peekWords("USER") || c.peekWords("ROLE")) {
            return CommonStatements.refuse(Rule.GRANT, "Users and roles are privilege changes, not schema additions.");
        }
        return unknown();
    }

    private static Analysis alter(TokenCursor c) {
        boolean online = c.acceptWords("ONLINE");
        if (c.acceptWords("IGNORE")) {
            return CommonStatements.refuse(Rule.DELETE, "ALTER IGNORE TABLE silently deletes rows that violate a new key.");
        }
        if (c.acceptWords("TABLE")) {
            c.acceptWords("IF", "EXISTS");
            QualifiedName table = MariaDbNames.qualified(c);
            if (c.acceptWords("WAIT")) {
                c.next();
            } else {
                c.acceptWords("NOWAIT");
            }
            return MariaDbAlterTable.analyze(c, table, online);
        }
        if (c.peekWords("DEFINER") || c.peekWords("ALGORITHM") || c.peekWords("SQL", "SECURITY") || c.peekWords("VIEW")) {
            return CommonStatements.refuse(Rule.CREATE_VIEW_OR_REPLACE, "ALTER VIEW replaces a view that running code "
                    + "may depend on. Create a new view instead.");
        }
        if (c.peekWords("FUNCTION") || c.peekWords("PROCEDURE") || c.peekWords("EVENT")) {
            return CommonStatements.refuse(Rule.CREATE_FUNCTION, "Changing a routine or event changes opaque code.");
        }
        if (c.peekWords("USER") || c.peekWords("ROLE")) {
            return CommonStatements.refuse(Rule.GRANT, "Changing users or roles changes privileges.");
        }
        if (c.peekWords("DATABASE") || c.peekWords("SCHEMA")) {
            return CommonStatements.refuse(Rule.STORAGE_PARAMETERS, "Changing a database's defaults (character set, "
                    + "collation) changes every table created after it.");
        }
        if (c.peekWords("SEQUENCE")) {
            return CommonStatements.refuse(Rule.ALTER_COLUMN, "Changing a sequence changes the values running code gets.");
        }
        return unknown();
    }

    /** The rest of a CREATE SEQUENCE / DATABASE: option words, numbers and '=', nothing that runs. */
    private static void optionsOnly(TokenCursor c) {
        while (!c.atEnd()) {
            Token t = c.next();
            boolean option = t.kind() == Token.Kind.WORD || t.kind() == Token.Kind.NUMBER || t.kind() == Token.Kind.STRING
                    || t.isOp("=") || t.isOp("-") || t.isOp("+") || t.isOp(",");
            if (!option) {
                throw new TokenCursor.NotRecognized("unexpected '" + t.raw() + "' in options");
            }
        }
    }

    static Analysis unknown() {
        return Analysis.refuse(Rule.UNKNOWN_STATEMENT,
                "The classifier does not know this statement, so it is not additive. Apply it in a reviewed migration.");
    }
}
