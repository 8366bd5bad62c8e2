package dev.schemaguard.sqlite.internal.integrity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What copy tools cannot forge about a file: which inode it is, on which device, and its
 * status-change time. {@code cp -p}, {@code tar} and {@code rsync -t} restore mtime, but a
 * copy or a move into place gets another inode or a fresh ctime, and no tool can set ctime.
 *
 * @param device     {@code unix:dev}
 * @param inode      {@code unix:ino}
 * @param ctimeNanos {@code unix:ctime}: last change of content or metadata, in ns since the epoch
 */
public record FileIdentity(long device, long inode, long ctimeNanos) {

    /** The identity of a file, or empty where the file system does not expose unix attributes. */
    static Optional<FileIdentity> of(Map<String, Object> unixAttributes) {
        Object dev = unixAttributes.get("dev");
        Object ino = unixAttributes.get("ino");
        Object ctime = unixAttributes.get("ctime");
        if (dev instanceof Long d && ino instanceof Long i && ctime instanceof FileTime c) {
            return Optional.of(new FileIdentity(d, i, c.to(TimeUnit.NANOSECONDS)));
        }
        return Optional.empty();
    }

    /**
     * The {@code unix:} attributes an identity needs, or empty where the platform (e.g. Windows) has none.
     * Only these three: {@code unix:*} would also look up the owner's and group's names (a password
     * database lookup) at every boot, for nothing.
     */
    static Optional<Map<String, Object>> unixAttributesOf(Path file) throws IOException {
        try {
            return Optional.of(Files.readAttributes(file, "unix:dev,ino,ctime", LinkOption.NOFOLLOW_LINKS));
        } catch (UnsupportedOperationException | IllegalArgumentException notUnix) {
            return Optional.empty();
        }
    }
}
