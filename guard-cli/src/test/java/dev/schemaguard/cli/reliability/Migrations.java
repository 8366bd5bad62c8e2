package dev.schemaguard.cli.reliability;

import dev.schemaguard.testing.Project;
import java.util.ArrayList;
import java.util.List;

/** The changelogs the suites boot. */
final class Migrations {
    private Migrations() {
    }

    /** {@code count} additive migrations (a table and an index each), all allowlisted and required; returns their names. */
    static List<String> tablesWithIndexes(Project project, int count) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String name = String.format("%03d_t%d.sql", i, i);
            project.migration(name, "CREATE TABLE t" + i + " (id INTEGER, v TEXT);\nCREATE INDEX t" + i + "_id ON t" + i + " (id);")
                    .allow(name);
            names.add(name);
        }
        project.require(names.toArray(String[]::new));
        return names;
    }
}
