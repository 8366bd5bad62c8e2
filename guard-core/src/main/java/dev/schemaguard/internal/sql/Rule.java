package dev.schemaguard.internal.sql;

/** INTERIM (replaced by the classifier branch). */
public enum Rule {
    DROP("drop", "drops an object"),
    UNKNOWN_STATEMENT("unknown-statement", "not a statement known to be additive"),
    EMPTY_MIGRATION("empty-migration", "no statement");

    private final String id;
    private final String summary;

    Rule(String id, String summary) { this.id = id; this.summary = summary; }
    public String id() { return id; }
    public String summary() { return summary; }
}
