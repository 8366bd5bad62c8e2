package dev.schemaguard.internal.io;

import dev.schemaguard.GuardConfigException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.ProviderNotFoundException;
import java.util.Map;

/**
 * Turns a changelog or manifest location into a {@link Path}: a file path, {@code file:<path>}, or
 * {@code classpath:<resource>}. A resource inside a jar (the service's own jar, Spring Boot's nested
 * jars included) becomes a path in that jar's zip file system, so everything downstream reads it with
 * {@code Files} like a folder on disk. The zip file system stays open, like the jar on the class path.
 */
public final class Locations {
    public static final String CLASSPATH = "classpath:";
    private static final String FILE = "file:";

    private Locations() {
    }

    /**
     * @param location    {@code classpath:db/migrations}, {@code file:/app/migrations} or a plain path
     * @param relativeTo  folder a relative path resolves against; null for the working directory
     * @param loader      where {@code classpath:} resources are looked up
     */
    public static Path resolve(String location, Path relativeTo, ClassLoader loader) {
        String trimmed = location.trim();
        if (trimmed.startsWith(CLASSPATH)) {
            return classpath(trimmed.substring(CLASSPATH.length()), loader);
        }
        String path = trimmed.startsWith(FILE) ? trimmed.substring(FILE.length()) : trimmed;
        return relativeTo == null ? Path.of(path) : relativeTo.resolve(path).normalize();
    }

    /** The thread's context class loader (an application server's or Spring Boot's), else the guard's own. */
    public static ClassLoader defaultLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : Locations.class.getClassLoader();
    }

    private static Path classpath(String resource, ClassLoader loader) {
        String name = resource.replaceFirst("^/+", "");
        URL url = loader.getResource(name);
        if (url == null) {
            throw new GuardConfigException(CLASSPATH + resource + " is not on the class path. Put it under "
                    + "src/main/resources/" + name + " (it is then packed into the jar), or give a file path.");
        }
        try {
            URI uri = url.toURI();
            return "file".equals(uri.getScheme()) ? Path.of(uri) : inArchive(uri);
        } catch (URISyntaxException | IOException | RuntimeException e) {
            throw new GuardConfigException(CLASSPATH + resource + " (" + url + ") cannot be read as a file or from a jar: "
                    + e.getMessage() + ". Unpack it to a folder and give that path.", e);
        }
    }

    private static Path inArchive(URI uri) throws IOException {
        try {
            return Path.of(uri);
        } catch (FileSystemNotFoundException notOpenYet) {
            try {
                FileSystems.newFileSystem(uri, Map.of());
            } catch (FileSystemAlreadyExistsException openedMeanwhile) {
                // another thread opened it: the path below is in that one
            } catch (ProviderNotFoundException e) {
                throw new IOException("no file system reads " + uri.getScheme() + ": URLs", e);
            }
            return Path.of(uri);
        }
    }
}
