package dev.schemaguard.internal.boot;

import dev.schemaguard.Code;
import dev.schemaguard.internal.boot.PlannedMigration.Decision;
import dev.schemaguard.internal.changelog.ChangeSetMigration;
import dev.schemaguard.internal.changelog.Changelog;
import dev.schemaguard.internal.changelog.Migration;
import dev.schemaguard.internal.ledger.Ledger;
import dev.schemaguard.internal.ledger.LedgerRow;
import dev.schemaguard.internal.ledger.LedgerTable;
import dev.schemaguard.internal.liquibase.LiquibaseSql;
import dev.schemaguard.internal.manifest.Manifest;
import dev.schemaguard.internal.manifest.ManifestEntry;
import dev.schemaguard.internal.sql.Classification;
import dev.schemaguard.internal.sql.MigrationClassifier;
import dev.schemaguard.internal.sql.Refusal;
import dev.schemaguard.internal.sql.Rule;
import dev.schemaguard.internal.sql.SqlStatement;
import dev.schemaguard.internal.sql.SqlSupport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides, migration by migration and in changelog order, what a boot does: a pending migration is
 * applied only if the manifest allows it, its pin (if any) matches, and it is classified additive;
 * by default nothing after a held migration is applied (no gaps). Then checks the contract.
 */
final class Planner {
    /** How many refusals a message names before it counts the rest. */
    private static final int SUMMARIZED = 3;
    private final MigrationStatements statements;
    private final SqlSupport sqlSupport;
    private final boolean allowGaps;

    Planner(MigrationStatements statements, SqlSupport sqlSupport, boolean allowGaps) {
        this.statements = statements;
        this.sqlSupport = sqlSupport;
        this.allowGaps = allowGaps;
    }

    Plan plan(Changelog changelog, Ledger ledger, Manifest manifest, List<String> required, Set<String> existingObjects) {
        List<Failure> failures = new ArrayList<>();
        unknownManifestEntries(changelog, manifest, failures);
        // A migration is written assuming every earlier one ran, so it is classified against the schema
        // as it would be then; what this boot really applies is tracked apart, for the checks after it.
        // Both copy every object the database holds: made only when a migration is to be decided.
        SchemaState assumed = null;
        SchemaState applied = null;
        List<PlannedMigration> planned = new ArrayList<>();
        String firstHeld = null;
        Set<String> requiredNames = new HashSet<>(required);
        for (Migration migration : changelog.migrations()) {
            boolean isRequired = requiredNames.contains(migration.name());
            LedgerRow row = ledger.row(migration.name()).orElse(null);
            if (row != null) {
                String drift = drift(migration, row, ledger.drifted().get(migration.name()), failures);
                planned.add(new PlannedMigration(migration, drift == null ? Decision.ALREADY_APPLIED : Decision.DRIFTED,
                        isRequired, drift == null ? "" : drift, List.of(), List.of(), false));
                continue;
            }
            String blocked = ledger.blocked().get(migration.name());
            if (blocked != null) {
                // The ledger says a run of it failed midway: applying it again over that record could double its effects.
                planned.add(PlannedMigration.held(migration, isRequired, blocked, List.of(), List.of(),
                        PlannedMigration.Held.FAILED_BEFORE));
                firstHeld = firstHeld == null ? migration.name() : firstHeld;
                continue;
            }
            if (assumed == null) {
                assumed = new SchemaState(existingObjects);
                applied = new SchemaState(existingObjects);
            }
            PlannedMigration decided = decide(migration, isRequired, manifest, assumed, applied, firstHeld, failures);
            if (decided.decision() == Decision.HOLD && firstHeld == null) {
                firstHeld = migration.name();
            }
            planned.add(decided);
        }
        contract(changelog, planned, required, failures);
        failures.sort(java.util.Comparator.comparingInt(f -> precedence(f.code())));
        return new Plan(planned, failures, applied == null ? existingObjects : applied.objects());
    }

    private PlannedMigration decide(Migration migration, boolean isRequired, Manifest manifest, SchemaState assumed,
                                    SchemaState applied, String firstHeld, List<Failure> failures) {
        List<SqlStatement> sql;
        Classification classification;
        try {
            sql = statements.of(migration);
            classification = MigrationClassifier.classify(sql, sqlSupport, assumed.view());
            assumed.record(classification);
        } catch (RuntimeException e) {
            // Liquibase could not generate this changeset's SQL offline: unknown, so not additive.
            sql = List.of();
            classification = null;
        }
        List<Refusal> refusals = classification == null
                ? List.of(new Refusal(Rule.UNPARSEABLE, changeSetLine(migration), "",
                        "Liquibase cannot generate this changeset's SQL without the live schema"))
                : classification.refusals();
        boolean additive = classification != null && classification.additive();
        PlannedMigration draft = new PlannedMigration(migration, Decision.HOLD, isRequired, "", refusals, sql, false);
        String refused = summary(draft);
        ManifestEntry entry = manifest.find(migration.name()).orElse(null);
        String reason;
        PlannedMigration.Held held;
        if (entry == null) {
            held = PlannedMigration.Held.NOT_IN_MANIFEST;
            reason = "not in manifest" + (additive ? "" : "; also not additive: " + draft.describe(refusals.get(0)));
        } else if (entry.pin() != null && !entry.pin().equals(migration.sha256())) {
            held = PlannedMigration.Held.PIN_MISMATCH;
            reason = "pin mismatch: " + manifest.where(entry) + " pins sha256=" + entry.pin() + " but the file has sha256=" + migration.sha256();
            failures.add(Failure.of(Code.MANIFEST_HASH_MISMATCH, migration.name() + " changed after it was reviewed: "
                    + reason + ". Review the new file and update the pin, or restore the reviewed file.",
                    "migration", migration.name(), "reason", "pin mismatch"));
        } else if (!additive) {
            held = PlannedMigration.Held.NOT_ADDITIVE;
            reason = "not additive: " + refused;
            failures.add(Failure.of(Code.MIGRATION_NOT_ADDITIVE, "the manifest allows " + migration.name()
                    + " at boot but it is not additive (" + refused + "). Remove it from "
                    + manifest.where(entry) + " and apply it offline, or rewrite it as additive changes.",
                    "migration", migration.name(), "reason", draft.describe(refusals.get(0))));
        } else if (firstHeld != null && !allowGaps) {
            held = PlannedMigration.Held.WAITS_FOR_HELD;
            reason = "waits for held " + firstHeld + " (no gaps; set allow_gaps: true to lift)";
        } else {
            applied.record(classification);
            return new PlannedMigration(migration, Decision.APPLY, isRequired, "", refusals, sql,
                    classification.outsideTransaction(), classification.executed(), classification.rerunnable());
        }
        return PlannedMigration.held(migration, isRequired, reason, refusals, sql, held);
    }

