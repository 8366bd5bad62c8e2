package dev.schemaguard.internal.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a database holds, as a dialect's catalog describes it: its tables with their columns, its views,
 * its indexes with their key columns, its schemas. Names are lower-case and keyed as
 * {@link dev.schemaguard.spi.Dialect#existingObjects} keys them: {@code name} in the default or current
 * schema, {@code schema.name} otherwise. Column types are not part of it: each server spells a declared
 * type its own way ({@code int} is {@code integer}), and a baseline checks that objects are there, in
 * their shape, not how their types were written.
 *
 * @param relations  tables and views by name
 * @param indexes    every index
 * @param schemas    schemas besides the default one
 */
public record SchemaCatalog(Map<String, Relation> relations, List<Index> indexes, Set<String> schemas) {

    public SchemaCatalog {
        relations = Map.copyOf(relations);
        indexes = List.copyOf(indexes);
        schemas = Set.copyOf(schemas);
    }

    /** A table or a view (a materialized view counts as a view) and its columns in order. */
    public record Relation(String name, boolean view, List<String> columns) {
        public Relation {
            columns = List.copyOf(columns);
        }
    }

    /**
     * An index on a table.
     *
     * @param columns  its key columns in order; null for a key that is an expression
     */
    public record Index(String name, String table, List<String> columns, boolean unique) {
        public Index {
            columns = java.util.Collections.unmodifiableList(new ArrayList<>(columns));
        }
    }

    public Optional<Relation> relation(String name) {
        return Optional.ofNullable(relations.get(name));
    }

    public Optional<Index> index(String name) {
        return indexes.stream().filter(i -> i.name().equals(name)).findFirst();
    }
}
