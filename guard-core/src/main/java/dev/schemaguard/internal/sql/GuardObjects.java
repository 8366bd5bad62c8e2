package dev.schemaguard.internal.sql;

import java.util.List;
import java.util.Set;

/**
 * The guard's own tables: Liquibase's ledger and lock, and the progress table of a stepwise apply
 * (where DDL commits on its own). A migration that names either, in any schema
 * and any quoting (TEMP or another schema would shadow it, ALTER or an index would change it), could
 * make the guard record a migration where it is not read back, or lose its record; such a statement
 * is refused before its kind is even looked at.
 */
final class GuardObjects {
    static final Set<String> NAMES = Set.of("databasechangelog", "databasechangeloglock", "schema_guard_progress");

    private GuardObjects() {}

    /** The guard table a statement names, or null. SQLite also reads a 'string' as a name. */
    static String named(List<Token> tokens, SqlSyntax syntax) {
        for (Token t : tokens) {
            boolean name = t.isName() || (syntax.stringsAsNames() && t.kind() == Token.Kind.STRING);
            if (!name) {
                continue;
            }
            String folded = t.kind() == Token.Kind.STRING
                    ? Token.asciiLower(t.raw().substring(1, t.raw().length() - 1).replace("''", "'")) : t.folded();
            if (NAMES.contains(folded)) {
                return folded;
            }
        }
        return null;
    }
}
