package dev.schemaguard;

/**
 * A table that must exist and hold data: the empty new volume and the wiped data directory are
 * caught at boot, not by a user hours later.
 *
 * @param table    the table, optionally schema-qualified
 * @param minRows  the fewest rows it may hold
 */
public record Canary(String table, long minRows) {

    /** Refuses, at once, a name that is not a plain (optionally schema-qualified) table name: it would end up in SQL. */
    public Canary {
        dev.schemaguard.internal.data.TableName.parse(table);
        if (minRows < 0) {
            throw new GuardConfigException("canaries: table " + table + ": min_rows must be 0 or more, not " + minRows + ".");
        }
    }
}
