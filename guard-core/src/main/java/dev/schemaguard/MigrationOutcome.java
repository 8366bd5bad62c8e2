package dev.schemaguard;

import java.util.List;

/**
 * What happened to one migration of the changelog during a boot or a plan.
 *
 * @param name      the migration's name: its file name, or its changeset id
 * @param status    what happened
 * @param required  whether the contract requires it
 * @param reason    why it was held or failed; empty when applied or already applied
 * @param refusals  the classifier's findings when it is not additive, each "rule at file:line"
 * @param elapsedMs time spent applying it (0 when not applied)
 */
public record MigrationOutcome(String name, Status status, boolean required, String reason,
                               List<String> refusals, long elapsedMs) {

    public MigrationOutcome {
        refusals = List.copyOf(refusals);
    }

    public enum Status {
        /** In the ledger before this boot. */
        ALREADY_APPLIED,
        /** Applied by this boot, ledger row included. */
        APPLIED,
        /** A plan: this boot would apply it. */
        WOULD_APPLY,
        /** Pending and left pending; {@link #reason()} says why. */
        HELD,
        /** Applying it failed; it was rolled back whole. */
        FAILED,
        /** baseline: its objects are in the database as it creates them, so it was recorded as applied (not run). */
        RECORDED,
        /** baseline --dry-run: its objects are there; baseline would record it. */
        WOULD_RECORD,
        /** baseline: an object it creates is missing or differs ({@link MigrationOutcome#reason()} names it); not recorded. */
        UNVERIFIED
    }
}
