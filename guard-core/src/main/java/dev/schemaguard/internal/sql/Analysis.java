package dev.schemaguard.internal.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * What one statement does, as far as the migration-level checks need to know: a refusal, or the
 * object it creates and the conditions under which it is additive.
 */
final class Analysis {
    /**
     * Additive only if {@code table} is new in this migration or boot (empty, nobody else holds it), or,
     * when {@code orPlainType} is set, if that type is an enum, composite or unconstrained domain
     * created in this migration or boot (no value of it is checked row by row).
     */
    record NewTableCondition(QualifiedName table, Rule rule, String detail, QualifiedName orPlainType, String orNewColumn) {}

    Rule refusedBy;
    String detail;
    QualifiedName creates;
    boolean ifNotExists;
    /** CREATE INDEX CONCURRENTLY: must run outside a transaction. */
    boolean concurrently;
    /** lock_timeout / statement_timeout: neither additive work nor a reason to refuse. */
    boolean neutral;
    /** The created object is a type whose values are never checked row by row (enum, composite, plain domain). */
    boolean plainType;
    final List<NewTableCondition> conditions = new ArrayList<>();
    /** Columns this statement adds to a table, as "table.column" ({@link QualifiedName#toString()} of the table). */
    final List<String> addedColumns = new ArrayList<>();

    static Analysis refuse(Rule rule, String detail) {
        Analysis a = new Analysis();
        a.refusedBy = rule;
        a.detail = detail;
        return a;
    }

    static Analysis accept() {
        return new Analysis();
    }

    static Analysis creating(QualifiedName name, boolean ifNotExists) {
        Analysis a = new Analysis();
        a.creates = name;
        a.ifNotExists = ifNotExists;
        return a;
    }

    Analysis requireNewTable(QualifiedName table, Rule rule, String detail) {
        conditions.add(new NewTableCondition(table, rule, detail, null, null));
        return this;
    }

    /** Additive only if the table is new, or the column was added earlier in this migration (no code uses it yet). */
    Analysis requireNewTableOrColumn(QualifiedName table, String column, Rule rule, String detail) {
        conditions.add(new NewTableCondition(table, rule, detail, null, column));
        return this;
    }

    Analysis requireNewTableOrPlainType(QualifiedName table, QualifiedName type, Rule rule, String detail) {
        conditions.add(new NewTableCondition(table, rule, detail, type, null));
        return this;
    }

    boolean refused() {
        return refusedBy != null;
    }
}