    /**
     * The first few refusals, and how many more there are: a message and a reason stay a sentence
     * however large the migration (a 47 MB seed file is refused once per INSERT, and joining them all
     * once made the verdict seconds late). The report's migrations list every refusal.
     */
    private static String summary(PlannedMigration draft) {
        List<Refusal> refusals = draft.refusals();
        String first = refusals.stream().limit(SUMMARIZED).map(draft::describe).collect(Collectors.joining("; "));
        return refusals.size() <= SUMMARIZED ? first
                : first + "; and " + (refusals.size() - SUMMARIZED) + " more (plan --format json lists them all)";
    }

    private static void unknownManifestEntries(Changelog changelog, Manifest manifest, List<Failure> failures) {
        for (ManifestEntry entry : manifest.entries()) {
            if (changelog.find(entry.name()).isEmpty()) {
                failures.add(Failure.of(Code.MANIFEST_UNKNOWN_MIGRATION, manifest.where(entry) + " names " + entry.name()
                        + ", which is not in the changelog " + changelog.source() + ". Fix the name, or ship the migration in the image.",
                        "migration", entry.name(), "reason", "not in changelog"));
            }
        }
    }

    /**
     * How an applied migration's file differs from what the ledger recorded; null when it does not.
     *
     * @param foreignDrift  how the file differs from a foreign ledger's checksum (Flyway's), as that ledger's reader found
     */
    private static String drift(Migration migration, LedgerRow row, String foreignDrift, List<Failure> failures) {
        String drift = null;
        if (foreignDrift != null) {
            drift = "changed after it was applied: " + foreignDrift;
        } else if (migration instanceof ChangeSetMigration changeSet) {
            if (row.md5sum() != null && !LiquibaseSql.checksumMatches(changeSet, row.md5sum())) {
                drift = "changed after it was applied: the ledger recorded " + row.md5sum();
            }
        } else if (!LedgerTable.recordsSha256(row, migration.sha256())) {
            String recorded = LedgerTable.recordedSha256(row);
            if (recorded != null && !recorded.equals(migration.sha256())) {
                drift = "changed after it was applied: the ledger recorded sha256=" + recorded + ", the file has sha256="
                        + migration.sha256();
            }
        }
        if (drift != null) {
            failures.add(Failure.of(Code.CHECKSUM_DRIFT, migration.name() + " was applied, and its file " + migration.file()
                    + " has changed since" + (foreignDrift == null ? "" : " (" + foreignDrift + ")")
                    + ". Restore the file as it was applied; put the new change in a new migration.",
                    "migration", migration.name(), "reason", "changed after it was applied"));
        }
        return drift;
    }

    private static void contract(Changelog changelog, List<PlannedMigration> planned, List<String> required, List<Failure> failures) {
        Map<String, String> missing = new LinkedHashMap<>();
        for (String name : required) {
            if (changelog.find(name).isEmpty()) {
                missing.put(name, "not in changelog");
            }
        }
        for (PlannedMigration m : planned) {
            if (m.required() && m.decision() == Decision.HOLD) {
                missing.put(m.name(), m.reason());
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        List<String> explained = missing.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList();
        boolean oneReason = missing.values().stream().distinct().count() == 1;
        String reason = oneReason ? missing.values().iterator().next() : String.join("; ", explained);
        failures.add(Failure.of(Code.REQUIRED_MIGRATIONS_MISSING, "required migrations missing from the ledger: "
                        + String.join("; ", explained) + ". Add each to the boot manifest (if additive), or apply it before this deploy.",
                "missing", String.join(",", missing.keySet()), "reason", reason));
    }

    private static int changeSetLine(Migration migration) {
        return migration instanceof ChangeSetMigration changeSet ? ChangeSetLines.lineOf(changeSet) : 1;
    }

    /** Which failure a boot names when there are several: the one to fix first. */
    private static int precedence(Code code) {
        return switch (code) {
            case MANIFEST_UNKNOWN_MIGRATION -> 0;
            case CHECKSUM_DRIFT -> 1;
            case MANIFEST_HASH_MISMATCH -> 2;
            case MIGRATION_NOT_ADDITIVE -> 3;
            default -> 4;
        };
    }
}
