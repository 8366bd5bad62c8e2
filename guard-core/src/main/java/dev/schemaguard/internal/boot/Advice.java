package dev.schemaguard.internal.boot;

import dev.schemaguard.Code;

/**
 * The fix that goes with a code a driver error was given, worded for the operator who reads the
 * line: a read-only volume is not fixed by editing the migration, nor a wrong password by checking
 * the network.
 */
final class Advice {
    private Advice() {
    }

    static String fix(Code code) {
        return switch (code) {
            case DATABASE_UNREACHABLE -> "Check that the server is up and reachable from here (host, port, network, "
                    + "pg_hba.conf), or that the database file's folder exists; then boot again.";
            case AUTHENTICATION_FAILED -> "Fix the user or the password (--password-file, PGPASSWORD, or the URL) or the "
                    + "server's pg_hba.conf; a refused login is not retried.";
            case LOCK_TIMEOUT -> "Another session holds the lock; let it finish (find it in pg_stat_activity or pg_locks) "
                    + "and boot again.";
            case LOCKED -> "Another process holds the database's write lock; let it finish (or stop it) and boot again. "
                    + "To find it: fuser <file>, or lsof <file>.";
            case DATABASE_READ_ONLY -> "Make the database writable for the boot: mount its volume read-write and the "
                    + "file and its folder writable by this user, or point the service at a database that accepts writes.";
            case DISK_FULL -> "Free space on the volume (or grow it), then boot again: what was applied before stays, the "
                    + "rest is applied then.";
            case INTERNAL_ERROR -> "This is a defect in Schema Guard; please report it with this line.";
            default -> "See docs/watchdog.md (Codes) for " + code + ".";
        };
    }
}
