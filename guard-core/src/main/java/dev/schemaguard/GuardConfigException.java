package dev.schemaguard;

/**
 * A user mistake in the configuration, the manifest or the changelog. The message names the
 * file (and line, when there is one) and says how to fix it; it is never a stack trace.
 */
public class GuardConfigException extends RuntimeException {
    public GuardConfigException(String message) {
        super(message);
    }

    public GuardConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
