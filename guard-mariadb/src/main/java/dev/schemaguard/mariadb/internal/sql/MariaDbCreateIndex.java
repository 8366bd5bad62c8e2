package dev.schemaguard.mariadb.internal.sql;

import dev.schemaguard.internal.sql.Analysis;
import dev.schemaguard.internal.sql.QualifiedName;
import dev.schemaguard.internal.sql.Rule;
import dev.schemaguard.internal.sql.TokenCursor;

/**
 * MariaDB CREATE [UNIQUE|FULLTEXT|SPATIAL] INDEX [IF NOT EXISTS] name [USING type] ON table (parts)
 * [options] [ALGORITHM [=] ...] [LOCK [=] ...]. On an existing table it must be built without a copy
 * under a lock: LOCK=NONE, with ALGORITHM INPLACE, NOCOPY or the default. FULLTEXT and SPATIAL indexes
 * cannot be built that way.
 */
final class MariaDbCreateIndex {
    private MariaDbCreateIndex() {
    }

    static Analysis analyze(TokenCursor c) {
        boolean special = c.peekWords("FULLTEXT") || c.peekWords("SPATIAL");
        if (!c.acceptWords("UNIQUE") && !c.acceptWords("FULLTEXT")) {
            c.acceptWords("SPATIAL");
        }
        c.expectWords("INDEX");
        boolean ifNotExists = c.acceptWords("IF", "NOT", "EXISTS");
        String name = MariaDbNames.simple(c);
        if (c.acceptWords("USING")) {
            c.next();
        }
        c.expectWords("ON");
        QualifiedName table = MariaDbNames.qualified(c);
        MariaDbIndexParts.rest(c);
        String algorithm = null;
        String lock = null;
        while (!c.atEnd()) {
            if (c.acceptWords("ALGORITHM")) {
                MariaDbNames.optionalEquals(c);
                algorithm = c.next().folded();
            } else {
                c.expectWords("LOCK");
                MariaDbNames.optionalEquals(c);
                lock = c.next().folded();
            }
        }
        Analysis a = Analysis.creating(new QualifiedName(table.schema(), name), ifNotExists);
        boolean online = "none".equals(lock) && (algorithm == null || algorithm.equals("inplace")
                || algorithm.equals("nocopy") || algorithm.equals("default"));
        if (special || !online) {
            a.requireNewTable(table, Rule.TABLE_COPY, "Building " + (special ? "a FULLTEXT or SPATIAL" : "an")
                    + " index on existing table " + table + " may block writes until it finishes. "
                    + (special ? "Apply it in a reviewed migration." : "Add ALGORITHM=INPLACE LOCK=NONE: the server "
                    + "then builds it online or refuses."));
        }
        return a;
    }
}
