package dev.schemaguard.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading the driver ahead of a boot's connection touches no database: a missing file stays missing. */
class SqlitePrepareTest {
    @TempDir
    Path dir;

    @Test
    void preparing_createsNoFile() throws Exception {
        Path file = dir.resolve("app.db");
        new SqliteDatabase("jdbc:sqlite:" + file).prepare();
        assertFalse(Files.exists(file));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.count(), "nothing was written next to it either");
        }
    }
}
