package dev.schemaguard;

import java.util.List;

/**
 * What the contract expects of the data itself, beyond migrations.
 *
 * @param schemas          schemas that must exist (PostgreSQL)
 * @param canaries         tables that must exist with at least a number of rows
 * @param shrinkMaxDrop    with shrink_guard: the largest fraction (0..1) a canary may lose since the last PASS; null when off
 */
public record DataExpectations(List<String> schemas, List<Canary> canaries, Double shrinkMaxDrop) {
    public static final DataExpectations NONE = new DataExpectations(List.of(), List.of(), null);

    public DataExpectations {
        schemas = List.copyOf(schemas);
        canaries = List.copyOf(canaries);
    }

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
}
