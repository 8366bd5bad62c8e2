package dev.schemaguard.mariadb;

import dev.schemaguard.Code;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The stable code of a MariaDB / MySQL error, by its server error number (stable across versions) and,
 * for failures to reach the server, by SQLState class 08.
 */
final class ErrorCodes {
    private ErrorCodes() {
    }

    static Optional<Code> codeFor(SQLException error) {
        Code code = switch (error.getErrorCode()) {
            // access denied for user (wrong password, unknown user, host not allowed); to a database
            case 1045, 1044, 1698 -> Code.AUTHENTICATION_FAILED;
            case 1049 -> Code.DATABASE_MISSING; // unknown database
            case 1205 -> Code.LOCK_TIMEOUT; // lock wait timeout: metadata lock (lock_wait_timeout) or row lock
            case 1290, 1792, 1836 -> Code.DATABASE_READ_ONLY; // --read-only, READ ONLY transaction, read-only mode
            case 1021 -> Code.DISK_FULL; // disk full: the server could not write
            case 1969, 3024 -> Code.DEADLINE_EXCEEDED; // max_statement_time (MariaDB), max_execution_time (MySQL) ran out
            case 1040, 1053, 1077, 1927, 2002, 2003, 2006, 2013 -> Code.DATABASE_UNREACHABLE; // too many connections, shutdown, lost
            default -> null;
        };
        if (code == null && error.getSQLState() != null && error.getSQLState().startsWith("08")) {
            code = Code.DATABASE_UNREACHABLE;
        }
        return Optional.ofNullable(code);
    }
}
