package dev.schemaguard.sqlite;

import dev.schemaguard.Code;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * What SQLite's result codes mean to a boot, and the faults of the file's surroundings said plainly:
 * a read-only file, folder or mount (also the WAL variant, where the folder cannot hold the {@code -shm}
 * file and SQLite can then not even read), and a full disk (also the WAL variant, where growing
 * {@code -shm} fails with an I/O error). Each becomes an error with the code a boot reports and a fix.
 */
final class SqliteFaults {
    private static final int BUSY = 5;
    private static final int LOCKED = 6;
    private static final int READONLY = 8;
    private static final int IOERR = 10;
    private static final int FULL = 13;
    private static final int CANTOPEN = 14;

    private SqliteFaults() {
    }

    static Optional<Code> codeFor(SQLException error) {
        if (!(error instanceof SQLiteException)) {
            return Optional.empty();
        }
        int extended = error.getErrorCode();
        return switch (extended & 0xff) {
            case BUSY, LOCKED -> Optional.of(Code.LOCKED);
            case READONLY -> Optional.of(Code.DATABASE_READ_ONLY);
            case FULL -> Optional.of(Code.DISK_FULL);
            case IOERR -> extended == SQLiteErrorCode.SQLITE_IOERR_SHMSIZE.code ? Optional.of(Code.DISK_FULL) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** An error from opening (or first reading) {@code db}, restated when its surroundings explain it. */
    static SQLException explain(SQLException e, Path db) {
        int primary = e.getErrorCode() & 0xff;
        Path folder = db.toAbsolutePath().getParent();
        if ((primary == CANTOPEN || primary == READONLY) && Files.exists(db)) {
            Optional<String> readOnly = readOnlyReason(db);
            if (readOnly.isPresent()) {
                return new SQLiteException(db + " cannot be opened: " + readOnly.get(), SQLiteErrorCode.SQLITE_READONLY);
            }
        }
        if ((primary == IOERR || primary == FULL) && noSpaceLeft(folder)) {
            return new SQLiteException("no space left on the device holding " + folder + " (" + firstLine(e) + ")",
                    SQLiteErrorCode.SQLITE_FULL);
        }
        return e;
    }

    /**
     * Why SQLite cannot write {@code db}, with the fix; empty when it can. SQLite needs the file and
     * its folder writable: the folder holds the rollback journal, or the {@code -wal} and {@code -shm}
     * files in WAL mode.
     */
    static Optional<String> readOnlyReason(Path db) {
        Path file = db.toAbsolutePath();
        Path folder = file.getParent();
        boolean mountReadOnly;
        try {
            mountReadOnly = Files.getFileStore(file).isReadOnly();
        } catch (IOException e) {
            mountReadOnly = false;
        }
        if (mountReadOnly) {
            return Optional.of("it is on a read-only mount. Mount the volume read-write for the boot (a migration "
                    + "writes to the file and to a journal next to it).");
        }
        if (!Files.isWritable(file)) {
            return Optional.of("the file " + file + " is read-only for this user. Make it writable by the user the "
                    + "guard runs as.");
        }
        if (!Files.isWritable(folder)) {
            return Optional.of("its folder " + folder + " is read-only for this user, and SQLite writes its journal (or, "
                    + "in WAL mode, its -wal and -shm files) there. Make the folder writable by the user the guard runs as.");
        }
        return Optional.empty();
    }

    private static boolean noSpaceLeft(Path folder) {
        try {
            return Files.getFileStore(folder).getUsableSpace() < 64 * 1024;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first line of an error's message, for a message of the guard's own. */
    static String firstLine(Throwable e) {
        return e.getMessage() == null ? "no message" : e.getMessage().lines().findFirst().orElse("").strip();
    }
}
