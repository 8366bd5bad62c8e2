package dev.schemaguard.internal.boot;

import dev.schemaguard.MigrationOutcome;
import dev.schemaguard.MigrationOutcome.Status;
import dev.schemaguard.internal.boot.PlannedMigration.Decision;
import dev.schemaguard.internal.ledger.Ledger;
import dev.schemaguard.internal.ledger.LedgerRow;
import dev.schemaguard.internal.ledger.LedgerTable;
import dev.schemaguard.internal.manifest.Manifest;
import dev.schemaguard.internal.manifest.ManifestEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Each migration's outcome as the report shows it: what the boot did or would do, its place in the
 * manifest, and its ledger row (when it was applied, what was recorded), then the ledger's rows the
 * changelog does not have.
 */
final class MigrationOutcomes {
    private final Manifest manifest;
    private final Ledger ledger;

    MigrationOutcomes(Manifest manifest, Ledger ledger) {
        this.manifest = manifest;
        this.ledger = ledger;
    }

    /** {@code failed} names the migration that failed, if any; {@code planOnly}: nothing was applied, only planned. */
    List<MigrationOutcome> of(Plan plan, List<String> applied, Failure failed, boolean planOnly) {
        return of(plan, applied, List.of(), failed, planOnly);
    }

    /** @param appliedElsewhere  migrations another boot applied while this one waited for the apply lock */
    List<MigrationOutcome> of(Plan plan, List<String> applied, List<String> appliedElsewhere, Failure failed, boolean planOnly) {
        String failedName = failed == null ? null : failed.details().get("migration");
        Set<String> appliedNow = new HashSet<>(applied);
        Set<String> elsewhere = new HashSet<>(appliedElsewhere);
        Set<String> planned = new HashSet<>();
        List<MigrationOutcome> out = new ArrayList<>();
        for (PlannedMigration m : plan.migrations()) {
            planned.add(m.name());
            Status status;
            String reason = m.reason();
            if (m.decision() == Decision.ALREADY_APPLIED) {
                status = Status.ALREADY_APPLIED;
            } else if (m.decision() == Decision.DRIFTED) {
                status = Status.DRIFTED;
            } else if (appliedNow.contains(m.name())) {
                status = Status.APPLIED;
            } else if (m.decision() == Decision.APPLY && planOnly) {
                status = Status.WOULD_APPLY;
            } else if (elsewhere.contains(m.name())) {
                status = Status.ALREADY_APPLIED;
                reason = "applied by another boot meanwhile";
            } else if (m.name().equals(failedName)) {
                status = Status.FAILED;
                reason = failed.details().get("reason");
            } else if (m.decision() == Decision.APPLY) {
                status = plan.failures().isEmpty() && failed == null ? Status.ALREADY_APPLIED : Status.HELD;
                reason = plan.failures().isEmpty() && failed == null ? "applied by another boot meanwhile"
                        : "not applied: the boot " + (failedName != null ? "stopped at " + failedName : "fails, so it changes nothing");
            } else {
                status = Status.HELD;
            }
            Optional<ManifestEntry> entry = manifest.find(m.name());
            Optional<LedgerRow> row = ledger.row(m.name());
            out.add(new MigrationOutcome(m.name(), status, m.required(), reason, m.refusalTexts(), 0, entry.isPresent(),
                    entry.map(e -> e.pin() != null).orElse(false), row.map(LedgerRow::executedAt).orElse(null),
                    m.migration().sha256()));
        }
        List<LedgerRow> unknown = new ArrayList<>(ledger.unmatched());
        for (LedgerRow row : ledger.rows().values()) {
            if (!planned.contains(row.id())) {
                unknown.add(row);
            }
        }
        for (LedgerRow row : unknown) {
            Optional<ManifestEntry> entry = manifest.find(row.id());
            String recorded = LedgerTable.recordedSha256(row);
            out.add(new MigrationOutcome(row.id(), Status.UNKNOWN, false, "in the ledger, not in the changelog (applied by "
                    + "another build, or removed since)", List.of(), 0, entry.isPresent(), entry.map(e -> e.pin() != null).orElse(false),
                    row.executedAt(), recorded != null ? recorded : row.md5sum()));
        }
        return out;
    }
}
