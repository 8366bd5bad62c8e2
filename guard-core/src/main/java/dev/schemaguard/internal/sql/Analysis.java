package dev.schemaguard.internal.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * What one statement does, as far as the migration-level checks need to know: a refusal, or the
 * object it creates and the conditions under which it is additive.
 */
public final class Analysis {
    /**
     * Additive only if {@code table} is new in this migration or boot (empty, nobody else holds it),
     * or, when set, if {@code orPlainType} is an enum, composite or unconstrained domain created in this
     * migration or boot (no value of it is checked row by row), or if {@code orNewColumn} of that table
     * was added earlier in this migration (no running code relies on it yet).
     */
    public record NewTableCondition(QualifiedName table, Rule rule, String detail, QualifiedName orPlainType,
                                    String orNewColumn) {}

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
    /** The created object is temporary (TEMP, or the session's temporary schema). */
    boolean temporary;
    /** Running the statement a second time changes nothing and does not fail (IF NOT EXISTS). */
    boolean idempotent;
    final List<NewTableCondition> conditions = new ArrayList<>();
    /** Columns this statement adds to a table, as "table.column" ({@link QualifiedName#toString()} of the table). */
    final List<String> addedColumns = new ArrayList<>();

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
        a.idempotent = ifNotExists;
        return a;
    }

    /** A statement that is neither additive work nor a reason to refuse (PostgreSQL's SET lock_timeout). */
    public static Analysis neutral() {
        Analysis a = new Analysis();
        a.neutral = true;
        return a;
    }

    public Analysis requireNewTable(QualifiedName table, Rule rule, String detail) {
        conditions.add(new NewTableCondition(table, rule, detail, null, null));
        return this;
    }

    /** Additive only if the table is new, or {@code type} is a plain type created in this migration or boot. */
    public Analysis requireNewTableOrPlainType(QualifiedName table, QualifiedName type, Rule rule, String detail) {
        conditions.add(new NewTableCondition(table, rule, detail, type, null));
        return this;
    }

    /** Additive only if the table is new, or the column was added earlier in this migration. */
    public Analysis requireNewTableOrColumn(QualifiedName table, String column, Rule rule, String detail) {
        conditions.add(new NewTableCondition(table, rule, detail, null, column));
        return this;
    }

    /** Also requires what {@code other} requires, and adds what it adds (one ALTER TABLE's several actions). */
    public Analysis requireAlso(Analysis other) {
        conditions.addAll(other.conditions);
        addedColumns.addAll(other.addedColumns);
        return this;
    }

    /** Marks a statement that must run outside a transaction (PostgreSQL's CREATE INDEX CONCURRENTLY). */
    public Analysis concurrently() {
        concurrently = true;
        return this;
    }

    /** Marks the created object as a type no value of which is checked row by row. */
    public Analysis plainType(boolean plain) {
        plainType = plain;
        return this;
    }

    /** Records that this statement adds {@code column} to {@code table}. */
    public Analysis addsColumn(QualifiedName table, String column) {
        addedColumns.add(table + "." + column);
        return this;
    }

    /** Marks the created object as temporary: gone with the connection, shadowing real ones meanwhile. */
    public Analysis temporary(boolean isTemporary) {
        temporary = isTemporary;
        return this;
    }

    /** The object this statement creates, or null. */
    public QualifiedName creates() {
        return creates;
    }

    /** The same analysis, the created object living in {@code schema} (a TEMP object's session schema). */
    public Analysis createdIn(String schema) {
        if (creates != null) {
            creates = new QualifiedName(schema, creates.name());
        }
        return this;
    }

    /** Says whether running the statement a second time changes nothing and does not fail (IF NOT EXISTS). */
    public Analysis idempotent(boolean value) {
        idempotent = value;
        return this;
    }

    public boolean refused() {
        return refusedBy != null;
    }
}
