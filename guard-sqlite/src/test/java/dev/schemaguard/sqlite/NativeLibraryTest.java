package dev.schemaguard.sqlite;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.GuardConfigException;
import java.nio.file.Path;
import java.sql.SQLException;
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
        String path = System.getProperty("org.sqlite.lib.path");
        String name = System.getProperty("org.sqlite.lib.name");
        System.setProperty("org.sqlite.lib.path", dir.toString());
        System.setProperty("org.sqlite.lib.name", "libsqlitejdbc.so");
        try {
            GuardConfigException e = NativeLibrary.failure(new SQLException("x", new org.sqlite.NativeLibraryNotFoundException("y")))
                    .orElseThrow();
            assertTrue(e.getMessage().startsWith("the SQLite driver cannot load its native library: the library "
                    + dir.resolve("libsqlitejdbc.so") + " named by -Dorg.sqlite.lib.path and -Dorg.sqlite.lib.name does not exist"),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith("-Dorg.sqlite.lib.path=<folder> -Dorg.sqlite.lib.name=libsqlitejdbc.so "
                    + "(examples/docker/Dockerfile does)."), e.getMessage());
        } finally {
            restore("org.sqlite.lib.path", path);
            restore("org.sqlite.lib.name", name);
        }
    }

    @Test
    void aLibraryNamedThatIsThereButDidNotLoad_isNamedAsSuch() throws Exception {
        java.nio.file.Files.write(dir.resolve("libsqlitejdbc.so"), new byte[] {0x7f, 'E', 'L', 'F'});
        String path = System.getProperty("org.sqlite.lib.path");
        String name = System.getProperty("org.sqlite.lib.name");
        System.setProperty("org.sqlite.lib.path", dir.toString());
        System.setProperty("org.sqlite.lib.name", "libsqlitejdbc.so");
        try {
            String message = NativeLibrary.failure(new SQLException("x", new org.sqlite.NativeLibraryNotFoundException("y")))
                    .orElseThrow().getMessage();
            assertTrue(message.startsWith("the SQLite driver cannot load its native library: the library "
                    + dir.resolve("libsqlitejdbc.so") + " named by -Dorg.sqlite.lib.path and -Dorg.sqlite.lib.name did not load (is "
                    + "it the one for os.name="), message);
        } finally {
            restore("org.sqlite.lib.path", path);
            restore("org.sqlite.lib.name", name);
        }
    }

    @Test
    void aTemporaryFolderThatIsNotThere_isNamedWithTheFix() {
        String before = System.getProperty("org.sqlite.tmpdir");
        Path missing = dir.resolve("gone");
        System.setProperty("org.sqlite.tmpdir", missing.toString());
        try {
            String message = NativeLibrary.failure(new SQLException("x", new org.sqlite.NativeLibraryNotFoundException("y")))
                    .orElseThrow().getMessage();
            assertTrue(message.startsWith("the SQLite driver cannot load its native library: it copies its own out of the jar "
                    + "into the temporary folder " + missing + " (org.sqlite.tmpdir), and that folder does not exist. Give the JVM "
                    + "a writable temporary folder (-Dorg.sqlite.tmpdir=<folder>"), message);
        } finally {
            restore("org.sqlite.tmpdir", before);
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }
}
