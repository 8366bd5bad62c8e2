package dev.schemaguard.internal.boot;

import java.util.List;
import java.util.Set;

/**
 * What a boot will do, decided before it changes anything: if {@link #failures()} is not empty the
 * boot applies nothing, so a boot that is going to fail leaves the database exactly as it was.
 *
 * @param objectsAfter  the database's objects as the classifier expects them after the apply; not copied (the
 *                      planner's own set, or the boot's view of the catalog, which lists every object only
 *                      when asked something it was not told), only made unmodifiable
 */
record Plan(List<PlannedMigration> migrations, List<Failure> failures, Set<String> objectsAfter) {

    Plan {
        migrations = List.copyOf(migrations);
        failures = List.copyOf(failures);
        objectsAfter = java.util.Collections.unmodifiableSet(objectsAfter);
    }

    /** This plan with one more failure, which stops it from applying anything. */
    Plan failingWith(Failure failure) {
        List<Failure> more = new java.util.ArrayList<>(failures);
        more.add(failure);
        return new Plan(migrations, more, objectsAfter);
    }

    List<PlannedMigration> toApply() {
        return migrations.stream().filter(m -> m.decision() == PlannedMigration.Decision.APPLY).toList();
    }
}
