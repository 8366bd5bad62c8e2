package dev.schemaguard.internal.boot;

import dev.schemaguard.internal.changelog.Migration;
import dev.schemaguard.internal.sql.Refusal;
import dev.schemaguard.internal.sql.SqlStatement;
import java.util.List;

/**
 * The decision for one migration.
 *
 * @param migration           the migration
 * @param decision            applied already (with its file unchanged, or drifted), apply now, or hold
 * @param required            whether the contract requires it
 * @param reason              why it is held ("not in manifest", ...) or how it drifted; empty otherwise
 * @param refusals            the classifier's findings; empty when additive
 * @param statements          what applying it executes (empty unless pending)
 * @param outsideTransaction  it must run outside a transaction (PostgreSQL CREATE INDEX CONCURRENTLY)
 */
record PlannedMigration(Migration migration, Decision decision, boolean required, String reason,
                        List<Refusal> refusals, List<SqlStatement> statements, boolean outsideTransaction) {

    enum Decision { ALREADY_APPLIED, DRIFTED, APPLY, HOLD }

    String name() {
        return migration.name();
    }

    /** Each refusal as users read it: {@code rule at file:line: detail}. */
    List<String> refusalTexts() {
        return refusals.stream().map(this::describe).toList();
    }

    String describe(Refusal refusal) {
        return refusal.rule().id() + " at " + migration.where(refusal.line())
                + (refusal.detail() == null || refusal.detail().isEmpty() ? "" : ": " + refusal.detail());
    }
}
