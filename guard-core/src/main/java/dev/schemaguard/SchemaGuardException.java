package dev.schemaguard;

/** Thrown by {@link SchemaGuard#bootOrThrow()} when the boot did not pass; carries the full report. */
public class SchemaGuardException extends RuntimeException {
    private final transient BootReport report;

    public SchemaGuardException(BootReport report) {
        super(report.line());
        this.report = report;
    }

    public BootReport report() {
        return report;
    }
}
