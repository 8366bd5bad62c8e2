package dev.schemaguard.postgres;

import java.sql.Connection;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The statement limits a session of the guard is known to hold, so that a migration whose limits
 * equal the last one's is not preceded by a statement that sets them again (a round trip in every
 * migration of a first boot). Known only while nothing can have changed them since the guard set
 * them: a migration may set its own positive limits (SESSION or LOCAL), so its statements take the
 * knowledge away as they start ({@link #take}), and its engine judge gives it back only when it
 * found lock_timeout and statement_timeout after the statements as they were before. Releasing the
 * apply lock, which resets both, forgets it.
 */
final class KnownLimits {
    /** By the connection object's identity (neither pgjdbc's connection nor a pool's proxy overrides equals). */
    private static final Map<Connection, String> HELD = Collections.synchronizedMap(new WeakHashMap<>());

    private KnownLimits() {
    }

    /** The text a pair of limits is known by. */
    static String of(String lockTimeout, String statementTimeout) {
        return lockTimeout + "/" + statementTimeout;
    }

    static boolean holds(Connection connection, String limits) {
        return limits.equals(HELD.get(connection));
    }

    /** The session holds {@code limits} now (the guard set them, or a judged migration left them so). */
    static void held(Connection connection, String limits) {
        HELD.put(connection, limits);
    }

    /** What the session held as a migration's statements start, no longer known until it is given back. */
    static String take(Connection connection) {
        return HELD.remove(connection);
    }

    static void forget(Connection connection) {
        HELD.remove(connection);
    }
}
