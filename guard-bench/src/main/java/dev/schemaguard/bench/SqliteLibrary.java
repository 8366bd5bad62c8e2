package dev.schemaguard.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.sqlite.util.OSInfo;

/**
 * The SQLite driver's native library for this platform, taken out of the CLI jar as
 * examples/docker's Dockerfile takes it out: the jar's {@code org/sqlite/native/<OSInfo folder>/} entry.
 */
final class SqliteLibrary {
    private SqliteLibrary() {
    }

    /** The library's file in {@code folder}, written there from the jar unless it is there already. */
    static Path takeOut(Path jar, Path folder) throws IOException {
        String name = System.mapLibraryName("sqlitejdbc");
        Path library = folder.resolve(name);
        if (Files.isRegularFile(library)) {
            return library;
        }
        String entryName = "org/sqlite/native/" + OSInfo.getNativeLibFolderPathForCurrentOS() + "/" + name;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry(entryName);
            if (entry == null) {
                throw new IllegalStateException(jar + " holds no " + entryName);
            }
            Files.createDirectories(folder);
            Path partial = folder.resolve(name + ".part");
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(partial, library, StandardCopyOption.ATOMIC_MOVE);
        }
        return library;
    }
}
