package dev.schemaguard.internal.changelog;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The migrations a build ships, in the order they apply.
 *
 * @param source      the folder or changelog file they were read from
 * @param migrations  in changelog order, names unique
 */
public record Changelog(Path source, List<Migration> migrations) {

    public Changelog {
        migrations = NamedList.of(migrations, Migration::name);
    }

    public Optional<Migration> find(String name) {
        return ((NamedList<Migration>) migrations).first(name);
    }
}
