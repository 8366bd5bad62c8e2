package dev.schemaguard.internal.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * What one statement does, as far as the migration-level checks need to know: a refusal, or the
 * object it creates and the conditions under which it is additive.
 */
final class Analysis {
    /** Additive only if {@code table} is new in this migration (empty, nobody else holds it). */
    record NewTableCondition(QualifiedName table, Rule rule, String detail) {}

    Rule refusedBy;
    String detail;
    QualifiedName creates;
    boolean ifNotExists;
    /** CREATE INDEX CONCURRENTLY: must run outside a transaction. */
    boolean concurrently;
    /** lock_timeout / statement_timeout: neither additive work nor a reason to refuse. */
    boolean neutral;
    /** Running the statement a second time changes nothing and does not fail (IF NOT EXISTS). */
    boolean idempotent;
    final List<NewTableCondition> conditions = new ArrayList<>();

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
        a.idempotent = ifNotExists;
        return a;
    }

    Analysis requireNewTable(QualifiedName table, Rule rule, String detail) {
        conditions.add(new NewTableCondition(table, rule, detail));
        return this;
    }

    boolean refused() {
        return refusedBy != null;
    }
}
