package dev.schemaguard.internal.changelog;

import dev.schemaguard.internal.Helpers;
import dev.schemaguard.internal.io.Sha256;
import dev.schemaguard.internal.io.Utf8Text;
import dev.schemaguard.GuardConfigException;
import dev.schemaguard.internal.liquibase.LiquibaseChangelogs;
import dev.schemaguard.internal.text.ControlChars;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Reads a changelog: a folder of {@code .sql} files in file-name order, or a Liquibase changelog file. */
public final class ChangelogLoader {
    private static final Set<OpenOption> READ_NOT_FOLLOWING = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    private static final int READ_CHUNK = 1 << 20;

    private ChangelogLoader() {
    }

    public static Changelog load(Path source) {
        return readChangelog(source, shared -> { }).changelog();
    }

    /**
     * Starts reading the changelog on a thread of its own, so that a boot opens the database meanwhile:
     * on a no-op boot the two are most of the time, and neither needs the other until the ledger is
     * matched. {@link Loading#join} gives the same changelog, or the same error, as {@link #load}.
     */
    public static Loading start(Path source) {
        return new Loading(source);
    }

    /** A changelog being read in the background; see {@link #start}. */
    public static final class Loading {
        private final CompletableFuture<Read> read = new CompletableFuture<>();
        private final Helpers.Task<Void> loader;
        private volatile FolderRead folder;
        private volatile Changelog changelog;

        private Loading(Path source) {
            loader = Helpers.start("schema-guard-changelog", () -> {
                try {
                    read.complete(readChangelog(source, shared -> folder = shared));
                } catch (Throwable t) {
                    read.completeExceptionally(t);
                }
                return null;
            });
        }

        /**
         * Stops a read still running (a boot stopped early): hashing a large file checks for it, so that
         * the read does not take the CPU the boot needs to print its verdict.
         */
        public void cancel() {
            loader.cancel();
            // A loader cancelled before it started never completes the read: a join after this must not wait for it.
            read.completeExceptionally(new CancellationException("the boot ended before its changelog was read"));
        }

        /**
         * The changelog, once read: the calling thread reads the folder's remaining files alongside the
         * loader, then waits for it.
         *
         * @throws GuardConfigException  what {@link #load} throws for the same changelog
         */
        public Changelog join() throws InterruptedException {
            Changelog done = changelog;
            if (done != null) {
                return done;
            }
            FolderRead shared = folder;
            if (shared != null) {
                shared.readAll();
            }
            try {
                changelog = read.get().changelog();
                return changelog;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(e.getCause());
            }
        }

        /** Whether the loader is done (nothing is left to wait for). */
        public boolean isDone() {
            return read.isDone();
        }
    }

    /** Reads the changelog; a folder's file list is handed to {@code sharing} before its files are read. */
    private static Read readChangelog(Path source, Consumer<FolderRead> sharing) {
        if (!Files.isDirectory(source)) {
            List<Migration> migrations = LiquibaseChangelogs.parse(source);
            return () -> checked(source, migrations);
        }
        FolderRead folder = listFolder(source);
        sharing.accept(folder);
        folder.readAll();
        return () -> checked(source, folder.migrations());
    }

    /** What reading produced: the changelog is put together (and checked) by the thread that asks for it. */
    private interface Read {
        Changelog changelog();
    }

    private static Changelog checked(Path source, List<Migration> migrations) {
        Map<String, Migration> byName = new HashMap<>();
        for (Migration m : migrations) {
            if (ControlChars.indexOfControl(m.name()) >= 0) {
                throw new GuardConfigException(ControlChars.escape(m.file().toString()) + ": the migration's name '"
                        + ControlChars.escape(m.name()) + "' contains a control character. Rename it: a name is printed "
                        + "in every log line, and a control character there breaks the log (grep reads it as binary).");
            }
            Migration earlier = byName.put(m.name(), m);
            if (earlier != null) {
                throw new GuardConfigException(source + ": two migrations are named '" + m.name() + "' (" + earlier.file()
                        + " and " + m.file() + "). Names must be unique: rename one of them.");
            }
        }
        return new Changelog(source, migrations);
    }

    /**
     * The folder's {@code .sql} files in name order. Where the platform offers it (Linux), the folder
     * stays open while its files are read, and each is looked at and opened by its name inside it: the
     * kernel then looks up one name per call instead of walking the folder's whole path again, a third
     * of the reading's system time with a thousand files.
     */
    private static FolderRead listFolder(Path folder) {
        List<Path> files = new ArrayList<>();
        DirectoryStream<Path> listing;
        try {
            listing = Files.newDirectoryStream(folder);
        } catch (IOException e) {
            throw new GuardConfigException(folder + ": cannot list the changelog folder: " + Utf8Text.describe(e));
        }
        boolean kept = false;
        try {
            for (Path file : listing) {
                if (file.getFileName().toString().endsWith(".sql")) {
                    files.add(file);
                }
            }
            files.sort(null);
            FolderRead read = new FolderRead(files, realPath(folder),
                    listing instanceof SecureDirectoryStream<Path> open ? open : null);
            kept = read.open != null;
            return read;
        } catch (DirectoryIteratorException e) {
            throw new GuardConfigException(folder + ": cannot list the changelog folder: " + Utf8Text.describe(e.getCause()));
        } finally {
            if (!kept) {
                closeQuietly(listing);
            }
        }
    }

    private static void closeQuietly(DirectoryStream<Path> folder) {
        try {
            folder.close();
        } catch (IOException ignored) {
            // only read from: nothing is lost
        }
    }

