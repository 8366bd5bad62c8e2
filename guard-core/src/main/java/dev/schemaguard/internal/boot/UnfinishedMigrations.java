package dev.schemaguard.internal.boot;

import dev.schemaguard.Code;
import dev.schemaguard.internal.ledger.ProgressTable;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a boot does with the migrations an earlier boot started and did not finish, where each DDL
 * statement commits on its own ({@link ProgressTable}): decided with the plan, before anything runs.
 */
final class UnfinishedMigrations {
    private UnfinishedMigrations() {
    }

    /**
     * Migrations an earlier boot started and did not finish (only where DDL commits on its own): one the
     * plan applies and whose statements can all run twice is run again whole; any other (one that cannot
     * run twice, one now held, one no longer in the changelog) stops the boot before anything is applied.
     */
    static Plan check(Plan plan, Map<String, ProgressTable.Marker> markers, Consumer<String> note) {
        for (ProgressTable.Marker marker : markers.values().stream()
                .sorted(java.util.Comparator.comparing(ProgressTable.Marker::migration)).toList()) {
            PlannedMigration m = plan.migrations().stream().filter(p -> p.name().equals(marker.migration()))
                    .findFirst().orElse(null);
            if (m != null && m.decision() == PlannedMigration.Decision.ALREADY_APPLIED) {
                continue; // recorded by hand since: the ledger row is what counts
            }
            String what = marker.migration() + " was started by boot " + marker.deploymentId() + " at " + marker.started()
                    + " and not finished: " + marker.statementsDone() + " of " + marker.statements() + " statements took effect";
            if (m != null && m.decision() == PlannedMigration.Decision.APPLY && m.rerunnable()) {
                note.accept(what + "; every statement can run twice (IF NOT EXISTS), so this boot runs it again whole");
                continue;
            }
            return plan.failingWith(Failure.of(Code.MIGRATION_INCOMPLETE, what + "." + why(m, marker) + " Nothing was applied."
                            + " Check the schema, undo what took effect, then run DELETE FROM " + ProgressTable.NAME
                            + " WHERE ID = '" + marker.migration() + "' and boot again; writing each statement with IF NOT EXISTS "
                            + "lets a boot finish such a migration by itself.",
                    "migration", marker.migration(), "reason", "started by boot " + marker.deploymentId() + ", not finished"));
        }
        return plan;
    }

    /** Why the boot cannot finish it by itself. */
    private static String why(PlannedMigration m, ProgressTable.Marker marker) {
        if (m == null) {
            return " It is no longer in the changelog, so its half-applied changes stay unless they are undone by hand.";
        }
        if (m.decision() == PlannedMigration.Decision.HOLD) {
            return " It is held now (" + m.reason() + "), so its half-applied changes stay unless they are undone by hand.";
        }
        int next = Math.min(marker.statementsDone(), m.statements().size() - 1);
        return m.statements().isEmpty() ? "" : " Whether its statement at " + m.migration().where(m.statements().get(next).line())
                + " took effect is unknown (the boot stopped while it ran, and this database commits each DDL statement"
                + " on its own).";
    }
}
