package dev.schemaguard.cli;

import dev.schemaguard.GuardConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A built artifact as verify reads it: a folder as it is, or a jar unpacked to a temporary folder,
 * so that CI checks the resources that will actually ship rather than the source tree.
 */
final class Artifacts {
    private Artifacts() {
    }

    /** Unpacks a jar to a temporary folder (the caller deletes it with {@link #delete}). */
    static Path unpack(Path artifact) throws IOException {
        Path folder = Files.createTempDirectory("schema-guard-artifact");
        try (ZipFile zip = new ZipFile(artifact.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path target = folder.resolve(entry.getName()).normalize();
                if (!target.startsWith(folder)) {
                    throw new GuardConfigException(artifact + ": entry " + entry.getName() + " points outside the archive.");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, target);
                    }
                }
            }
        } catch (java.util.zip.ZipException e) {
            delete(folder);
            throw new GuardConfigException(artifact + ": not a jar or zip (" + e.getMessage() + "). Pass a jar or a folder.");
        }
        return folder;
    }

    static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
