package dev.schemaguard;

import java.time.LocalDateTime;
import java.util.List;

/**
 * What happened to one migration of the changelog during a boot or a plan, or one ledger row the
 * changelog does not have.
 *
 * @param name        the migration's name: its file name, or its changeset id
 * @param status      what happened
 * @param required    whether the contract requires it
 * @param reason      why it was held, failed or drifted; empty otherwise
 * @param refusals    the classifier's findings when it is not additive, each "rule at file:line"
 * @param elapsedMs   time spent applying it (0 when not applied)
 * @param inManifest  whether the boot manifest allows it
 * @param pinned      whether its manifest entry pins a SHA-256
 * @param appliedAt   when the ledger recorded it, as the database wrote it (SQLite: UTC; PostgreSQL: the
 *                    session's time zone); null when it was not in the ledger before this boot
 * @param checksum    the SHA-256 of the migration's file (what a pin is compared with); for a ledger row
 *                    the changelog does not have, the checksum the row recorded (null if none)
 */
public record MigrationOutcome(String name, Status status, boolean required, String reason,
                               List<String> refusals, long elapsedMs, boolean inManifest, boolean pinned,
                               LocalDateTime appliedAt, String checksum) {

    public MigrationOutcome {
        refusals = List.copyOf(refusals);
    }

    /** An outcome without manifest or ledger details (not in the manifest, unpinned, no date, no checksum). */
    public MigrationOutcome(String name, Status status, boolean required, String reason, List<String> refusals, long elapsedMs) {
        this(name, status, required, reason, refusals, elapsedMs, false, false, null, null);
    }

    public enum Status {
        /** In the ledger before this boot, its file unchanged. */
        ALREADY_APPLIED,
        /** Applied by this boot, ledger row included. */
        APPLIED,
        /** A plan: this boot would apply it. */
        WOULD_APPLY,
        /** Pending and left pending; {@link #reason()} says why. */
        HELD,
        /** Applying it failed; it was rolled back whole. */
        FAILED,
        /** In the ledger, but its file changed since it was applied (the boot fails with CHECKSUM_DRIFT). */
        DRIFTED,
        /** In the ledger, but not in this build's changelog (applied by a newer build, or removed since); listed last. */
        UNKNOWN,
        /** baseline: its objects are in the database as it creates them, so it was recorded as applied (not run). */
        RECORDED,
        /** baseline --dry-run: its objects are there; baseline would record it. */
        WOULD_RECORD,
        /** baseline: an object it creates is missing or differs ({@link MigrationOutcome#reason()} names it); not recorded. */
        UNVERIFIED
    }
}
