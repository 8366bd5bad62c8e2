package dev.schemaguard.mariadb.internal.sql;

import dev.schemaguard.internal.sql.Names;
import dev.schemaguard.internal.sql.QualifiedName;
import dev.schemaguard.internal.sql.TokenCursor;

/** MariaDB object names: {@code name} or {@code database.name}, unquoted from backticks, ASCII lower-cased. */
final class MariaDbNames {
    private MariaDbNames() {
    }

    static String simple(TokenCursor c) {
        return Names.simple(c, MariaDbSql.SYNTAX);
    }

    /**
     * Reads a possibly qualified name. The database a qualified name names is kept: whether it is the
     * connection's own database is only known at run time, so it is compared as written.
     */
    static QualifiedName qualified(TokenCursor c) {
        String first = simple(c);
        if (!c.acceptOp(".")) {
            return new QualifiedName(null, first);
        }
        return new QualifiedName(first, simple(c));
    }

    /** An optional {@code = } between an option's name and its value. */
    static void optionalEquals(TokenCursor c) {
        c.acceptOp("=");
    }
}
