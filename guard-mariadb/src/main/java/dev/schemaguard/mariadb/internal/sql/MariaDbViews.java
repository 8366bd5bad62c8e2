package dev.schemaguard.mariadb.internal.sql;

import dev.schemaguard.internal.sql.Analysis;
import dev.schemaguard.internal.sql.CommonStatements;
import dev.schemaguard.internal.sql.QualifiedName;
import dev.schemaguard.internal.sql.Rule;
import dev.schemaguard.internal.sql.Token;
import dev.schemaguard.internal.sql.TokenCursor;
import dev.schemaguard.internal.sql.ViewBody;

/** CREATE [ALGORITHM = ...] [SQL SECURITY ...] VIEW [IF NOT EXISTS] name [(columns)] AS query [WITH CHECK OPTION]. */
final class MariaDbViews {
    private MariaDbViews() {
    }

    static Analysis create(TokenCursor c) {
        if (c.acceptWords("ALGORITHM")) {
            c.expectOp("=");
            Token algorithm = c.next();
            if (!(algorithm.isWord("UNDEFINED") || algorithm.isWord("MERGE") || algorithm.isWord("TEMPTABLE"))) {
                throw new TokenCursor.NotRecognized("unknown view ALGORITHM '" + algorithm.raw() + "'");
            }
        }
        if (c.peekWords("DEFINER")) {
            return definer();
        }
        if (c.acceptWords("SQL", "SECURITY")) {
            if (!c.acceptWords("INVOKER")) {
                c.expectWords("DEFINER");
            }
        }
        c.expectWords("VIEW");
        boolean ifNotExists = c.acceptWords("IF", "NOT", "EXISTS");
        QualifiedName name = MariaDbNames.qualified(c);
        if (c.peekOp("(")) {
            c.group();
        }
        c.expectWords("AS");
        ViewBody.expectQuery(c);
        return Analysis.creating(name, ifNotExists);
    }

    static Analysis definer() {
        return CommonStatements.refuse(Rule.OWNER_TO, "DEFINER= makes the object run with another account's privileges.");
    }
}
