package dev.schemaguard;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How {@link VerifyReport#render} writes a report: for people, or for a CI system. */
public enum ReportFormat {
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
    public static ReportFormat of(String name) {
        for (ReportFormat format : values()) {
            if (format.name().equalsIgnoreCase(name.strip())) {
                return format;
            }
        }
        throw new GuardConfigException("unknown format '" + name + "'. Known formats: "
                + Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + ".");
    }
}
