package dev.schemaguard.sqlite;

import dev.schemaguard.GuardConfigException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * sqlite-jdbc's native library, when it cannot be loaded, said plainly. The driver copies the library
 * out of its jar into a temporary folder at its first connection, and loads it from there: with no
 * writable temporary folder (a read-only root file system, a {@code java.io.tmpdir} that does not
 * exist) it fails, logs three stack traces, and then reports "No native library found" once and an
 * {@code UnsatisfiedLinkError} on a native method after that. None of those names the folder or the fix.
 */
final class NativeLibrary {
    /** The file name sqlite-jdbc's jar holds the library under on this platform. */
    private static final String FILE = System.mapLibraryName("sqlitejdbc");
    private static final String PLATFORM = "os.name=" + System.getProperty("os.name") + ", os.arch=" + System.getProperty("os.arch");

    private NativeLibrary() {
    }

    /** A configuration error that says why the library could not be loaded and how to fix it, when {@code failure} is that. */
    static Optional<GuardConfigException> failure(Throwable failure) {
        if (!isNativeLibraryFailure(failure)) {
            return Optional.empty();
        }
        return Optional.of(new GuardConfigException(explain(failure), failure));
    }

    private static boolean isNativeLibraryFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            // By name: the class is not in every sqlite-jdbc a service may bring.
            if (t.getClass().getName().equals("org.sqlite.NativeLibraryNotFoundException")) {
                return true;
            }
            if (t instanceof UnsatisfiedLinkError && t.getStackTrace().length > 0
                    && t.getStackTrace()[0].getClassName().startsWith("org.sqlite.")) {
                return true;
            }
        }
        return false;
    }

    private static String explain(Throwable failure) {
        List<String> causes = new ArrayList<>();
        String prepared = System.getProperty("org.sqlite.lib.path");
        if (prepared != null) {
            String name = System.getProperty("org.sqlite.lib.name", FILE);
            String library = path(prepared).map(folder -> folder.resolve(name).toString()).orElse(prepared + "/" + name);
            causes.add(path(library).filter(Files::isRegularFile).isPresent()
                    ? "the library " + library + " named by -Dorg.sqlite.lib.path and -Dorg.sqlite.lib.name did not load (is it "
                            + "the one for " + PLATFORM + ", from the same jar?)"
                    : "the library " + library + " named by -Dorg.sqlite.lib.path and -Dorg.sqlite.lib.name does not exist");
        }
        String property = System.getProperty("org.sqlite.tmpdir") != null ? "org.sqlite.tmpdir" : "java.io.tmpdir";
        String temporary = System.getProperty(property);
        Optional<Path> folder = temporary == null ? Optional.empty() : path(temporary);
        String fault = folder.isEmpty() || !Files.isDirectory(folder.get()) ? "does not exist"
                : !Files.isWritable(folder.get()) ? "is not writable" : null;
        if (fault != null) {
            causes.add("it copies its own out of the jar into the temporary folder " + temporary + " (" + property
                    + "), and that folder " + fault);
        }
        String fix = " Give the JVM a writable temporary folder (-D" + property + "=<folder>; on a read-only root file system, "
                + "a writable volume mounted there), or take the library for this platform out of the jar beforehand and name "
                + "it with -Dorg.sqlite.lib.path=<folder> -Dorg.sqlite.lib.name=" + FILE + " (examples/docker/Dockerfile does).";
        if (causes.isEmpty()) {
            return "the SQLite driver cannot load its native library for " + PLATFORM + " (" + SqliteFaults.firstLine(rootCause(failure))
                    + "); a temporary folder mounted noexec (" + temporary + ", " + property + ") cannot load it either." + fix;
        }
        return "the SQLite driver cannot load its native library: " + String.join("; and ", causes) + "." + fix;
    }

    private static Optional<Path> path(String text) {
        try {
            return Optional.of(Path.of(text));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** sqlite-jdbc wraps the loader's error ("No native library found ...") in "Error opening connection". */
    private static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root;
    }
}
