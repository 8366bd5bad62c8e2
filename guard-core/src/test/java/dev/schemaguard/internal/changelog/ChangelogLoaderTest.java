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

    @Test
    void everySize_isReadWhole_aroundTheReadChunk() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("sizes"));
        int[] sizes = {0, 1, 4095, 4096, 4097, (1 << 20) - 1, 1 << 20, (1 << 20) + 1, (2 << 20) + 3};
        java.util.Random random = new java.util.Random(16);
        for (int i = 0; i < sizes.length; i++) {
            StringBuilder text = new StringBuilder(sizes[i]);
            while (text.length() < sizes[i]) {
                text.append((char) ('a' + random.nextInt(26)));
            }
            Files.writeString(folder.resolve(String.format("%02d_size_%d.sql", i, sizes[i])), text);
        }

        List<Migration> read = ChangelogLoader.load(folder).migrations();

        assertEquals(sizes.length, read.size());
        for (Migration m : read) {
            SqlFileMigration file = (SqlFileMigration) m;
            assertEquals(Files.readString(file.file()), file.script(), file.name());
            assertEquals(dev.schemaguard.internal.io.Sha256.hex(Files.readAllBytes(file.file())), file.sha256(), file.name());
        }
    }

    @Test
    void aPipeNamedLikeAMigration_isNotOne_andIsNeverOpened() throws Exception {
        Path folder = folder();
        Path pipe = folder.resolve("0150_pipe.sql");
        org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo(pipe), "mkfifo is not available here");

        // Opening a FIFO for reading waits for a writer: a read that opened it would never end.
        List<Migration> read = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> ChangelogLoader.load(folder).migrations());
        List<Migration> shared = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> ChangelogLoader.start(folder).join().migrations());

        assertEquals(FILES, read.size());
        assertEquals(read, shared);
        assertTrue(read.stream().noneMatch(m -> m.name().equals("0150_pipe.sql")));
    }

    /**
     * The folder is kept open while its files are read, and closed by the last reader: after plain
     * reads, shared reads and reads stopped by a bad file, the process holds no more descriptors than before.
     */
    @Test
    void theOpenFolder_isClosedAfterEveryKindOfRead() throws Exception {
        Path fds = Path.of("/proc/self/fd");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(fds), "no /proc/self/fd here");
        Path folder = folder();
        Path bad = Files.createDirectory(dir.resolve("bad"));
        for (int i = 0; i < 50; i++) {
            Files.writeString(bad.resolve(String.format("%04d.sql", i)), "SELECT 1;");
        }
        Files.createSymbolicLink(bad.resolve("0020_out.sql"), Files.writeString(dir.resolve("outside.sql"), "SELECT 1;"));
        ChangelogLoader.load(folder); // the classes and the pool's threads, before counting
        long before = openDescriptors(fds);

        for (int round = 0; round < 100; round++) {
            ChangelogLoader.load(folder);
            ChangelogLoader.start(folder).join();
            assertThrows(GuardConfigException.class, () -> ChangelogLoader.load(bad));
            ChangelogLoader.Loading failing = ChangelogLoader.start(bad);
            assertThrows(GuardConfigException.class, failing::join);
        }

        long after = openDescriptors(fds);
        assertTrue(after < before + 50, "descriptors open before: " + before + ", after 400 reads: " + after);
    }

    private static long openDescriptors(Path fds) throws Exception {
        try (java.util.stream.Stream<Path> open = Files.list(fds)) {
            return open.count();
        }
    }

    private static boolean mkfifo(Path path) {
        try {
            return new ProcessBuilder("mkfifo", path.toString()).inheritIO().start().waitFor() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Path folder() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("migrations"));
        for (int i = 0; i < FILES; i++) {
            Files.writeString(folder.resolve(String.format("%04d.sql", i)), "CREATE TABLE t" + i + " (id INTEGER);\n");
        }
        return folder;
    }
}
