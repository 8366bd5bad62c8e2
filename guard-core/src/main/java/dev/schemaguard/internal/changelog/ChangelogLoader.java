package dev.schemaguard.internal.changelog;

import dev.schemaguard.internal.io.Sha256;
import dev.schemaguard.GuardConfigException;
import dev.schemaguard.internal.liquibase.LiquibaseChangelogs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads a changelog: a folder of {@code .sql} files in file-name order, or a Liquibase changelog file. */
public final class ChangelogLoader {
    private ChangelogLoader() {
    }

    public static Changelog load(Path source) {
        List<Migration> migrations = Files.isDirectory(source) ? sqlFolder(source) : LiquibaseChangelogs.parse(source);
        Map<String, Migration> byName = new HashMap<>();
        for (Migration m : migrations) {
            Migration earlier = byName.put(m.name(), m);
            if (earlier != null) {
                throw new GuardConfigException(source + ": two migrations are named '" + m.name() + "' (" + earlier.file()
                        + " and " + m.file() + "). Names must be unique: rename one of them.");
            }
        }
        return new Changelog(source, migrations);
    }

    private static List<Migration> sqlFolder(Path folder) {
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".sql") && Files.isRegularFile(p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new GuardConfigException(folder + ": cannot list the changelog folder: " + e.getMessage());
        }
        List<Migration> migrations = new ArrayList<>(files.size());
        for (Path file : files) {
            byte[] bytes = read(file);
            migrations.add(new SqlFileMigration(file.getFileName().toString(), file,
                    new String(bytes, StandardCharsets.UTF_8), Sha256.hex(bytes)));
        }
        return migrations;
    }

    public static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new GuardConfigException(file + ": cannot read: " + e.getMessage());
        }
    }
}
