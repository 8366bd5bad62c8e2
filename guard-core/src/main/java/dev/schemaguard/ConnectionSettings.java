package dev.schemaguard;

import java.time.Duration;

/**
 * How the guard connects and how long it lets a statement wait.
 *
 * @param user              user name when not in the URL; may be null
 * @param password          password when not in the URL; may be null. Never printed: {@link #toString()} masks it
 * @param lockTimeout       PostgreSQL {@code lock_timeout} while applying
 * @param statementTimeout  PostgreSQL {@code statement_timeout} while applying
 */
public record ConnectionSettings(String user, String password, Duration lockTimeout, Duration statementTimeout) {
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(30);
    public static final ConnectionSettings DEFAULT = new ConnectionSettings(null, null, DEFAULT_LOCK_TIMEOUT, DEFAULT_STATEMENT_TIMEOUT);

    public ConnectionSettings withCredentials(String newUser, String newPassword) {
        return new ConnectionSettings(newUser, newPassword, lockTimeout, statementTimeout);
    }

    public ConnectionSettings withTimeouts(Duration newLockTimeout, Duration newStatementTimeout) {
        return new ConnectionSettings(user, password, newLockTimeout, newStatementTimeout);
    }

    @Override
    public String toString() {
        return "ConnectionSettings[user=" + user + ", password=" + (password == null ? "null" : "***")
                + ", lockTimeout=" + lockTimeout + ", statementTimeout=" + statementTimeout + "]";
    }
}
