package dev.schemaguard.mariadb.internal.sql;

import dev.schemaguard.internal.sql.Token;
import dev.schemaguard.internal.sql.TokenCursor;

/** What follows an index's name: [USING BTREE|HASH] (key parts) and index options. */
final class MariaDbIndexParts {
    private MariaDbIndexParts() {
    }

    /** Reads [USING type] (parts) and the index options, up to ALGORITHM/LOCK or the end. */
    static void rest(TokenCursor c) {
        if (c.acceptWords("USING")) {
            c.next();
        }
        if (c.group().isEmpty()) {
            throw new TokenCursor.NotRecognized("an index needs at least one column");
        }
        while (!c.atEnd() && !c.peekWords("ALGORITHM") && !c.peekWords("LOCK")) {
            if (c.acceptWords("USING")) {
                c.next();
            } else if (c.acceptWords("COMMENT")) {
                if (c.next().kind() != Token.Kind.STRING) {
                    throw new TokenCursor.NotRecognized("expected a 'string' after COMMENT");
                }
            } else if (c.acceptWords("WAIT")) {
                if (c.next().kind() != Token.Kind.NUMBER) {
                    throw new TokenCursor.NotRecognized("expected seconds after WAIT");
                }
            } else if (c.acceptWords("NOWAIT")) {
                continue;
            } else if (c.acceptWords("KEY_BLOCK_SIZE")) {
                MariaDbNames.optionalEquals(c);
                c.next();
            } else if (c.acceptWords("VISIBLE") || c.acceptWords("INVISIBLE") || c.acceptWords("IGNORED")
                    || c.acceptWords("NOT", "IGNORED")) {
                continue;
            } else {
                throw c.unexpected("unexpected index option");
            }
        }
    }
}
