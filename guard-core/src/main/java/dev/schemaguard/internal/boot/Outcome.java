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
 * @param tally           the counts when the boot stopped before its outcome per migration was known; else null
 */
record Outcome(List<MigrationOutcome> migrations, Failure failure, IntegritySession integrity, boolean deferIntegrity,
               Tally tally) {

    Outcome(List<MigrationOutcome> migrations, Failure failure, IntegritySession integrity, boolean deferIntegrity) {
        this(migrations, failure, integrity, deferIntegrity, null);
    }

    static Outcome failed(Failure failure) {
        return stopped(failure, Tally.NONE);
    }

    /** A boot that stopped mid-way: its verdict line counts what it had committed and what was still pending. */
    static Outcome stopped(Failure failure, Tally tally) {
        return new Outcome(List.of(), failure, null, false, tally);
    }

    /** The same outcome, decided by another failure. */
    Outcome failingWith(Failure other) {
        return new Outcome(migrations, other, integrity, deferIntegrity, tally);
    }

    int applied() {
        return tally != null ? tally.applied() : count(MigrationOutcome.Status.APPLIED) + count(MigrationOutcome.Status.WOULD_APPLY);
    }

    /** Migrations still not in the ledger: held, failed, or not verified by a baseline (a drifted or unknown row is in the ledger). */
    int pending() {
        return tally != null ? tally.pending() : count(MigrationOutcome.Status.HELD) + count(MigrationOutcome.Status.FAILED)
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
