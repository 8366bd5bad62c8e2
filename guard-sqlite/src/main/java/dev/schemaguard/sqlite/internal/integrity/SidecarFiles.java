package dev.schemaguard.sqlite.internal.integrity;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/** The {@code -journal} and {@code -wal} files SQLite keeps next to a database. */
final class SidecarFiles {

    /** Every rollback journal header starts with these 8 bytes (fileformat.html, section 4.1). */
    private static final byte[] JOURNAL_MAGIC = {
        (byte) 0xd9, (byte) 0xd5, (byte) 0x05, (byte) 0xf9, (byte) 0x20, (byte) 0xa1, (byte) 0x63, (byte) 0xd7
    };
    static final int WAL_HEADER_SIZE = 32;

    private SidecarFiles() {
    }

    static Path journalOf(Path db) {
        return db.resolveSibling(db.getFileName() + "-journal");
    }

    static Path walOf(Path db) {
        return db.resolveSibling(db.getFileName() + "-wal");
    }

    /**
     * A journal is hot when it is non-empty and starts with the journal magic. SQLite also
     * ignores a journal whose first byte is zero (PERSIST mode after commit) and one while
     * another connection holds a RESERVED lock; the guard runs before the service opens the
     * database, so a journal that looks hot here is one a crash left behind.
     */
    static boolean hotJournal(Path db) throws IOException {
        byte[] head = readPrefix(journalOf(db), JOURNAL_MAGIC.length);
        return head.length == JOURNAL_MAGIC.length && Arrays.equals(head, JOURNAL_MAGIC);
    }

    /** Size of the {@code -wal} file, 0 when it does not exist. */
    static long walSize(Path db) throws IOException {
        try {
            return Files.size(walOf(db));
        } catch (NoSuchFileException absent) {
            return 0;
        }
    }

    /** Up to {@code n} leading bytes of a file; empty when the file does not exist. */
    static byte[] readPrefix(Path file, int n) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ)) {
            return readFully(channel, 0, n);
        } catch (NoSuchFileException absent) {
            return new byte[0];
        }
    }

    /** Reads up to {@code n} bytes at {@code position}; fewer only when the file ends first. */
    static byte[] readFully(SeekableByteChannel channel, long position, int n) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(n);
        channel.position(position);
        while (buffer.hasRemaining() && channel.read(buffer) > 0) {
            // keep reading: a channel may return fewer bytes than asked for
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }
}
