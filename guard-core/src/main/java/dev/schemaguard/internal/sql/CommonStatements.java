package dev.schemaguard.internal.sql;

import java.util.List;

/**
 * Statement kinds that are never additive, recognized by their leading keyword in either dialect.
 * A keyword that only one server knows is refused the same way in the other: the server would
 * reject it anyway, and refusing is the safe side.
 */
public final class CommonStatements {
    private static final String OFFLINE = " Apply it in a reviewed migration outside the boot manifest.";

    private CommonStatements() {}

    /** The refusal for a statement starting with a never-additive keyword, or null. */
    public static Analysis refusalFor(List<Token> tokens, SqlSyntax syntax) {
        Analysis a = byLeadingKeyword(tokens, syntax);
        if (a != null && !syntax.rules().contains(a.refusedBy)) {
            return null; // a keyword of the other dialect: left to the grammar, which calls it unknown
        }
        return a;
    }

    private static Analysis byLeadingKeyword(List<Token> tokens, SqlSyntax syntax) {
        Token first = tokens.get(0);
        if (first.kind() != Token.Kind.WORD) {
            return null;
        }
        String verb = first.folded();
        switch (verb) {
            case "select":
                if (syntax.rules().contains(Rule.SELECT_INTO) && hasTopLevelWord(tokens, "into")) {
                    return refuse(Rule.SELECT_INTO, "SELECT INTO creates a table from a query.");
                }
                return refuse(Rule.SELECT, "A query at boot can call functions with side effects.");
            case "values": case "explain": case "table":
                return refuse(Rule.SELECT, verb.toUpperCase() + " runs a query, which can call functions.");
            case "with":
                return withStatement(tokens);
            case "insert": case "replace": case "upsert":
                return refuse(Rule.INSERT, "Writing rows is a data change, not a schema addition.");
            case "update": case "merge":
                return refuse(Rule.UPDATE, "Rewriting rows is a data change, not a schema addition.");
            case "delete":
                return refuse(Rule.DELETE, "Deleting rows loses data.");
            case "truncate":
                return refuse(Rule.TRUNCATE, "TRUNCATE empties a table.");
            case "drop":
                return refuse(Rule.DROP, "DROP loses data or breaks code that still uses the object.");
            case "pragma":
                return refuse(Rule.PRAGMA, "PRAGMA changes settings or internals (writable_schema, journal_mode...).");
            case "attach": case "detach":
                return refuse(Rule.ATTACH, verb.toUpperCase() + " changes which database files the connection sees.");
            case "vacuum":
                return refuse(Rule.VACUUM, "VACUUM rewrites the whole database and can take minutes on a large file.");
            case "reindex":
                return refuse(Rule.REINDEX, "REINDEX rebuilds indexes under a lock.");
            case "analyze": case "analyse":
                return refuse(Rule.ANALYZE, "ANALYZE scans tables and changes query plans; run it from maintenance.");
            case "begin": case "start": case "commit": case "end": case "rollback": case "savepoint":
            case "release": case "abort": case "prepare":
                return refuse(Rule.TRANSACTION_CONTROL, verb.toUpperCase()
                        + " breaks atomic apply: the guard runs each migration in its own transaction. Remove it.");
            case "do":
                return refuse(Rule.DO_BLOCK, "A DO block runs arbitrary procedural code.");
            case "grant": case "revoke":
                return refuse(Rule.GRANT, "Privilege changes are not schema additions.");
            case "copy":
                return refuse(Rule.COPY, "COPY moves data and can read or write server files or programs.");
            case "call":
                return refuse(Rule.CALL, "CALL runs a procedure: arbitrary code.");
            case "refresh":
                return refuse(Rule.REFRESH_MATERIALIZED_VIEW, "REFRESH runs the view's query and locks it.");
            default:
                return null;
        }
    }

    public static Analysis refuse(Rule rule, String why) {
        return Analysis.refuse(rule, why + OFFLINE);
    }

    /**
     * WITH ... is refused by the first data-changing verb anywhere in it (a data-modifying CTE runs
     * even when the main statement is a SELECT), else as a query.
     */
    private static Analysis withStatement(List<Token> tokens) {
        for (Token t : tokens.subList(1, tokens.size())) {
            if (t.isWord("DELETE")) {
                return refuse(Rule.DELETE, "WITH ... DELETE deletes rows.");
            } else if (t.isWord("UPDATE") || t.isWord("MERGE")) {
                return refuse(Rule.UPDATE, "WITH ... UPDATE rewrites rows.");
            } else if (t.isWord("INSERT")) {
                return refuse(Rule.INSERT, "WITH ... INSERT writes rows.");
            }
        }
        return refuse(Rule.SELECT, "A query at boot can call functions with side effects.");
    }

    public static boolean hasTopLevelWord(List<Token> tokens, String word) {
        int depth = 0;
        for (Token t : tokens) {
            if (t.isOp("(")) {
                depth++;
            } else if (t.isOp(")")) {
                depth--;
            } else if (depth == 0 && t.isWord(word)) {
                return true;
            }
        }
        return false;
    }
}
