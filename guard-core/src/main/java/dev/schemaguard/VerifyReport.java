package dev.schemaguard;

import dev.schemaguard.internal.render.VerifyRendering;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The result of verifying a build's manifest and migrations against its contract, before deploy.
 *
 * @param findings   every problem found, not just the first, errors and warnings; empty when there is none
 * @param simulated  the boot on a brand-new empty database, when one was simulated; null otherwise
 */
public record VerifyReport(List<Finding> findings, BootReport simulated) {

    public VerifyReport {
        findings = List.copyOf(findings);
    }

    /** Whether nothing fails verify: no finding is an error (warnings may remain). */
    public boolean clean() {
        return findings.stream().noneMatch(Finding::isError);
    }

    /** {@code verify: clean}, {@code verify: clean, 3 warning(s)} or {@code verify: 2 finding(s), 3 warning(s)}. */
    public String summary() {
        return VerifyRendering.summary(this);
    }

    /**
     * The report as text, JSON, SARIF 2.1.0, GitHub Actions annotations or JUnit XML, with file paths
     * relative to {@code workingDirectory} (the repository's root when CI runs there).
     */
    public String render(Format format, Path workingDirectory) {
        return VerifyRendering.render(this, format, workingDirectory);
    }

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

    /** How {@link VerifyReport#render} writes a report: for people, or for a CI system. */
    public enum Format {
        /** {@code file:line: check: message} lines and a summary line. */
        TEXT,
        /** A JSON document with {@code schemaVersion}, each finding with its file and line. */
        JSON,
        /** SARIF 2.1.0, for code scanning ({@code github/codeql-action/upload-sarif}). */
        SARIF,
        /** GitHub Actions workflow commands: {@code ::error file=...,line=...,title=...::message}. */
        GITHUB,
        /** JUnit XML, one test case per check. */
        JUNIT;

        /**
         * The format named {@code name}, in any case ({@code sarif}, {@code SARIF}).
         *
         * @throws GuardConfigException naming the known formats
         */
        public static Format of(String name) {
            for (Format format : values()) {
                if (format.name().equalsIgnoreCase(name.strip())) {
                    return format;
                }
            }
            throw new GuardConfigException("unknown format '" + name + "'. Known formats: "
                    + Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + ".");
        }
    }
}
