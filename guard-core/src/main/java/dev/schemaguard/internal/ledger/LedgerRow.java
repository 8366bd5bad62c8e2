package dev.schemaguard.internal.ledger;

import java.time.LocalDateTime;

/**
 * One row of Liquibase's {@code DATABASECHANGELOG}, the columns Schema Guard reads: not AUTHOR or
 * FILENAME, which no check needs (a migration is matched on its ID alone, see {@link Ledger}), and
 * every boot would read them for every row.
 *
 * @param executedAt  DATEEXECUTED as the database recorded it (SQLite: UTC; PostgreSQL: the session's
 *                    time zone, as Liquibase writes it); null when it cannot be read as a date
 */
public record LedgerRow(String id, String md5sum, String comments, String execType, LocalDateTime executedAt) {

    /** Whether the row records the migration as in effect (Liquibase's EXECUTED, RERAN, MARK_RAN). */
    public boolean applied() {
        return execType == null || !execType.equalsIgnoreCase("FAILED") && !execType.equalsIgnoreCase("SKIPPED");
    }
}
