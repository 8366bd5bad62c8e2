package dev.schemaguard;

/**
 * Stable result codes. Watchdogs and scripts match these names: never rename one, only add.
 * Each code's meaning and fix is documented in {@code docs/watchdog.md} (section Codes).
 */
public enum Code {
    OK(Verdict.PASS),
    REQUIRED_MIGRATIONS_MISSING(Verdict.FAIL),
    MIGRATION_NOT_ADDITIVE(Verdict.FAIL),
    MANIFEST_HASH_MISMATCH(Verdict.FAIL),
    MANIFEST_UNKNOWN_MIGRATION(Verdict.FAIL),
    CHECKSUM_DRIFT(Verdict.FAIL),
    DATABASE_MISSING(Verdict.FAIL),
    MIGRATION_FAILED(Verdict.FAIL),
    CONFIG_INVALID(Verdict.FAIL),
    DEADLINE_EXCEEDED(Verdict.HANG),
    DATABASE_CORRUPT(Verdict.FAIL),
    INTEGRITY_FAILED(Verdict.FAIL),
    LOCK_TIMEOUT(Verdict.FAIL),
    DATABASE_UNREACHABLE(Verdict.FAIL),
    DATABASE_READ_ONLY(Verdict.FAIL),
    SCHEMA_MISSING(Verdict.FAIL),
    CANARY_FAILED(Verdict.FAIL),
    DATA_SHRINK(Verdict.FAIL),
    INTERNAL_ERROR(Verdict.FAIL),
    /** The server refused the credentials (PostgreSQL 28P01/28000, MariaDB 1045): never retried, names the user. */
    AUTHENTICATION_FAILED(Verdict.FAIL),
    MIGRATION_INCOMPLETE(Verdict.FAIL),
    /** baseline: a migration's objects are missing from the database or differ, so nothing was recorded. */
    BASELINE_MISMATCH(Verdict.FAIL),
    /** The disk holding the database (or its journal) is full; what was applied before stays, the rest rolled back. */
    DISK_FULL(Verdict.FAIL),
    /** Another process holds the database's lock (SQLite) until the budget runs out; names the holder when known. */
    LOCKED(Verdict.FAIL),
    /** The boot was stopped from outside (SIGTERM, SIGINT, an interrupted thread) before its verdict. */
    TERMINATED(Verdict.HANG);

    private final Verdict verdict;

    Code(Verdict verdict) {
        this.verdict = verdict;
    }

    /** The verdict a boot that ends with this code reaches. */
    public Verdict verdict() {
        return verdict;
    }
}
