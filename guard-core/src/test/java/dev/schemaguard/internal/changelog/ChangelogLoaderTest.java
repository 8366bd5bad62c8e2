package dev.schemaguard.internal.changelog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.GuardConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A boot reads the changelog in the background while it opens the database, and reads the files that
 * are left alongside the loader when it needs them ({@link ChangelogLoader#start}). What it gets must
 * be what the plain read ({@link ChangelogLoader#load}) gets: the same migrations in the same order,
 * and for a folder with bad files, the error of the first bad file in name order.
 */
class ChangelogLoaderTest {
    private static final int FILES = 400;

    @TempDir
    Path dir;

    @Test
    void theBackgroundReadGivesWhatThePlainReadGives() throws Exception {
        Path folder = folder();
        Files.createDirectory(folder.resolve("0150_a_folder.sql"));
        Files.createSymbolicLink(folder.resolve("0250_link_inside.sql"), folder.resolve("0250.sql"));
        Files.writeString(folder.resolve("notes.txt"), "not a migration");

        List<Migration> plain = ChangelogLoader.load(folder).migrations();
        for (int round = 0; round < 20; round++) {
            // Joined at once: this thread reads files alongside the loader from the start.
            assertEquals(plain, ChangelogLoader.start(folder).join().migrations());
        }
        assertEquals(FILES + 1, plain.size(), "every .sql file and the link inside the folder; not the folder or notes.txt");
        assertEquals("0000.sql", plain.get(0).name());
        assertEquals("0250_link_inside.sql", plain.get(251).name());
        assertEquals(plain.get(250).sha256(), plain.get(251).sha256(), "the link is read as the file it names");
    }

    @Test
    void twoBadFiles_theErrorNamesTheFirstInNameOrder_howeverTheReadIsShared() throws Exception {
        Path folder = folder();
        Path outside = Files.writeString(dir.resolve("outside.sql"), "SELECT 1;");
        Files.createSymbolicLink(folder.resolve("0100_out.sql"), outside);
        Files.createSymbolicLink(folder.resolve("0300_out.sql"), outside);

        String plain = assertThrows(GuardConfigException.class, () -> ChangelogLoader.load(folder)).getMessage();
        assertTrue(plain.contains("0100_out.sql: the migration is a link to") && plain.contains("outside the changelog folder"),
                plain);
        for (int round = 0; round < 20; round++) {
            ChangelogLoader.Loading loading = ChangelogLoader.start(folder);
            if (round % 2 == 1) {
                while (!loading.isDone()) {
                    Thread.onSpinWait(); // the loader alone, to its end
                }
            }
            assertEquals(plain, assertThrows(GuardConfigException.class, loading::join).getMessage(), "round " + round);
        }
    }

    @Test
    void cancel_aJoinAfterItSaysSoInsteadOfWaitingForTheRead() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("large"));
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(folder.resolve("001_large.sql").toFile(), "rw")) {
            file.setLength(64L << 20); // a read still running when it is cancelled, or not yet started
        }
        for (int round = 0; round < 5; round++) {
            ChangelogLoader.Loading loading = ChangelogLoader.start(folder);

            loading.cancel();

            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(CancellationException.class, loading::join));
        }
    }

    @Test
    void aFolderThatCannotBeListed_isTheSameErrorInTheBackground() {
        Path missing = dir.resolve("no-such-folder");

        String plain = assertThrows(RuntimeException.class, () -> ChangelogLoader.load(missing)).getMessage();

        assertEquals(plain, assertThrows(RuntimeException.class, () -> ChangelogLoader.start(missing).join()).getMessage());
    }

    @Test
    void aLiquibaseChangelogFile_isReadInTheBackgroundToo() throws Exception {
        Path file = Files.writeString(dir.resolve("changelog.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                      http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
                  <changeSet id="1" author="a"><sql>CREATE TABLE t1 (id INT)</sql></changeSet>
                  <changeSet id="2" author="a"><sql>CREATE TABLE t2 (id INT)</sql></changeSet>
                </databaseChangeLog>
                """);

        List<Migration> plain = ChangelogLoader.load(file).migrations();

        assertEquals(2, plain.size());
        assertEquals(plain.stream().map(Migration::name).toList(),
                ChangelogLoader.start(file).join().migrations().stream().map(Migration::name).toList());
    }

    private Path folder() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("migrations"));
        for (int i = 0; i < FILES; i++) {
            Files.writeString(folder.resolve(String.format("%04d.sql", i)), "CREATE TABLE t" + i + " (id INTEGER);\n");
        }
        return folder;
    }
}
