package dev.schemaguard.sqlite.internal.integrity;

import dev.schemaguard.sqlite.internal.integrity.HeaderProblem.Code;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks an SQLite file in constant time: it reads the 100-byte header, the file size and the
 * first bytes of the {@code -journal} file, never a page. It is the check that stays cheap on a
 * 10 GB database, where {@code PRAGMA integrity_check} takes half an hour.
 */
public final class SqliteHeaderProbe {

    /** Opens a file for reading; a seam so a test can count the bytes the probe reads. */
    interface ChannelOpener {
        SeekableByteChannel open(Path file) throws IOException;
    }

    private SqliteHeaderProbe() {
    }

    /**
     * @throws java.nio.file.NoSuchFileException when the database does not exist: a missing
     *         database is the caller's decision (fail, or allow creation), not a header problem
     */
    public static HeaderProbe probe(Path db) throws IOException {
        return probe(db, HeldOpen::open);
    }

    static HeaderProbe probe(Path db, ChannelOpener opener) throws IOException {
        long fileSize = Files.size(db);
        long walSize = SidecarFiles.walSize(db);
        if (fileSize == 0) {
            // SQLite deletes, rather than plays back, a journal next to an empty file.
            return new HeaderProbe(db, 0, 0, 0, 0, false, false, false, walSize > 0, walSize, List.of());
        }
        byte[] bytes;
        try (SeekableByteChannel channel = opener.open(db)) {
            bytes = SidecarFiles.readFully(channel, 0, SqliteFileHeader.SIZE);
        }
        boolean hotJournal = SidecarFiles.hotJournal(db);
        if (bytes.length < SqliteFileHeader.SIZE) {
            HeaderProblem tooShort = new HeaderProblem(Code.SHORTER_THAN_HEADER, String.format(
                    "%s is %d bytes, shorter than the 100-byte SQLite header: it is not a database or"
                            + " was cut short; restore it from a backup", db, fileSize));
            return new HeaderProbe(db, fileSize, 0, 0, 0, false, false, hotJournal, walSize > 0, walSize,
                    List.of(tooShort));
        }
        SqliteFileHeader header = SqliteFileHeader.parse(bytes);
        List<HeaderProblem> problems = problemsOf(db, fileSize, header, hotJournal, walSize > 0);
        return new HeaderProbe(db, fileSize, header.pageSize(), header.inHeaderPageCount(),
                header.fileChangeCounter(), header.inHeaderPageCountValid(), header.walMode(),
                hotJournal, walSize > 0, walSize, problems);
    }

    private static List<HeaderProblem> problemsOf(
            Path db, long fileSize, SqliteFileHeader header, boolean hotJournal, boolean walPresent) {
        List<HeaderProblem> problems = new ArrayList<>();
        if (!header.magicValid()) {
            problems.add(new HeaderProblem(Code.BAD_MAGIC, db + " does not start with \"SQLite format 3\":"
                    + " it is not an SQLite database (wrong file mounted, or its first bytes were overwritten)"));
            return problems; // the other fields mean nothing in a file that is not SQLite
        }
        int pageSize = header.pageSize();
        if (pageSize == 0) {
            problems.add(new HeaderProblem(Code.INVALID_PAGE_SIZE, String.format(
                    "%s declares page size %d; SQLite needs a power of two from 512 to 65536:"
                            + " the header is damaged", db, header.rawPageSize())));
        }
        if (header.readVersion() > 2) {
            problems.add(new HeaderProblem(Code.UNREADABLE_FORMAT_VERSION, String.format(
                    "%s has file format read version %d; SQLite reads only versions 1 and 2",
                    db, header.readVersion())));
        }
        if (pageSize == 0) {
            return problems;
        }
        if (fileSize % pageSize != 0) {
            problems.add(new HeaderProblem(Code.NOT_PAGE_ALIGNED, String.format(
                    "%s is %d bytes, not a whole number of %d-byte pages (%d bytes left over):"
                            + " a copy or write was cut short", db, fileSize, pageSize, fileSize % pageSize)));
        }
        long declaredBytes = header.inHeaderPageCount() * pageSize;
        // SQLite reports SQLITE_CORRUPT when the valid in-header count exceeds the pages it can
        // find (btree.c lockBtree, "nPage>nPageFile"). In WAL mode that page count comes from
        // the -wal file, which may hold pages not yet copied into the main file; and a hot
        // journal will put the file back to its size before the interrupted transaction.
        boolean pagesCanComeFromElsewhere = (header.walMode() && walPresent) || hotJournal;
        if (header.inHeaderPageCountValid() && declaredBytes > fileSize && !pagesCanComeFromElsewhere) {
            problems.add(new HeaderProblem(Code.TRUNCATED, String.format(
                    "%s is truncated: its header counts %d pages of %d bytes (%d bytes) but the file has"
                            + " only %d bytes; restore it from a backup", db, header.inHeaderPageCount(),
                    pageSize, declaredBytes, fileSize)));
        }
        return problems;
    }
}
