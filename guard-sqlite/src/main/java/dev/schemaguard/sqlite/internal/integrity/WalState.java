package dev.schemaguard.sqlite.internal.integrity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The {@code -wal} file next to a database. In WAL mode, commits land here and the main file
 * does not change until a checkpoint, so the main file alone cannot tell whether the database
 * changed. The 32-byte WAL header carries the checkpoint sequence number and the salts, which
 * change every time the WAL is restarted.
 *
 * @param present   whether the file exists (a 0-byte {@code -wal} counts as present)
 * @param size      its size in bytes
 * @param identity  its inode and ctime, empty when absent or not available
 * @param headerHex its first 32 bytes in hex
 */
public record WalState(boolean present, long size, Optional<FileIdentity> identity, String headerHex) {

    public static final WalState ABSENT = new WalState(false, 0, Optional.empty(), "");

    static WalState of(Path db) throws IOException {
        Path wal = SidecarFiles.walOf(db);
        try {
            long size = Files.readAttributes(wal, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).size();
            Optional<FileIdentity> identity = FileIdentity.unixAttributesOf(wal).flatMap(FileIdentity::of);
            byte[] header = SidecarFiles.readPrefix(wal, SidecarFiles.WAL_HEADER_SIZE);
            return new WalState(true, size, identity, HexFormat.of().formatHex(header));
        } catch (NoSuchFileException absent) {
            return ABSENT;
        }
    }
}
