package dev.schemaguard.sqlite.internal.integrity;

import static dev.schemaguard.sqlite.internal.integrity.TestDatabases.createSample;
import static dev.schemaguard.sqlite.internal.integrity.TestDatabases.exec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.testing.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every test first proves the stamp IS trusted for the untouched file, then changes the file
 * the way production does, and proves the stamp is no longer trusted.
 */
class TrustedStampTest {
    /**
     * The checks here run two seconds after the files were written, by their clock: a file written
     * within the last second is never stamped (timestamp granularity), and no test waits for that.
     */
    private static final Clock LATER = TestClock.ahead(Duration.ofSeconds(2));

    @TempDir
    Path dir;

    @Test
    void anUntouchedDatabaseIsTrusted() throws Exception {
        Path db = createSample(dir.resolve("app.db"), 500);
        byte[] before = Files.readAllBytes(db);

        StampVerdict verdict = stampThenCheck(db);

        assertTrue(verdict.trusted(), verdict.reason());
        assertTrue(verdict.reason().contains("integrity_check passed"));
        assertArrayEquals(before, Files.readAllBytes(db), "stamping never writes into the database");
        assertTrue(Files.exists(dir.resolve("app.db.schema-guard-stamp")));
    }

    @Test
    void aWriteInRollbackJournalModeIsNotTrusted() throws Exception {
        Path db = createSample(dir.resolve("app.db"), 500);
        assertTrue(stampThenCheck(db).trusted());

        exec(db, "UPDATE items SET qty = qty + 1 WHERE id = 7");

        assertNotTrusted(db, "ctime");
    }

    @Test
    void aCommitInWalModeIsNotTrustedBeforeNorAfterTheCheckpoint() throws Exception {
        Path db = createSample(dir.resolve("app.db"), 500);
        exec(db, "PRAGMA journal_mode=WAL");
        try (Connection service = TestDatabases.open(db); Statement s = service.createStatement()) {
            s.execute("PRAGMA wal_autocheckpoint=0");
            assertTrue(stampThenCheck(db).trusted(), "an open connection that writes nothing changes nothing");
            byte[] mainFileBefore = Files.readAllBytes(db);

            s.execute("UPDATE items SET qty = qty + 1 WHERE id = 7");

            assertArrayEquals(mainFileBefore, Files.readAllBytes(db), "the commit sits in -wal only");
            assertNotTrusted(db, "-wal file changed");

            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");

            assertFalse(Arrays.equals(mainFileBefore, Files.readAllBytes(db)), "checkpointed");
            assertNotTrusted(db, "-wal file changed"); // emptied, but its ctime moved
        }
        // Closing removed the -wal, as before the stamp: only the main file tells the change now.
        assertFalse(Files.exists(SidecarFiles.walOf(db)));
        assertNotTrusted(db, "ctime");
    }

    @Test
    void anUntouchedWalDatabaseWithUncheckpointedCommitsIsTrusted() throws Exception {
        Path db = createSample(dir.resolve("app.db"), 500);
        try (Connection service = TestDatabases.open(db); Statement s = service.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA wal_autocheckpoint=0");
            s.execute("UPDATE items SET qty = 0");
            assertTrue(Files.size(SidecarFiles.walOf(db)) > 0);

            StampVerdict verdict = stampThenCheck(db);

            assertTrue(verdict.trusted(), verdict.reason());
        }
    }

    @Test
    void anotherFileOfTheSameSizeWrittenOverItIsNotTrusted() throws Exception {
        Path db = createSample(dir.resolve("app.db"), 500);
        Path other = createSample(dir.resolve("other.db"), 500);
        exec(other, "UPDATE items SET name = replace(name, 'item', 'meti')");
        assertEquals(Files.size(db), Files.size(other));
        assertTrue(stampThenCheck(db).trusted());

        Files.write(db, Files.readAllBytes(other)); // same inode, same size, other content

        assertNotTrusted(db, "ctime");
    }

    @Test
    void aBackupRestoredWithCopyAttributesIsNotTrustedEvenWhenByteIdentical() throws Exception {
        Path db = createSample(dir.resolve("app.db"), 500);
        Path backup = dir.resolve("backup.db");
        Files.copy(db, backup, StandardCopyOption.COPY_ATTRIBUTES); // like cp -p: mtime kept
        assertTrue(stampThenCheck(db).trusted());

        Files.copy(backup, db, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);

        assertArrayEquals(Files.readAllBytes(backup), Files.readAllBytes(db));
        assertEquals(Files.getLastModifiedTime(backup), Files.getLastModifiedTime(db));
        // Size, mtime, header and pages all match: only inode and ctime tell the restore apart.
        StampVerdict verdict = TrustedStamp.check(db, TrustedStamp.stampFileNextTo(db));
        assertFalse(verdict.trusted());
        assertTrue(verdict.reason().contains("replaced") || verdict.reason().contains("ctime"), verdict.reason());
    }

