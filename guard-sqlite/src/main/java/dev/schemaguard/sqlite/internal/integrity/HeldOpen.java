package dev.schemaguard.sqlite.internal.integrity;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a database file through a descriptor this JVM never closes. POSIX record locks belong to a
 * process and a file, and closing any descriptor of the file releases all of them: a header probe
 * that opened and closed the database file while a SQLite connection of the same process held its
 * write lock dropped that lock behind SQLite's back, so another process could write at the same time
 * ("How To Corrupt An SQLite Database File", 2.2). SQLite keeps such descriptors open itself; so does
 * this, one per file (identified by device and inode, so a replaced file gets its own). Where the
 * platform has no file key (Windows, whose locks are not POSIX locks), the file is opened and closed
 * as usual.
 */
final class HeldOpen {
    private static final Map<Object, FileChannel> CHANNELS = new ConcurrentHashMap<>();
    private static final java.util.Queue<FileChannel> LOSERS = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private HeldOpen() {
    }

    static SeekableByteChannel open(Path file) throws IOException {
        Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        if (key == null) {
            return Files.newByteChannel(file, StandardOpenOption.READ);
        }
        FileChannel channel = CHANNELS.get(key);
        if (channel == null) {
            FileChannel opened = FileChannel.open(file, StandardOpenOption.READ);
            channel = CHANNELS.putIfAbsent(key, opened);
            if (channel == null) {
                channel = opened;
            } else {
                // Another thread won the race. Closing this descriptor could drop the process's locks on the
                // file just the same, so it is kept open too (once, for this rare race).
                LOSERS.add(opened);
            }
        }
        return new View(channel);
    }

    /** A reader with its own position over a shared channel; closing it leaves the descriptor open. */
    private static final class View implements SeekableByteChannel {
        private final FileChannel channel;
        private long position;
        private boolean open = true;

        View(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (!open) {
                throw new ClosedChannelException();
            }
            int n = channel.read(dst, position);
            if (n > 0) {
                position += n;
            }
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            throw new NonWritableChannelException();
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) {
            position = newPosition;
            return this;
        }

        @Override
        public long size() throws IOException {
            return channel.size();
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new NonWritableChannelException();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
