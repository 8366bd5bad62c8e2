package dev.schemaguard.internal.boot;

import java.util.List;

/**
 * What a boot will do, decided before it changes anything: if {@link #failures()} is not empty the
 * boot applies nothing, so a boot that is going to fail leaves the database exactly as it was.
 */
record Plan(List<PlannedMigration> migrations, List<Failure> failures) {

    Plan {
        migrations = List.copyOf(migrations);
        failures = List.copyOf(failures);
    }

    List<PlannedMigration> toApply() {
        return migrations.stream().filter(m -> m.decision() == PlannedMigration.Decision.APPLY).toList();
    }
}
