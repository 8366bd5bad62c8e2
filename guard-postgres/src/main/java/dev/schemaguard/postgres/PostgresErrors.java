package dev.schemaguard.postgres;

import dev.schemaguard.Code;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/** What PostgreSQL's SQLStates mean to a boot, and a refused login said with the user and host it concerns. */
final class PostgresErrors {
    private PostgresErrors() {
    }

    static Optional<Code> codeFor(SQLException error) {
        String state = error.getSQLState();
        if (state == null) {
            return Optional.empty();
        }
        return switch (state) {
            // pgjdbc's "connection rejected": the server asked for a password and none was given, or for an
            // authentication method the driver cannot do. Waiting does not help.
            case "08004" -> Optional.of(Code.AUTHENTICATION_FAILED);
            // too many clients; the server shutting down (admin, crash) or starting up / in recovery
            case "53300", "57P01", "57P02", "57P03" -> Optional.of(Code.DATABASE_UNREACHABLE);
            case "28P01", "28000" -> Optional.of(Code.AUTHENTICATION_FAILED);
            case "3D000" -> Optional.of(Code.DATABASE_MISSING);
            case "55P03" -> Optional.of(Code.LOCK_TIMEOUT);
            // query_canceled: statement_timeout, or the boot's own cancel at its deadline
            case "57014" -> Optional.of(Code.DEADLINE_EXCEEDED);
            case "25006" -> Optional.of(Code.DATABASE_READ_ONLY);
            case "53100" -> Optional.of(Code.DISK_FULL);
            // connection exceptions: refused, broken, timed out
            default -> state.startsWith("08") ? Optional.of(Code.DATABASE_UNREACHABLE) : Optional.empty();
        };
    }

    /**
     * The driver's error for a refused login, restated with the user and the server it was refused
     * by (pgjdbc names the user only, and not in every case). Never the password: it is not known here.
     */
    static SQLException loginRefused(SQLException e, String jdbcUrl, String user) {
        Properties parsed = org.postgresql.Driver.parseURL(jdbcUrl, new Properties());
        String host = parsed == null ? "the server" : parsed.getProperty("PGHOST", "localhost") + ":" + parsed.getProperty("PGPORT", "5432");
        String who = user != null ? user : parsed == null ? null : parsed.getProperty("user");
        String message = "the server " + host + " refused the login of user " + (who == null ? "(none given)" : "\"" + who + "\"")
                + ": " + firstLine(e.getMessage());
        // Not chained to the driver's error: a boot reports the innermost error of a chain (a pool's wraps the
        // driver's), and this one says more.
        return new SQLException(message, e.getSQLState(), e.getErrorCode());
    }

    static boolean isLoginRefused(SQLException e) {
        return codeFor(e).orElse(null) == Code.AUTHENTICATION_FAILED;
    }

    private static String firstLine(String message) {
        return message == null ? "no message" : message.lines().findFirst().orElse("").strip();
    }
}
