package dev.schemaguard.internal.boot;

import dev.schemaguard.Code;
import dev.schemaguard.GuardConfig;
import dev.schemaguard.VerifyReport.Finding;
import dev.schemaguard.internal.boot.PlannedMigration.Held;
import dev.schemaguard.internal.changelog.Changelog;
import dev.schemaguard.internal.ledger.Ledger;
import dev.schemaguard.internal.manifest.Manifest;
import dev.schemaguard.internal.sql.Refusal;
import dev.schemaguard.internal.sql.SqlSupport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * The plan a boot makes on a fresh, empty database (a new volume under this packaging): the one
 * source of verify's findings about the contract and the manifest, so that verify and boot cannot
 * disagree about what a boot would do.
 */
public final class FreshPlan {
    /** Why a required migration would still be missing after a boot on a fresh volume. */
    public enum Missing {
        /** The changelog does not have it. */
        NOT_IN_CHANGELOG,
        /** The boot manifest does not allow it. */
        NOT_IN_MANIFEST,
        /** An earlier pending migration is held, and gaps are not allowed. */
        BLOCKED_BY_GAP,
        /** Held for another reason (a pin mismatch, not additive, a failed run), which verify reports on its own. */
        OTHERWISE_HELD
    }

    private final Plan plan;
    private final Manifest manifest;

    private FreshPlan(Plan plan, Manifest manifest) {
        this.plan = plan;
        this.manifest = manifest;
    }

    /** What a boot of this packaging decides on a database with no ledger and no objects. */
    public static FreshPlan of(Changelog changelog, Manifest manifest, GuardConfig config, SqlSupport sql, String liquibaseName) {
        Planner planner = new Planner(new MigrationStatements(sql, liquibaseName), sql, config.allowGaps());
        return new FreshPlan(planner.plan(changelog, Ledger.absent(), manifest, config.required(), Set.of()), manifest);
    }

    /** Why the planner leaves a required migration unapplied; empty when the boot applies it. */
    public Optional<Missing> missing(String required) {
        Optional<PlannedMigration> planned = find(required);
        if (planned.isEmpty()) {
            return Optional.of(Missing.NOT_IN_CHANGELOG);
        }
        if (planned.get().decision() != PlannedMigration.Decision.HOLD) {
            return Optional.empty();
        }
        Held held = planned.get().held();
        return Optional.of(held == null ? Missing.OTHERWISE_HELD : switch (held) {
            case NOT_IN_MANIFEST -> Missing.NOT_IN_MANIFEST;
            case WAITS_FOR_HELD -> Missing.BLOCKED_BY_GAP;
            case PIN_MISMATCH, NOT_ADDITIVE, FAILED_BEFORE -> Missing.OTHERWISE_HELD;
        });
    }

    /** Whether the planner refuses this manifest entry as naming no migration of the changelog. */
    public boolean unknownInManifest(String name) {
        return plan.failures().stream().anyMatch(f -> f.code() == Code.MANIFEST_UNKNOWN_MIGRATION
                && name.equals(f.details().get("migration")));
    }

    /** Whether the planner holds this migration because its manifest pin does not match the file. */
    public boolean pinMismatch(String name) {
        return find(name).map(m -> m.held() == Held.PIN_MISMATCH).orElse(false);
    }

    /**
     * Findings about what the planner decided per migration: every refusal of every allowlisted
     * migration, and every required migration that a held one keeps from being applied (no gaps).
     *
     * @param requiredLine  the line of {@code configFile} that requires a migration
     */
    public List<Finding> migrationFindings(Path configFile, ToIntFunction<String> requiredLine) {
        List<Finding> findings = new ArrayList<>();
        for (PlannedMigration m : plan.migrations()) {
            if (manifest.find(m.name()).isPresent()) {
                for (Refusal refusal : m.refusals()) {
                    findings.add(Finding.error("not-additive", m.migration().file(), refusal.line(),
                            m.name() + " is in the manifest but " + refusal.rule().id() + ": " + refusal.detail()
                                    + (refusal.statement().isEmpty() ? "" : " [" + refusal.statement() + "]")));
                }
            }
            if (m.required() && m.held() == Held.WAITS_FOR_HELD) {
                findings.add(Finding.error("required-blocked-by-gap", configFile, requiredLine.applyAsInt(m.name()), m.name()
                        + " is required, but on a fresh volume it " + m.reason() + ". Allow the held migration at boot "
                        + "(if additive), move it after the required ones, or set allow_gaps: true."));
            }
        }
        return findings;
    }

    private Optional<PlannedMigration> find(String name) {
        return plan.migrations().stream().filter(m -> m.name().equals(name)).findFirst();
    }
}
