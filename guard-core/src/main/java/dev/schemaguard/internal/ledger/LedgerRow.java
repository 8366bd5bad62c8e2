package dev.schemaguard.internal.ledger;

/** One row of Liquibase's {@code DATABASECHANGELOG}, the columns Schema Guard reads. */
public record LedgerRow(String id, String author, String filename, String md5sum, String comments, String execType) {

    /** Whether the row records the migration as in effect (Liquibase's EXECUTED, RERAN, MARK_RAN). */
    public boolean applied() {
        return execType == null || !execType.equalsIgnoreCase("FAILED") && !execType.equalsIgnoreCase("SKIPPED");
    }
}
