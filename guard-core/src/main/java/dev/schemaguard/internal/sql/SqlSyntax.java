package dev.schemaguard.internal.sql;

import java.util.Objects;
import java.util.Set;

/**
 * How one dialect writes what the shared parsers read: each component names a feature of the
 * notation, never a database, so that a new dialect chooses its features instead of core learning
 * its name.
 *
 * @param defaultSchema     the schema an unqualified name lives in ({@code main}, {@code public}); a
 *                          name qualified with it is reported unqualified
 * @param stringsAsNames    a 'string' is accepted where a name or a type name is expected (SQLite)
 * @param qualifiedTypes    a column type may be {@code schema.type}
 * @param arrayTypes        a column type may end with {@code [ ]} or {@code [n]}
 * @param defaultIsOneTerm  DEFAULT takes one term or a parenthesized expression (SQLite), not an
 *                          expression up to the next constraint
 * @param emptyTables       CREATE TABLE t () is valid
 * @param tableElementWords words other than the standard constraints that start a table element
 *                          which is not a column (PostgreSQL's EXCLUDE, LIKE), upper case
 * @param rules             the rules this dialect's grammar can fire; a never-additive keyword whose
 *                          rule is not among them is left to the grammar, which calls it unknown
 */
public record SqlSyntax(
        String defaultSchema,
        boolean stringsAsNames,
        boolean qualifiedTypes,
        boolean arrayTypes,
        boolean defaultIsOneTerm,
        boolean emptyTables,
        Set<String> tableElementWords,
        Set<Rule> rules) {

    public SqlSyntax {
        Objects.requireNonNull(defaultSchema, "defaultSchema");
        tableElementWords = Set.copyOf(tableElementWords);
        rules = Set.copyOf(rules);
    }
}
