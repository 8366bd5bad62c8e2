package dev.schemaguard.internal.boot;

import dev.schemaguard.Finding;
import dev.schemaguard.GuardConfig;
import dev.schemaguard.internal.boot.PlannedMigration.Decision;
import dev.schemaguard.internal.changelog.Changelog;
import dev.schemaguard.internal.ledger.Ledger;
import dev.schemaguard.internal.manifest.Manifest;
import dev.schemaguard.internal.sql.Refusal;
import dev.schemaguard.internal.sql.SqlSupport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * The plan a boot makes on a fresh, empty database (a new volume under this packaging), turned into
 * verify's findings: every refusal of every allowlisted migration, and every required migration
 * that a held one keeps from being applied (the no-gaps rule).
 */
public final class FreshPlan {
    private FreshPlan() {
    }

    public static List<Finding> findings(Changelog changelog, Manifest manifest, GuardConfig config, SqlSupport sql,
                                         String liquibaseName, Path configFile, ToIntFunction<String> requiredLine) {
        Planner planner = new Planner(new MigrationStatements(sql, liquibaseName), sql, config.allowGaps());
        Plan plan = planner.plan(changelog, Ledger.absent(), manifest, config.required(), Set.of());
        List<Finding> findings = new ArrayList<>();
        for (PlannedMigration m : plan.migrations()) {
            boolean allowed = manifest.find(m.name()).isPresent();
            if (allowed) {
                for (Refusal refusal : m.refusals()) {
                    findings.add(Finding.error("not-additive", m.migration().file(), refusal.line(),
                            m.name() + " is in the manifest but " + refusal.rule().id() + ": " + refusal.detail()
                                    + (refusal.statement().isEmpty() ? "" : " [" + refusal.statement() + "]")));
                }
            }
            if (m.required() && m.decision() == Decision.HOLD && m.reason().startsWith("waits for held")) {
                findings.add(Finding.error("required-blocked-by-gap", configFile, requiredLine.applyAsInt(m.name()), m.name()
                        + " is required, but on a fresh volume it " + m.reason() + ". Allow the held migration at boot "
                        + "(if additive), move it after the required ones, or set allow_gaps: true."));
            }
        }
        return findings;
    }
}
