package dev.schemaguard;

import dev.schemaguard.internal.render.VerifyRendering;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One problem {@code verify} found in what a build ships.
 *
 * @param check     stable id of the check (required-not-in-manifest, manifest-pin-mismatch, not-additive, ...)
 * @param severity  an error fails verify; a warning is reported and does not
 * @param file      the file it is about (the config, the manifest, a migration); null for a configuration built in code
 * @param line      the line in {@code file}, from 1; 0 when no single line is to blame
 * @param message   what is wrong and how to fix it
 */
public record Finding(String check, Severity severity, Path file, int line, String message) {

    public enum Severity {
        /** Fails verify (exit 1, a failed build). */
        ERROR,
        /** Reported, and verify still passes. */
        WARNING
    }

    public Finding {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        if (line < 0) {
            throw new IllegalArgumentException("line must be 0 (none) or positive: " + line);
        }
    }

    public static Finding error(String check, Path file, int line, String message) {
        return new Finding(check, Severity.ERROR, file, line, message);
    }

    public static Finding warning(String check, Path file, int line, String message) {
        return new Finding(check, Severity.WARNING, file, line, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /**
     * {@code path:line: [warning: ]check: message}, the path relative to {@code workingDirectory}
     * when the file lies under it, as verify prints it.
     */
    public String describe(Path workingDirectory) {
        return VerifyRendering.line(this, workingDirectory);
    }

    /** {@code file:line: check: message} (a warning says so after the location). */
    @Override
    public String toString() {
        String where = file == null ? "config" : file.toString();
        return where + (line > 0 ? ":" + line : "") + ": " + (isError() ? "" : "warning: ") + check + ": " + message;
    }
}
