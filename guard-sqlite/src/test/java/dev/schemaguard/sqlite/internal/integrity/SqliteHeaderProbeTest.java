package dev.schemaguard.sqlite.internal.integrity;

import static dev.schemaguard.sqlite.internal.integrity.TestDatabases.createLarge;
import static dev.schemaguard.sqlite.internal.integrity.TestDatabases.createSample;
import static dev.schemaguard.sqlite.internal.integrity.TestDatabases.exec;
import static dev.schemaguard.sqlite.internal.integrity.TestDatabases.overwrite;
import static dev.schemaguard.sqlite.internal.integrity.TestDatabases.truncate;
import static dev.schemaguard.sqlite.internal.integrity.TestDatabases.whatSqliteSays;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.sqlite.internal.integrity.HeaderProblem.Code;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteHeaderProbeTest {

    @TempDir
    Path dir;

    @Test
    void aHealthyDatabaseHasNoProblemsAndATrustworthyPageCount() throws Exception {
        Path db = createSample(dir.resolve("app.db"), 2_000);

        HeaderProbe probe = SqliteHeaderProbe.probe(db);

        assertEquals(List.of(), probe.problems());
        assertEquals(4096, probe.pageSize());
        assertTrue(probe.inHeaderPageCountValid());
        assertEquals(Files.size(db), probe.inHeaderPageCount() * probe.pageSize());
        assertFalse(probe.walMode());
        assertFalse(probe.hotJournal());
        assertTrue(probe.fileChangeCounter() > 0);
    }

    @Test
    void aZeroByteFileIsAValidEmptyDatabase() throws Exception {
        Path db = Files.createFile(dir.resolve("empty.db"));

        HeaderProbe probe = SqliteHeaderProbe.probe(db);

        assertTrue(probe.emptyDatabase());
        assertTrue(probe.sound());
        assertEquals("ok", whatSqliteSays(db));
    }

    @Test
    void aMissingFileIsNotReportedAsAnEmptyDatabase() {
        assertThrows(NoSuchFileException.class, () -> SqliteHeaderProbe.probe(dir.resolve("absent.db")));
        assertFalse(Files.exists(dir.resolve("absent.db")));
    }

    @Test
    void aFileShorterThanTheHeaderIsReported() throws Exception {
        Path db = createSample(dir.resolve("short.db"), 10);
        truncate(db, 50);

        HeaderProbe probe = SqliteHeaderProbe.probe(db);

        assertEquals(List.of(Code.SHORTER_THAN_HEADER), codes(probe));
        assertTrue(probe.problems().get(0).message().contains("50 bytes"));
    }

    @Test
    void anOverwrittenMagicStringIsReportedAndSqliteAgrees() throws Exception {
        Path db = createSample(dir.resolve("magic.db"), 10);
        overwrite(db, 0, "NotSQLite fmt 9\0".getBytes(StandardCharsets.US_ASCII));

        HeaderProbe probe = SqliteHeaderProbe.probe(db);

        assertEquals(List.of(Code.BAD_MAGIC), codes(probe));
        assertTrue(whatSqliteSays(db).contains("file is not a database"), whatSqliteSays(db));
    }

    @Test
    void aPageSizeThatIsNotAPowerOfTwoIsReported() throws Exception {
        Path db = createSample(dir.resolve("pagesize.db"), 10);
        overwrite(db, 16, new byte[] {0x03, 0x00}); // 768

        HeaderProbe probe = SqliteHeaderProbe.probe(db);

        assertEquals(List.of(Code.INVALID_PAGE_SIZE), codes(probe));
        assertTrue(probe.problems().get(0).message().contains("768"));
    }

    @Test
    void thePageSizeValueOneMeans65536() throws Exception {
        Path db = dir.resolve("big-pages.db");
        exec(db, "PRAGMA page_size=65536", "CREATE TABLE t(x)", "INSERT INTO t VALUES (1)");
        assertEquals(1, Files.readAllBytes(db)[17]); // stored as 0x0001

        HeaderProbe probe = SqliteHeaderProbe.probe(db);

        assertEquals(65536, probe.pageSize());
        assertTrue(probe.sound(), probe.problems().toString());
    }

    @Test
    void aFileThatIsNotAWholeNumberOfPagesIsReported() throws Exception {
        Path db = createSample(dir.resolve("ragged.db"), 10);
        Files.write(db, new byte[10], StandardOpenOption.APPEND);

        HeaderProbe probe = SqliteHeaderProbe.probe(db);

        assertEquals(List.of(Code.NOT_PAGE_ALIGNED), codes(probe));
    }

    @Test
    void aTruncatedLargeFileIsReportedAfterReadingOnlyItsHeader() throws Exception {
        Path db = createLarge(dir.resolve("large.db"), 24);
        long fullSize = Files.size(db);
        truncate(db, fullSize / 2 / 4096 * 4096);
        AtomicLong bytesRead = new AtomicLong();

        HeaderProbe probe = SqliteHeaderProbe.probe(db,
                file -> new CountingChannel(Files.newByteChannel(file, StandardOpenOption.READ), bytesRead));

        assertEquals(List.of(Code.TRUNCATED), codes(probe));
        assertTrue(probe.problems().get(0).message().contains(String.valueOf(fullSize)));
        assertEquals(100, bytesRead.get(), "the probe reads the 100-byte header and nothing else");
        assertTrue(whatSqliteSays(db).contains("malformed"), whatSqliteSays(db));
    }

    @Test
    void inWalModeAMainFileShorterThanItsHeaderIsLegitimateWhileTheWalHoldsThePages() throws Exception {
        Path live = dir.resolve("live.db");
        Path crashed = dir.resolve("crashed.db");
        exec(live, "PRAGMA journal_mode=WAL", "CREATE TABLE t(id INTEGER PRIMARY KEY, n INTEGER, pad TEXT)",
                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000)"
                        + " INSERT INTO t(n, pad) SELECT x, hex(randomblob(50)) FROM c");
        try (Connection c = TestDatabases.open(live); Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_autocheckpoint=0");
            s.execute("UPDATE t SET n = n + 1"); // every leaf page, the last one included, now in -wal
            // Copy while the connection is open: the state a crash would leave behind.
            Files.copy(live, crashed);
            Files.copy(SidecarFiles.walOf(live), SidecarFiles.walOf(crashed));
        }
        long pageSize = 4096;
        truncate(crashed, Files.size(crashed) - pageSize); // the last page survives only in -wal

        HeaderProbe withWal = SqliteHeaderProbe.probe(crashed);
        String sqliteWithWal = sqliteOnACopy(crashed.getParent().resolve("copy-for-sqlite.db"), crashed);

        assertTrue(withWal.walMode());
        assertTrue(withWal.walFilePresent());
        assertTrue(withWal.sound(), withWal.problems().toString());
        assertEquals("ok", sqliteWithWal, "SQLite reads the missing page from the WAL");

        Files.delete(SidecarFiles.walOf(crashed));
        HeaderProbe withoutWal = SqliteHeaderProbe.probe(crashed);

        assertEquals(List.of(Code.TRUNCATED), codes(withoutWal));
        assertTrue(whatSqliteSays(crashed).contains("malformed"), whatSqliteSays(crashed));
    }

    @Test
    void aJournalLeftByACrashMidTransactionIsReportedHot() throws Exception {
        Path live = createSample(dir.resolve("live.db"), 5_000);
        Path crashed = dir.resolve("crashed.db");
        try (Connection c = TestDatabases.open(live); Statement s = c.createStatement()) {
            s.execute("PRAGMA cache_size=5"); // force SQLite to spill changed pages into the file
            c.setAutoCommit(false);
            s.execute("UPDATE items SET name = name || '-renamed'");
            Files.copy(live, crashed);
            Files.copy(SidecarFiles.journalOf(live), SidecarFiles.journalOf(crashed));
            c.rollback();
        }

        HeaderProbe probe = SqliteHeaderProbe.probe(crashed);

        assertTrue(probe.hotJournal());
        assertFalse(SqliteHeaderProbe.probe(live).hotJournal());
    }

    private static List<Code> codes(HeaderProbe probe) {
        return probe.problems().stream().map(HeaderProblem::code).toList();
    }

    /** Lets SQLite read a copy, so replaying the WAL cannot repair the file the probe looks at. */
    private static String sqliteOnACopy(Path copy, Path original) throws IOException {
        Files.copy(original, copy);
        Files.copy(SidecarFiles.walOf(original), SidecarFiles.walOf(copy));
        return TestDatabases.whatSqliteSays(copy);
    }
}