    @Test
    void aBackupMovedIntoPlaceIsNotTrusted() throws Exception {
        Path db = createSample(dir.resolve("app.db"), 500);
        Path backup = dir.resolve("backup.db");
        Files.copy(db, backup, StandardCopyOption.COPY_ATTRIBUTES);
        assertTrue(stampThenCheck(db).trusted());

        Files.move(backup, db, StandardCopyOption.REPLACE_EXISTING);

        assertNotTrusted(db, "the file was replaced");
    }

    @Test
    void aFileChangedMomentsBeforeTheCheckGetsNoStamp() throws Exception {
        Path db = createSample(dir.resolve("app.db"), 50);
        Path stampFile = TrustedStamp.stampFileNextTo(db);

        // The check starts in the very tick the file was last written.
        Clock thatTick = Clock.fixed(Files.getLastModifiedTime(db).toInstant(), ZoneOffset.UTC);
        StampWriteOutcome outcome = TrustedStamp.write(db, stampFile, FileFingerprint.capture(db, thatTick), "integrity_check",
                thatTick);

        assertFalse(outcome.written());
        assertTrue(outcome.reason().contains("same clock tick"), outcome.reason());
        assertFalse(Files.exists(stampFile));
    }

    @Test
    void aChangeDuringTheCheckGetsNoStampAndRemovesTheOldOne() throws Exception {
        Path db = createSample(dir.resolve("app.db"), 50);
        assertTrue(stampThenCheck(db).trusted());
        FileFingerprint beforeCheck = FileFingerprint.capture(db, LATER);

        exec(db, "INSERT INTO items(name, qty) VALUES ('written-mid-check', 1)");
        Path stampFile = TrustedStamp.stampFileNextTo(db);
        StampWriteOutcome outcome = TrustedStamp.write(db, stampFile, beforeCheck, "integrity_check", LATER);

        assertFalse(outcome.written());
        assertTrue(outcome.reason().contains("changed while it was being checked"), outcome.reason());
        assertFalse(Files.exists(stampFile));
    }

    @Test
    void missingMalformedOrForeignStampsAreNotTrusted() throws Exception {
        Path db = createSample(dir.resolve("app.db"), 50);
        Path stampFile = TrustedStamp.stampFileNextTo(db);
        assertTrue(TrustedStamp.check(db, stampFile).reason().contains("no stamp"));

        Files.writeString(stampFile, "format=schema-guard-stamp/1\ndb.size=12\n");
        assertTrue(TrustedStamp.check(db, stampFile).reason().contains("unreadable"));

        Path other = createSample(dir.resolve("other.db"), 50);
        TrustedStamp.write(other, stampFile, FileFingerprint.capture(other, LATER), "integrity_check", LATER);
        assertTrue(TrustedStamp.check(db, stampFile).reason().contains("written for"));
    }

    @Test
    void aStampInAConfiguredFolderIsNamedPerDatabasePath() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("stamps"));
        Path db = createSample(Files.createDirectory(dir.resolve("a")).resolve("app.db"), 50);
        Path twin = dir.resolve("b").resolve("app.db");
        assertNotEquals(TrustedStamp.stampFileIn(folder, db), TrustedStamp.stampFileIn(folder, twin));

        Path stampFile = TrustedStamp.stampFileIn(folder, db);
        assertTrue(TrustedStamp.write(db, stampFile, FileFingerprint.capture(db, LATER), "quick_check", LATER).written());

        assertTrue(TrustedStamp.check(db, stampFile).trusted());
        assertFalse(Files.exists(TrustedStamp.stampFileNextTo(db)));
    }

    @Test
    void withoutUnixAttributesNoStampIsWritten() throws Exception {
        Path db = createSample(dir.resolve("app.db"), 50);
        FileFingerprint real = FileFingerprint.capture(db, LATER);
        FileFingerprint onWindowsLikeFs = new FileFingerprint(real.realPath(), real.size(), real.mtimeNanos(),
                Optional.empty(), real.headerHex(), real.pageSize(), real.firstPageSha256(),
                real.lastPageSha256(), real.wal(), real.hotJournal(), real.capturedAt());

        StampWriteOutcome outcome = TrustedStamp.write(db, TrustedStamp.stampFileNextTo(db), onWindowsLikeFs, "x", LATER);

        assertFalse(outcome.written());
        assertTrue(outcome.reason().contains("unix:ino"), outcome.reason());
    }

    /** Stamps the file as verified once it is past the racy window, and checks the stamp. */
    private static StampVerdict stampThenCheck(Path db) throws Exception {
        Path stampFile = TrustedStamp.stampFileNextTo(db);
        StampWriteOutcome outcome = TrustedStamp.write(db, stampFile, FileFingerprint.capture(db, LATER), "integrity_check", LATER);
        assertTrue(outcome.written(), outcome.reason());
        return TrustedStamp.check(db, stampFile);
    }

    private static void assertNotTrusted(Path db, String reasonFragment) {
        StampVerdict verdict = TrustedStamp.check(db, TrustedStamp.stampFileNextTo(db));
        assertFalse(verdict.trusted(), "a changed file must not be trusted");
        assertTrue(verdict.reason().contains(reasonFragment), verdict.reason());
    }
}
