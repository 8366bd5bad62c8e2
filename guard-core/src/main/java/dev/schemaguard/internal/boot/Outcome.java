package dev.schemaguard.internal.boot;

import dev.schemaguard.MigrationOutcome;
import java.util.List;

/**
 * What the pipeline did, before it becomes a report.
 *
 * @param migrations  every migration's outcome, in changelog order
 * @param failure     the failure that decides the verdict, or null for a pass
 * @param integrity   the integrity key of the line
 */
record Outcome(List<MigrationOutcome> migrations, Failure failure, String integrity) {

    int applied() {
        return count(MigrationOutcome.Status.APPLIED) + count(MigrationOutcome.Status.WOULD_APPLY);
    }

    int pending() {
        return migrations.size() - applied() - count(MigrationOutcome.Status.ALREADY_APPLIED);
    }

    private int count(MigrationOutcome.Status status) {
        return (int) migrations.stream().filter(m -> m.status() == status).count();
    }
}
