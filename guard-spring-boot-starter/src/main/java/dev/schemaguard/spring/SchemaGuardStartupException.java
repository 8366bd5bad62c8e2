package dev.schemaguard.spring;

import dev.schemaguard.BootReport;

/**
 * The boot did not pass, so the application must not start. The message deliberately does not repeat
 * the {@code SCHEMA_GUARD} line (Spring logs the message of a failed refresh, and a watchdog counts
 * lines); {@link SchemaGuardFailureAnalyzer} turns the report into the start-up failure report.
 */
public class SchemaGuardStartupException extends RuntimeException {
    private final transient BootReport report;

    public SchemaGuardStartupException(BootReport report) {
        super("Schema Guard refused the start: " + report.verdict() + " " + report.code()
                + " (its verdict line was logged by dev.schemaguard)");
        this.report = report;
    }

    public BootReport report() {
        return report;
    }
}
