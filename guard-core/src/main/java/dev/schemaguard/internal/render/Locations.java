package dev.schemaguard.internal.render;

import dev.schemaguard.VerifyReport.Finding;
import java.io.File;
import java.nio.file.Path;

/**
 * Where a finding is, as a CI system reads it: a path relative to the working directory (the
 * repository's root when CI runs there), with {@code /} separators; a file outside it keeps its
 * absolute path, since no relative path would point at it.
 */
record Locations(Path base) {

    static Locations under(Path workingDirectory) {
        return new Locations(workingDirectory.toAbsolutePath().normalize());
    }

    /** Whether the file lies under the working directory, so that its path is relative. */
    boolean relative(Path file) {
        return absolute(file).startsWith(base);
    }

    /** The file's path as shown; null for a finding without a file. */
    String path(Path file) {
        if (file == null) {
            return null;
        }
        Path absolute = absolute(file);
        return absolute.startsWith(base) ? base.relativize(absolute).toString().replace(File.separatorChar, '/') : absolute.toString();
    }

    /** {@code path:line}, {@code path}, or {@code config} for a configuration built in code. */
    String where(Finding finding) {
        String path = finding.file() == null ? "config" : path(finding.file());
        return finding.line() > 0 ? path + ":" + finding.line() : path;
    }

    /** A message with the working directory's absolute prefix taken off the paths it names. */
    String message(Finding finding) {
        return finding.message().replace(base + File.separator, "");
    }

    private static Path absolute(Path file) {
        return file.toAbsolutePath().normalize();
    }
}
