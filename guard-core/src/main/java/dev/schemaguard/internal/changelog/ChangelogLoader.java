package dev.schemaguard.internal.changelog;

import dev.schemaguard.internal.Helpers;
import dev.schemaguard.internal.io.Sha256;
import dev.schemaguard.internal.io.Utf8Text;
import dev.schemaguard.GuardConfigException;
import dev.schemaguard.internal.liquibase.LiquibaseChangelogs;
import dev.schemaguard.internal.text.ControlChars;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** Reads a changelog: a folder of {@code .sql} files in file-name order, or a Liquibase changelog file. */
public final class ChangelogLoader {
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

    private static FolderRead listFolder(Path folder) {
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().toList();
        } catch (IOException e) {
            throw new GuardConfigException(folder + ": cannot list the changelog folder: " + Utf8Text.describe(e));
        }
        return new FolderRead(files, realPath(folder));
    }

    /**
     * A folder's files, read by whichever threads call {@link #readAll}: each takes the next file not
     * yet taken. A file that cannot be read stops the taking, and the first such file in name order is
     * the error, as when one thread reads them in order: every file before it was taken, and each taken
     * file is read (the check comes before the taking). {@link #migrations} is for a thread that saw every reader finish.
     */
    private static final class FolderRead {
        private final List<Path> files;
        private final Path realFolder;
        private final Migration[] migrations;
        private final RuntimeException[] failures;
        private final AtomicInteger next = new AtomicInteger();
        private volatile boolean failed;

        FolderRead(List<Path> files, Path realFolder) {
            this.files = files;
            this.realFolder = realFolder;
            this.migrations = new Migration[files.size()];
            this.failures = new RuntimeException[files.size()];
        }

        void readAll() {
            while (!failed) {
                int i = next.getAndIncrement();
                if (i >= files.size()) {
                    return;
                }
                try {
                    migrations[i] = migration(files.get(i), realFolder);
                } catch (RuntimeException e) {
                    failures[i] = e;
                    failed = true;
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
     */
    private static Migration migration(Path file, Path realFolder) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
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
            bytes = readRegularFile(file, attributes.size());
        } else {
            return null;
        }
        return new SqlFileMigration(file.getFileName().toString(), file, new String(bytes, StandardCharsets.UTF_8),
                Sha256.hex(bytes));
    }

    /**
     * A regular file's bytes, its size known from its lstat: read with fewer system calls than
     * {@link Files#readAllBytes} makes (no fstat; a boot reads every migration). A file whose size
     * changed meanwhile, or any error, is read again by {@link #read}, which says what went wrong; so
     * is a file of another file system (a changelog inside a jar on the class path).
     */
    private static byte[] readRegularFile(Path file, long size) {
        if (size < Integer.MAX_VALUE && file.getFileSystem() == FileSystems.getDefault()) {
            try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
                byte[] bytes = new byte[(int) size];
                in.readFully(bytes);
                if (in.read() < 0) {
                    return bytes;
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
