package dev.schemaguard.internal.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * What one statement does, as far as the migration-level checks need to know: a refusal, or the
 * object it creates and the conditions under which it is additive.
 */
public final class Analysis {
    /** Additive only if {@code table} is new in this migration (empty, nobody else holds it). */
    public record NewTableCondition(QualifiedName table, Rule rule, String detail) {}

    Rule refusedBy;
    String detail;
    QualifiedName creates;
    boolean ifNotExists;
    /** CREATE INDEX CONCURRENTLY: must run outside a transaction. */
    boolean concurrently;
    /** lock_timeout / statement_timeout: neither additive work nor a reason to refuse. */
    boolean neutral;
    final List<NewTableCondition> conditions = new ArrayList<>();

    public static Analysis refuse(Rule rule, String detail) {
        Analysis a = new Analysis();
        a.refusedBy = rule;
        a.detail = detail;
        return a;
    }

    public static Analysis accept() {
        return new Analysis();
    }

    public static Analysis creating(QualifiedName name, boolean ifNotExists) {
        Analysis a = new Analysis();
        a.creates = name;
        a.ifNotExists = ifNotExists;
        return a;
    }

    /** A statement that is neither additive work nor a reason to refuse (PostgreSQL's SET lock_timeout). */
    public static Analysis neutral() {
        Analysis a = new Analysis();
        a.neutral = true;
        return a;
    }

    public Analysis requireNewTable(QualifiedName table, Rule rule, String detail) {
        conditions.add(new NewTableCondition(table, rule, detail));
        return this;
    }

    /** Also requires what {@code other} requires (one ALTER TABLE's several actions). */
    public Analysis requireAlso(Analysis other) {
        conditions.addAll(other.conditions);
        return this;
    }

    /** Marks a statement that must run outside a transaction (PostgreSQL's CREATE INDEX CONCURRENTLY). */
    public Analysis concurrently() {
        concurrently = true;
        return this;
    }

    public boolean refused() {
        return refusedBy != null;
    }
}
