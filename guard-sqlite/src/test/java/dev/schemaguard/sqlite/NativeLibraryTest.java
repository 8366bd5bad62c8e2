package dev.schemaguard.sqlite;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which driver failures are its native library's, and what the message then says. The driver loads
 * its library once per JVM, so a real failure is a separate process: guard-cli's CdsArchiveIT.
 */
class NativeLibraryTest {
    @TempDir
    Path dir;

    @Test
    void theDriversOwnFailures_areTheLibrarys_andNothingElseIs() {
        UnsatisfiedLinkError nativeMethod = new UnsatisfiedLinkError("'void org.sqlite.core.NativeDB._open_utf8(byte[], int)'");
        nativeMethod.setStackTrace(new StackTraceElement[] {new StackTraceElement("org.sqlite.core.NativeDB", "_open_utf8", null, -2)});
        assertTrue(NativeLibrary.failure(nativeMethod).isPresent());
        assertTrue(NativeLibrary.failure(new SQLException("Error opening connection", new org.sqlite.NativeLibraryNotFoundException(
                "No native library found for os.name=Linux, os.arch=x86_64, paths=[...]"))).isPresent());

        UnsatisfiedLinkError someoneElses = new UnsatisfiedLinkError("no zstd in java.library.path");
        someoneElses.setStackTrace(new StackTraceElement[] {new StackTraceElement("com.example.Zstd", "load", null, 10)});
        assertTrue(NativeLibrary.failure(someoneElses).isEmpty());
        assertTrue(NativeLibrary.failure(new SQLException("[SQLITE_CANTOPEN] Unable to open the database file")).isEmpty());
    }

    @Test
    void aLibraryNamedThatIsNotThere_isNamed() {
        String message = withProperties(Map.of("org.sqlite.lib.path", dir.toString(), "org.sqlite.lib.name", "libsqlitejdbc.so"));
        assertTrue(message.startsWith("the SQLite driver cannot load its native library: the library "
                + dir.resolve("libsqlitejdbc.so") + " named by -Dorg.sqlite.lib.path and -Dorg.sqlite.lib.name does not exist"),
                message);
        assertTrue(message.endsWith("-Dorg.sqlite.lib.path=<folder> -Dorg.sqlite.lib.name=libsqlitejdbc.so "
                + "(examples/docker/Dockerfile does)."), message);
    }

    @Test
    void aLibraryNamedThatIsThereButDidNotLoad_isNamedAsSuch() throws Exception {
        Files.write(dir.resolve("libsqlitejdbc.so"), new byte[] {0x7f, 'E', 'L', 'F'});
        String message = withProperties(Map.of("org.sqlite.lib.path", dir.toString(), "org.sqlite.lib.name", "libsqlitejdbc.so"));
        assertTrue(message.startsWith("the SQLite driver cannot load its native library: the library "
                + dir.resolve("libsqlitejdbc.so") + " named by -Dorg.sqlite.lib.path and -Dorg.sqlite.lib.name did not load (is "
                + "it the one for os.name="), message);
    }

    @Test
    void aTemporaryFolderThatIsNotThere_isNamedWithTheFix() {
        Path missing = dir.resolve("gone");
        String message = withProperties(Map.of("org.sqlite.tmpdir", missing.toString()));
        assertTrue(message.startsWith("the SQLite driver cannot load its native library: it copies its own out of the jar "
                + "into the temporary folder " + missing + " (org.sqlite.tmpdir), and that folder does not exist. Give the JVM "
                + "a writable temporary folder (-Dorg.sqlite.tmpdir=<folder>"), message);
    }

    /** The message for the driver's "No native library found" with these system properties set, restored afterwards. */
    private static String withProperties(Map<String, String> properties) {
        Map<String, String> before = new HashMap<>();
        properties.keySet().forEach(name -> before.put(name, System.getProperty(name)));
        properties.forEach(System::setProperty);
        try {
            return NativeLibrary.failure(new SQLException("Error opening connection",
                    new org.sqlite.NativeLibraryNotFoundException("No native library found"))).orElseThrow().getMessage();
        } finally {
            before.forEach((name, value) -> {
                if (value == null) {
                    System.clearProperty(name);
                } else {
                    System.setProperty(name, value);
                }
            });
        }
    }
}
