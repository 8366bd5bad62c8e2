package dev.schemaguard.cli.watch;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Follows a log file by name, like {@code tail -F}: new complete lines on each {@link #poll()},
 * a file that does not exist yet is waited for, a truncated file ({@code copytruncate}) is read
 * again from its start, and a rotated file (a new file under the same name) is read from its
 * start after the rest of the old one was drained. Non-blocking: the caller decides how often
 * to poll, so tests never sleep.
 */
final class FileFollower implements Closeable {

    /** A line longer than this without a newline is junk, not a Schema Guard line: dropped. */
    private static final int MAX_LINE_BYTES = 1 << 20;

    private final Path path;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    private FileChannel channel;
    private Object fileKey;
    private long position;
    private boolean skipExisting;

    private FileFollower(Path path, boolean fromEnd) {
        this.path = Objects.requireNonNull(path, "path");
        this.skipExisting = fromEnd;
    }

    /** Reads the whole file from its start (for {@code --once}). */
    public static FileFollower fromStart(Path path) {
        return new FileFollower(path, false);
    }

    /**
     * Follows only what is written from now on (the end is taken here, not at the first poll);
     * a file created or rotated in later is read from its start. Old lines would all look as
     * if they happened now and fake a crash loop.
     */
    public static FileFollower fromEnd(Path path) throws IOException {
        FileFollower follower = new FileFollower(path, true);
        follower.open();
        return follower;
    }

    /** The complete lines written since the last poll, without their line terminators. */
    public List<String> poll() throws IOException {
        List<String> lines = new ArrayList<>();
        if (channel == null && !open()) {
            return lines;
        }
        if (channel.size() < position) { // truncated in place: start over
            position = 0;
            partial.reset();
        }
        drain(lines);
        Object currentKey = keyOf(path);
        if (currentKey != null && !currentKey.equals(fileKey)) { // rotated: old file drained, switch
            closeChannel();
            partial.reset();
            skipExisting = false;
            if (open()) {
                drain(lines);
            }
        }
        return lines;
    }

    /** Text after the last newline, when the input is over and no newline will come. */
    public Optional<String> remainder() {
        if (partial.size() == 0) {
            return Optional.empty();
        }
        String rest = stripCr(partial.toString(StandardCharsets.UTF_8));
        partial.reset();
        return Optional.of(rest);
    }

    private boolean open() throws IOException {
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            skipExisting = false; // whatever appears under this name later is new
            return false;
        }
        fileKey = keyOf(path);
        position = skipExisting ? channel.size() : 0;
        skipExisting = false;
        return true;
    }

    private void drain(List<String> lines) throws IOException {
        while (true) {
            buffer.clear();
            int n = channel.read(buffer, position);
            if (n <= 0) {
                return;
            }
            position += n;
            byte[] bytes = buffer.array();
            for (int i = 0; i < n; i++) {
                if (bytes[i] == '\n') {
                    lines.add(stripCr(partial.toString(StandardCharsets.UTF_8)));
                    partial.reset();
                } else if (partial.size() < MAX_LINE_BYTES) {
                    partial.write(bytes[i]);
                }
            }
        }
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static Object keyOf(Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            // without inode numbers (some file systems), creation time still tells a new file apart
            return attributes.fileKey() != null ? attributes.fileKey() : attributes.creationTime();
        } catch (IOException e) {
            return null; // between rename and create during rotation: keep reading the old file
        }
    }

    private void closeChannel() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    @Override
    public void close() throws IOException {
        closeChannel();
    }
}
