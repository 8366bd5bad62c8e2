package dev.schemaguard.internal.baseline;

import dev.schemaguard.internal.sql.QualifiedName;
import dev.schemaguard.internal.sql.SchemaCatalog;
import dev.schemaguard.internal.sql.SchemaCatalog.Relation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Compares what a migration creates with what the catalog shows. A table must be a table holding every
 * column the migration declares (later migrations may have added more); an added column must be on
 * its table; an index must be an index of that table on the same key columns (expressions are not
 * compared), unique if the migration makes it unique; a view must be a view; a schema must exist.
 *
 * @param found     what was found, as a user reads it: {@code table users(id, name)}
 * @param problems  each object missing or different, named: {@code column users.email is missing}
 */
public record CatalogCheck(List<String> found, List<String> problems) {

    static CatalogCheck of(List<Expected> expected, SchemaCatalog catalog) {
        List<String> found = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Expected e : expected) {
            Optional<String> problem = problem(e, catalog);
            if (problem.isPresent()) {
                problems.add(problem.get());
            } else {
                found.add(describe(e));
            }
        }
        if (expected.isEmpty()) {
            problems.add("it creates no table, column, index or view the catalog could show");
        }
        return new CatalogCheck(found, problems);
    }

    private static Optional<String> problem(Expected e, SchemaCatalog catalog) {
        if (e instanceof Expected.Table t) {
            Relation r = catalog.relation(key(t.name())).orElse(null);
            if (r == null || r.view()) {
                return Optional.of("table " + t.name() + (r == null ? " is missing" : " is a view"));
            }
            List<String> missing = t.columns().stream().filter(c -> !r.columns().contains(c)).toList();
            return missing.isEmpty() ? Optional.empty()
                    : Optional.of("table " + t.name() + " lacks column" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing));
        }
        if (e instanceof Expected.Column c) {
            Relation r = catalog.relation(key(c.table())).orElse(null);
            if (r == null || r.view()) {
                return Optional.of("table " + c.table() + " (for column " + c.column() + ") is missing");
            }
            return r.columns().contains(c.column()) ? Optional.empty()
                    : Optional.of("column " + c.table() + "." + c.column() + " is missing");
        }
        if (e instanceof Expected.Index i) {
            return indexProblem(i, catalog);
        }
        if (e instanceof Expected.View v) {
            Relation r = catalog.relation(key(v.name())).orElse(null);
            return r != null && r.view() ? Optional.empty()
                    : Optional.of("view " + v.name() + (r == null ? " is missing" : " is a table, not a view"));
        }
        if (e instanceof Expected.Schema s) {
            return catalog.schemas().contains(s.name().toLowerCase(Locale.ROOT)) ? Optional.empty()
                    : Optional.of("schema " + s.name() + " is missing");
        }
        Expected.Unverifiable u = (Expected.Unverifiable) e;
        return Optional.of("line " + u.line() + " cannot be checked in the catalog [" + u.statement() + "]");
    }

    private static Optional<String> indexProblem(Expected.Index i, SchemaCatalog catalog) {
        String table = key(i.table());
        if (i.name() == null) {
            boolean any = catalog.indexes().stream().anyMatch(x -> x.table().equals(table) && sameKeys(i.columns(), x.columns())
                    && (!i.unique() || x.unique()));
            return any ? Optional.empty() : Optional.of("no index on " + i.table() + " " + i.columns() + " is there");
        }
        SchemaCatalog.Index x = catalog.index(key(i.name())).orElse(null);
        if (x == null) {
            return Optional.of("index " + i.name() + " is missing");
        }
        if (!x.table().equals(table)) {
            return Optional.of("index " + i.name() + " is on " + x.table() + ", not " + i.table());
        }
        if (!sameKeys(i.columns(), x.columns())) {
            return Optional.of("index " + i.name() + " is on " + x.columns() + ", not " + i.columns());
        }
        return i.unique() && !x.unique() ? Optional.of("index " + i.name() + " is not unique") : Optional.empty();
    }

    /** Same key columns in the same order; an expression on either side matches anything in its place. */
    private static boolean sameKeys(List<String> expected, List<String> actual) {
        if (expected.size() != actual.size()) {
            return false;
        }
        for (int k = 0; k < expected.size(); k++) {
            if (expected.get(k) != null && actual.get(k) != null && !Objects.equals(expected.get(k), actual.get(k))) {
                return false;
            }
        }
        return true;
    }

    private static String describe(Expected e) {
        if (e instanceof Expected.Table t) {
            return "table " + t.name() + "(" + String.join(", ", t.columns()) + ")";
        } else if (e instanceof Expected.Column c) {
            return "column " + c.table() + "." + c.column();
        } else if (e instanceof Expected.Index i) {
            return "index " + (i.name() == null ? "on " + i.table() : i.name());
        } else if (e instanceof Expected.View v) {
            return "view " + v.name();
        }
        return "schema " + ((Expected.Schema) e).name();
    }

    /** The catalog's key: {@code name} in the default schema, {@code schema.name} otherwise. */
    private static String key(QualifiedName name) {
        return name.schema() == null ? name.name() : name.schema() + "." + name.name();
    }
}