    /**
     * A folder's files, read by whichever threads call {@link #readAll}: each takes the next file not
     * yet taken. A file that cannot be read stops the taking, and the first such file in name order is
     * the error, as when one thread reads them in order: every file before it was taken, and each taken
     * file is read (the check comes before the taking). {@link #migrations} is for a thread that saw every reader finish.
     * The open folder, when kept, is closed by the last reader to leave once nothing is left to take.
     */
    private static final class FolderRead {
        private final List<Path> files;
        private final Path realFolder;
        private final SecureDirectoryStream<Path> open;
        private final Migration[] migrations;
        private final RuntimeException[] failures;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger readers = new AtomicInteger();
        private volatile boolean failed;

        FolderRead(List<Path> files, Path realFolder, SecureDirectoryStream<Path> open) {
            this.files = files;
            this.realFolder = realFolder;
            this.open = open;
            this.migrations = new Migration[files.size()];
            this.failures = new RuntimeException[files.size()];
        }

        void readAll() {
            readers.incrementAndGet();
            try {
                while (!failed) {
                    int i = next.getAndIncrement();
                    if (i >= files.size()) {
                        return;
                    }
                    try {
                        migrations[i] = migration(files.get(i), realFolder, open);
                    } catch (RuntimeException e) {
                        failures[i] = e;
                        failed = true;
                    }
                }
            } finally {
                // Nothing is taken after the taking stopped, so no reader uses the folder after this.
                if (readers.decrementAndGet() == 0 && open != null) {
                    closeQuietly(open);
                }
            }
        }

        List<Migration> migrations() {
            List<Migration> read = new ArrayList<>(files.size());
            for (int i = 0; i < files.size(); i++) {
                if (failures[i] != null) {
                    throw failures[i];
                }
                if (migrations[i] != null) {
                    read.add(migrations[i]);
                }
            }
            return read;
        }
    }

    /**
     * The migration a listed file holds, or null for a folder or a device named *.sql: not a migration.
     * The file is looked at without following a link (one lstat, the cost of the plain check): only a
     * link is resolved, and one that leads out of the changelog folder is refused before it is read:
     * the image's reviewed migrations are the folder's files, not whatever a link points at.
     *
     * @param folder  the open folder to look the file up in by its name; null to use its whole path
     */
    private static Migration migration(Path file, Path realFolder, SecureDirectoryStream<Path> folder) {
        BasicFileAttributes attributes;
        try {
            attributes = folder != null
                    ? folder.getFileAttributeView(file.getFileName(), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes()
                    : Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new GuardConfigException(file + ": cannot read the migration: " + Utf8Text.describe(e) + ".");
        }
        byte[] bytes;
        if (attributes.isSymbolicLink()) {
            requireInside(file, realFolder);
            if (!Files.isRegularFile(file)) {
                return null;
            }
            bytes = read(file);
        } else if (attributes.isRegularFile()) {
            bytes = readRegularFile(file, attributes.size(), folder);
        } else {
            return null;
        }
        return new SqlFileMigration(file.getFileName().toString(), file, new String(bytes, StandardCharsets.UTF_8),
                Sha256.hex(bytes));
    }

    /**
     * A regular file's bytes, its size known from its lstat, read with the fewest system calls: one
     * open (by name in the open folder, not following a link), one read asking for a byte more than
     * the size (a read that returns fewer bytes than asked ends at the file's end), one close.
     * {@link Files#readAllBytes} also asks the size again, and RandomAccessFile checks that the file is
     * no folder; a boot reads every migration. A file whose size changed meanwhile, or any error, is
     * read again by {@link #read}, which says what went wrong; so is a file of another file system (a
     * changelog inside a jar on the class path).
     */
    private static byte[] readRegularFile(Path file, long size, SecureDirectoryStream<Path> folder) {
        if (size < Integer.MAX_VALUE - 1 && file.getFileSystem() == FileSystems.getDefault()) {
            try (SeekableByteChannel in = folder != null
                    ? folder.newByteChannel(file.getFileName(), READ_NOT_FOLLOWING)
                    : Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                ByteBuffer buffer = ByteBuffer.allocate((int) size + 1);
                while (buffer.position() < buffer.capacity()) {
                    // A heap buffer is read through a direct one as large, which the thread then keeps: at most a chunk a read.
                    int asked = Math.min(buffer.capacity() - buffer.position(), READ_CHUNK);
                    buffer.limit(buffer.position() + asked);
                    if (in.read(buffer) < asked) {
                        if (buffer.position() == size) {
                            return Arrays.copyOf(buffer.array(), (int) size);
                        }
                        break;
                    }
                }
            } catch (IOException e) {
                // read(file) below reports it
            }
        }
        return read(file);
    }

    private static void requireInside(Path file, Path realFolder) {
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            throw new GuardConfigException(file + ": the migration is a link to nothing (" + Utf8Text.describe(e)
                    + "). Ship the file itself in the changelog folder.");
        }
        if (!real.startsWith(realFolder)) {
            throw new GuardConfigException(file + ": the migration is a link to " + real + ", outside the changelog folder "
                    + realFolder + ". Ship the file itself in the changelog folder.");
        }
    }

    private static Path realPath(Path folder) {
        try {
            return folder.toRealPath();
        } catch (IOException e) {
            throw new GuardConfigException(folder + ": cannot read the changelog folder: " + Utf8Text.describe(e));
        }
    }

    public static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new GuardConfigException(file + ": cannot read the migration: permission denied. Make the file readable "
                    + "by the user the guard runs as (the image's build step may have dropped the permission).");
        } catch (IOException e) {
            throw new GuardConfigException(file + ": cannot read the migration: " + Utf8Text.describe(e) + ".");
        }
    }
}
