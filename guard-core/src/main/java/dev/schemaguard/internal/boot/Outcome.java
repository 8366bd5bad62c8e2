package dev.schemaguard.internal.boot;

import dev.schemaguard.MigrationOutcome;
import dev.schemaguard.spi.IntegritySession;
import java.util.List;

/**
 * What the pipeline did, before it becomes a report.
 *
 * @param migrations      every migration's outcome, in changelog order
 * @param failure         the failure that decides the verdict, or null for a pass
 * @param integrity       the boot's integrity session, for what follows a PASS; null when none ran
 * @param deferIntegrity  the check was skipped for size and must run in the background after a PASS
 */
record Outcome(List<MigrationOutcome> migrations, Failure failure, IntegritySession integrity, boolean deferIntegrity) {

    static Outcome failed(Failure failure) {
        return new Outcome(List.of(), failure, null, false);
    }

    int applied() {
        return count(MigrationOutcome.Status.APPLIED) + count(MigrationOutcome.Status.WOULD_APPLY);
    }

    /** Migrations still not in the ledger: held, failed, or not verified by a baseline (a drifted or unknown row is in the ledger). */
    int pending() {
        return count(MigrationOutcome.Status.HELD) + count(MigrationOutcome.Status.FAILED)
                + count(MigrationOutcome.Status.UNVERIFIED);
    }

    /** Migrations a baseline recorded, or would record. */
    int recorded() {
        return count(MigrationOutcome.Status.RECORDED) + count(MigrationOutcome.Status.WOULD_RECORD);
    }

    private int count(MigrationOutcome.Status status) {
        return (int) migrations.stream().filter(m -> m.status() == status).count();
    }
}
