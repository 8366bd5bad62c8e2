package dev.schemaguard;

/**
 * A table that must exist and hold data: the empty new volume and the wiped data directory are
 * caught at boot, not by a user hours later.
 *
 * @param table    the table, optionally schema-qualified
 * @param minRows  the fewest rows it may hold
 */
public record Canary(String table, long minRows) {
}
