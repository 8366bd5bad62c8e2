package dev.schemaguard;

/**
 * What a boot does with a fresh database: a SQLite file that does not exist, or a database with
 * neither a ledger nor any table of its own (a wiped volume or a re-initialized data directory).
 */
public enum FreshDatabase {
    /** Create it and apply the allowlisted migrations: the deliberate first boot. */
    BOOTSTRAP,
    /** Refuse with DATABASE_MISSING and create nothing: the default, because a fresh database in production is an accident. */
    FAIL
}
