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
     * A share as {@code shrink_guard.max_drop} is written in {@code schema-guard.yaml}: {@code 50%} or
     * {@code 0.5}. For entry points that read settings of their own, such as the Spring Boot starter.
     *
     * @throws IllegalArgumentException unless it is a share between 0% and 100%
     */
    public static double parseShare(String text) {
        String t = text == null ? "" : text.trim();
        try {
            double value = t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1)) / 100 : Double.parseDouble(t);
            if (value >= 0 && value <= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // the message below says what is expected
        }
        throw new IllegalArgumentException("'" + text + "' is not a share between 0% and 100%");
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
