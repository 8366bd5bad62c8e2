package dev.schemaguard.internal.changelog;

import dev.schemaguard.internal.io.Sha256;
import dev.schemaguard.internal.io.Utf8Text;
import dev.schemaguard.GuardConfigException;
import dev.schemaguard.internal.liquibase.LiquibaseChangelogs;
import dev.schemaguard.internal.text.ControlChars;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
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
            if (ControlChars.indexOfControl(m.name()) >= 0) {
                throw new GuardConfigException(ControlChars.escape(m.file().toString()) + ": the migration's name '"
                        + ControlChars.escape(m.name()) + "' contains a control character. Rename it: a name is printed "
                        + "in every log line, and a control character there breaks the log (grep reads it as binary).");
            }
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
            files = listing.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().toList();
        } catch (IOException e) {
            throw new GuardConfigException(folder + ": cannot list the changelog folder: " + Utf8Text.describe(e));
        }
        Path realFolder = realPath(folder);
        List<Migration> migrations = new ArrayList<>(files.size());
        for (Path file : files) {
            if (!isRegularFileInside(file, realFolder)) {
                continue; // a folder or a device named *.sql is not a migration
            }
            byte[] bytes = read(file);
            migrations.add(new SqlFileMigration(file.getFileName().toString(), file,
                    new String(bytes, StandardCharsets.UTF_8), Sha256.hex(bytes)));
        }
        return migrations;
    }

    /**
     * Whether a listed file is a regular file, read without following a link (one lstat, the cost of
     * the plain check): only a link is resolved, and one that leads out of the changelog folder is
     * refused before it is read: the image's reviewed migrations are the folder's files, not whatever
     * a link points at.
     */
    private static boolean isRegularFileInside(Path file, Path realFolder) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new GuardConfigException(file + ": cannot read the migration: " + Utf8Text.describe(e) + ".");
        }
        if (!attributes.isSymbolicLink()) {
            return attributes.isRegularFile();
        }
        requireInside(file, realFolder);
        return Files.isRegularFile(file);
    }

    private static void requireInside(Path file, Path realFolder) {
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            throw new GuardConfigException(file + ": the migration is a link to nothing (" + Utf8Text.describe(e)
                    + "). Ship the file itself in the changelog folder.");
        }
        if (!real.startsWith(realFolder)) {
            throw new GuardConfigException(file + ": the migration is a link to " + real + ", outside the changelog folder "
                    + realFolder + ". Ship the file itself in the changelog folder.");
        }
    }

    private static Path realPath(Path folder) {
        try {
            return folder.toRealPath();
        } catch (IOException e) {
            throw new GuardConfigException(folder + ": cannot read the changelog folder: " + Utf8Text.describe(e));
        }
    }

    public static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new GuardConfigException(file + ": cannot read the migration: permission denied. Make the file readable "
                    + "by the user the guard runs as (the image's build step may have dropped the permission).");
        } catch (IOException e) {
            throw new GuardConfigException(file + ": cannot read the migration: " + Utf8Text.describe(e) + ".");
        }
    }
}
