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
}
