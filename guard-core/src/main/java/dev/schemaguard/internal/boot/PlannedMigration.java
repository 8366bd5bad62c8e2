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
 * @param executed            the statements that run: {@code statements} less a BEGIN ... COMMIT wrapping
 *                            them all (the guard's own transaction takes its place)
 * @param rerunnable          every statement can safely run twice (see {@code Classification#rerunnable})
 * @param held                why a held migration is held, as a type (what {@code reason} says in words); null otherwise
 */
record PlannedMigration(Migration migration, Decision decision, boolean required, String reason,
                        List<Refusal> refusals, List<SqlStatement> statements, boolean outsideTransaction,
                        List<SqlStatement> executed, boolean rerunnable, Held held) {

    PlannedMigration(Migration migration, Decision decision, boolean required, String reason,
                     List<Refusal> refusals, List<SqlStatement> statements, boolean outsideTransaction) {
        this(migration, decision, required, reason, refusals, statements, outsideTransaction, statements, false, null);
    }

    /** A migration to apply (or already applied): nothing holds it. */
    PlannedMigration(Migration migration, Decision decision, boolean required, String reason,
                     List<Refusal> refusals, List<SqlStatement> statements, boolean outsideTransaction,
                     List<SqlStatement> executed, boolean rerunnable) {
        this(migration, decision, required, reason, refusals, statements, outsideTransaction, executed, rerunnable, null);
    }

    /** A held migration and why, as a type. */
    static PlannedMigration held(Migration migration, boolean required, String reason, List<Refusal> refusals,
                                 List<SqlStatement> statements, Held held) {
        return new PlannedMigration(migration, Decision.HOLD, required, reason, refusals, statements, false,
                statements, false, held);
    }

    enum Decision { ALREADY_APPLIED, DRIFTED, APPLY, HOLD }

    /** Why the planner holds a pending migration. */
    enum Held {
        /** The boot manifest does not allow it. */
        NOT_IN_MANIFEST,
        /** The manifest pins another SHA-256 than the file's. */
        PIN_MISMATCH,
        /** The manifest allows it, and it is not additive. */
        NOT_ADDITIVE,
        /** An earlier pending migration is held, and gaps are not allowed. */
        WAITS_FOR_HELD,
        /** The ledger records that a run of it failed midway: running it again could double its effects. */
        FAILED_BEFORE
    }


    String name() {
        return migration.name();
    }

    /** Each refusal as users read it: {@code rule at file:line: detail}. */
    List<String> refusalTexts() {
        // an additive migration's (every one, on a no-op boot): List.of(), which the outcome keeps as it is
        return refusals.isEmpty() ? List.of() : refusals.stream().map(this::describe).toList();
    }

    String describe(Refusal refusal) {
        return refusal.rule().id() + " at " + migration.where(refusal.line())
                + (refusal.detail() == null || refusal.detail().isEmpty() ? "" : ": " + refusal.detail());
    }
}
