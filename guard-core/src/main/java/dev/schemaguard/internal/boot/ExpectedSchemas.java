package dev.schemaguard.internal.boot;

import dev.schemaguard.Code;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The schemas the contract says must exist (incident 4: a re-initialized data directory whose
 * schemas were never re-created). A schema is there when the database lists it, or anything in it.
 */
final class ExpectedSchemas {
    private final List<String> expected;

    ExpectedSchemas(List<String> expected) {
        this.expected = expected.stream().map(s -> s.toLowerCase(java.util.Locale.ROOT)).toList();
    }

    /** The schemas expected, lower-case. */
    List<String> names() {
        return expected;
    }

    /** Whether the database lists every expected schema by its name (then nothing inside one need be looked for). */
    boolean allIn(Set<String> objects) {
        return expected.stream().allMatch(objects::contains);
    }

    List<String> missingFrom(Set<String> objects) {
        return expected.stream()
                .filter(s -> !objects.contains(s) && objects.stream().noneMatch(o -> o.startsWith(s + ".")))
                .toList();
    }

    /**
     * Before anything is applied: a missing schema is tolerated only on a deliberate first boot
     * (fresh_database: bootstrap) whose plan creates it; it is checked again after the apply.
     */
    Optional<Failure> beforeApply(Set<String> existing, Set<String> afterPlan, boolean bootstrap) {
        List<String> missing = missingFrom(existing);
        if (missing.isEmpty() || bootstrap && missingFrom(afterPlan).isEmpty()) {
            return Optional.empty();
        }
        List<String> notCreated = bootstrap ? missingFrom(afterPlan) : missing;
        return Optional.of(failure(notCreated, "and no migration the manifest allows creates "
                + (notCreated.size() == 1 ? "it" : "them") + (bootstrap ? "" : " on a first boot (fresh_database is fail)")
                + ", so nothing was applied"));
    }

    /** After the apply: the migrations that were to create a schema must have created it. */
    Optional<Failure> afterApply(Set<String> objects) {
        List<String> missing = missingFrom(objects);
        return missing.isEmpty() ? Optional.empty()
                : Optional.of(failure(missing, "even after this boot's migrations, which were expected to create "
                + (missing.size() == 1 ? "it" : "them")));
    }

    private static Failure failure(List<String> missing, String why) {
        String names = String.join(", ", missing);
        return Failure.of(Code.SCHEMA_MISSING, "expected schema" + (missing.size() == 1 ? " " : "s ") + names
                        + (missing.size() == 1 ? " is" : " are") + " missing from the database, " + why + ". The data "
                        + "directory may have been re-initialized or the wrong database mounted: restore the data; for a "
                        + "deliberate first boot, set fresh_database: bootstrap and allowlist a migration that runs "
                        + "CREATE SCHEMA IF NOT EXISTS " + missing.get(0) + ".",
                "missing", String.join(",", missing), "reason", "schema missing");
    }
}
