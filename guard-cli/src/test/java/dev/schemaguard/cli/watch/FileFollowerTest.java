package dev.schemaguard.cli.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileFollowerTest {

    @TempDir
    Path dir;

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void waitsForTheFileThenReadsCompleteLinesOnly() throws IOException {
        Path log = dir.resolve("app.log");
        try (FileFollower follower = FileFollower.fromEnd(log)) {
            assertEquals(List.of(), follower.poll());
            append(log, "one\r\ntw");
            assertEquals(List.of("one"), follower.poll(), "a file created after the start is read from its start");
            append(log, "o\nthree");
            assertEquals(List.of("two"), follower.poll());
            assertEquals(Optional.of("three"), follower.remainder());
        }
    }

    @Test
    void followFromEndSkipsWhatWasThereBefore() throws IOException {
        Path log = dir.resolve("app.log");
        append(log, "old 1\nold 2\n");
        try (FileFollower follower = FileFollower.fromEnd(log)) {
            assertEquals(List.of(), follower.poll());
            append(log, "new\n");
            assertEquals(List.of("new"), follower.poll());
        }
        try (FileFollower once = FileFollower.fromStart(log)) {
            assertEquals(List.of("old 1", "old 2", "new"), once.poll());
        }
    }

    @Test
    void truncationStartsOverAtTheBeginning() throws IOException {
        Path log = dir.resolve("app.log");
        try (FileFollower follower = FileFollower.fromStart(log)) {
            append(log, "a long first line\nsecond\n");
            assertEquals(List.of("a long first line", "second"), follower.poll());
            Files.writeString(log, "x\n"); // copytruncate, then a short write
            assertEquals(List.of("x"), follower.poll());
        }
    }

    @Test
    void rotationDrainsTheOldFileThenReadsTheNewOne() throws IOException {
        Path log = dir.resolve("app.log");
        try (FileFollower follower = FileFollower.fromStart(log)) {
            append(log, "before\n");
            assertEquals(List.of("before"), follower.poll());
            append(log, "last words of the old file\n");
            Files.move(log, dir.resolve("app.log.1"));
            append(log, "first of the new file\n");
            assertEquals(List.of("last words of the old file", "first of the new file"), follower.poll());
            append(log, "more\n");
            assertEquals(List.of("more"), follower.poll());
        }
    }
}
