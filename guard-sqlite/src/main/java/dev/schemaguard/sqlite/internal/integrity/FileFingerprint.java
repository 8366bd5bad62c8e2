package dev.schemaguard.sqlite.internal.integrity;

import dev.schemaguard.internal.io.Sha256;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;


import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Everything the guard records about a database file to recognise it later in O(1): reading it
 * costs a few {@code stat} calls and at most two pages, whatever the size of the file.
 *
 * @param realPath        the file's real path, so a stamp cannot vouch for another database
 * @param size            file size in bytes
 * @param mtimeNanos      last modification time (forgeable, kept as a cheap first signal)
 * @param identity        device, inode and ctime; empty where the platform has no unix attributes
 * @param headerHex       the 100-byte database header (change counter, page count, ...)
 * @param pageSize        page size used to pick the first and last page
 * @param firstPageSha256 hash of page 1: the schema root and the header
 * @param lastPageSha256  hash of the last page: where an appended or restored tail shows
 * @param wal             the {@code -wal} file's state
 * @param hotJournal      whether a hot rollback journal sits next to the file
 * @param capturedAt      when this was read, on the same clock the file system stamps times with
 */
public record FileFingerprint(
        String realPath,
        long size,
        long mtimeNanos,
        Optional<FileIdentity> identity,
        String headerHex,
        int pageSize,
        String firstPageSha256,
        String lastPageSha256,
        WalState wal,
        boolean hotJournal,
        Instant capturedAt) {

    /**
     * File systems stamp times from a coarse clock (a kernel tick; whole seconds on some).
     * A write in the same tick as the capture would leave ctime and mtime unchanged, so a
     * fingerprint is only trusted for files whose times are at least this much older than the
     * capture ("racy git" problem).
     */
    static final Duration RACY_WINDOW = Duration.ofSeconds(1);
    private static final int FALLBACK_PAGE = 4096;

    public static FileFingerprint capture(Path db) throws IOException {
        return capture(db, Clock.systemUTC());
    }

    public static FileFingerprint capture(Path db, Clock clock) throws IOException {
        // Take the time first: a write after this instant gets a ctime the racy check catches.
        Instant capturedAt = clock.instant();
        Optional<Map<String, Object>> unix = FileIdentity.unixAttributesOf(db);
        BasicFileAttributes basic = Files.readAttributes(db, BasicFileAttributes.class);
        Optional<FileIdentity> identity = unix.flatMap(FileIdentity::of);
        long size = basic.size();
        byte[] header;
        int pageSize;
        String first;
        String last;
        try (SeekableByteChannel channel = HeldOpen.open(db)) {
            header = SidecarFiles.readFully(channel, 0, SqliteFileHeader.SIZE);
            int declared = header.length == SqliteFileHeader.SIZE ? SqliteFileHeader.parse(header).pageSize() : 0;
            pageSize = declared == 0 ? FALLBACK_PAGE : declared;
            first = Sha256.hex(SidecarFiles.readFully(channel, 0, pageSize));
            long lastStart = size == 0 ? 0 : (size - 1) / pageSize * pageSize;
            last = Sha256.hex(SidecarFiles.readFully(channel, lastStart, pageSize));
        }
        return new FileFingerprint(db.toRealPath().toString(), size, nanos(basic.lastModifiedTime()), identity,
                HexFormat.of().formatHex(header), pageSize, first, last, WalState.of(db),
                SidecarFiles.hotJournal(db), capturedAt);
    }

    /** True when a change in the same timestamp tick as the capture could go unseen. */
    public boolean racy() {
        long limit = TimeUnit.SECONDS.toNanos(capturedAt.getEpochSecond()) + capturedAt.getNano()
                - RACY_WINDOW.toNanos();
        boolean fileRacy = mtimeNanos > limit || identity.map(i -> i.ctimeNanos() > limit).orElse(true);
        boolean walRacy = wal.present() && wal.identity().map(i -> i.ctimeNanos() > limit).orElse(true);
        return fileRacy || walRacy;
    }

    /**
     * Why this (current) state is not the state recorded in {@code verified}; empty when they
     * are the same file, unchanged. The checks run from the most telling to the least.
     */
    public Optional<String> differenceFrom(FileFingerprint verified) {
        if (!realPath.equals(verified.realPath)) {
            return Optional.of("the stamp was written for " + verified.realPath + ", not " + realPath);
        }
        if (identity.isEmpty() || verified.identity.isEmpty()) {
            return Optional.of("the file system does not report unix:ino/unix:ctime, so an unchanged file"
                    + " cannot be told from a restored or rewritten one");
        }
        FileIdentity now = identity.get();
        FileIdentity then = verified.identity.get();
        if (now.device() != then.device() || now.inode() != then.inode()) {
            return Optional.of(String.format("the file was replaced (inode %d on device %d, verified was inode"
                    + " %d on device %d): moved into place or restored from a backup",
                    now.inode(), now.device(), then.inode(), then.device()));
        }
        if (hotJournal) {
            return Optional.of("a hot rollback journal sits next to the file: an interrupted transaction"
                    + " will be rolled back on the next open");
        }
        if (!wal.equals(verified.wal)) {
            return Optional.of("the -wal file changed (" + describe(verified.wal) + " -> " + describe(wal)
                    + "): transactions were committed in WAL mode");
        }
        if (size != verified.size) {
            return Optional.of("the file size changed (" + verified.size + " -> " + size + " bytes)");
        }
        if (now.ctimeNanos() != then.ctimeNanos()) {
            return Optional.of("the file's status-change time (ctime) moved: it was written to, or its"
                    + " times or permissions were set (a restore that keeps timestamps does this)");
        }
        if (mtimeNanos != verified.mtimeNanos) {
            return Optional.of("the file's modification time changed");
        }
        if (!headerHex.equals(verified.headerHex)) {
            return Optional.of("the 100-byte database header changed");
        }
        if (!firstPageSha256.equals(verified.firstPageSha256) || !lastPageSha256.equals(verified.lastPageSha256)) {
            return Optional.of("the content of the first or last page changed");
        }
        return Optional.empty();
    }

    private static String describe(WalState wal) {
        return wal.present() ? "present, " + wal.size() + " bytes" : "absent";
    }

    private static long nanos(FileTime time) {
        return time.to(TimeUnit.NANOSECONDS);
    }
}
