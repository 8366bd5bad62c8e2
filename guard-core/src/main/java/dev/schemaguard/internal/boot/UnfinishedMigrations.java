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
     * Migrations an earlier boot started and did not finish (only where DDL commits on its own): one whose
     * statements can all run twice is run again whole; any other stops the boot before anything is applied.
     */
    static Plan check(Plan plan, Map<String, ProgressTable.Marker> markers, Consumer<String> note) {
        for (PlannedMigration m : plan.toApply()) {
            ProgressTable.Marker marker = markers.get(m.name());
            if (marker == null) {
                continue;
            }
            String what = m.name() + " was started by boot " + marker.deploymentId() + " at " + marker.started()
                    + " and not finished: " + marker.statementsDone() + " of " + marker.statements() + " statements took effect";
            if (m.rerunnable()) {
                note.accept(what + "; every statement can run twice (IF NOT EXISTS), so this boot runs it again whole");
                continue;
            }
            int next = Math.min(marker.statementsDone(), m.statements().size() - 1);
            String uncertain = m.statements().isEmpty() ? "" : " Whether its statement at "
                    + m.migration().where(m.statements().get(next).line()) + " took effect is unknown (the boot stopped"
                    + " while it ran, and this database commits each DDL statement on its own).";
            return plan.failingWith(Failure.of(Code.MIGRATION_INCOMPLETE, what + "." + uncertain + " Nothing was applied."
                            + " Check the schema, undo what took effect, then run DELETE FROM " + ProgressTable.NAME
                            + " WHERE ID = '" + m.name() + "' and boot again; writing each statement with IF NOT EXISTS "
                            + "lets a boot finish such a migration by itself.",
                    "migration", m.name(), "reason", "started by boot " + marker.deploymentId() + ", not finished"));
        }
        return plan;
    }
}
