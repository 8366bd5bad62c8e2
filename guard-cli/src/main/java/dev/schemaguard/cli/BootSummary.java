package dev.schemaguard.cli;

import dev.schemaguard.BootReport;
import dev.schemaguard.MigrationOutcome;
import dev.schemaguard.MigrationOutcome.Status;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a person at a terminal reads above the verdict line: the verdict in words, what was applied,
 * what was held and why, the integrity result, and on failure the fix. Logs piped to a collector
 * never get it: their lines stay exactly the machine-readable ones.
 */
final class BootSummary {
    private static final String INDENT = "             ";

    private BootSummary() {
    }

    static String text(BootReport report) {
        StringBuilder out = new StringBuilder();
        out.append("schema-guard boot: ").append(report.verdict())
                .append(report.passed() ? "" : " " + report.code())
                .append(" in ").append(report.elapsedMs()).append(" ms, ").append(report.target()).append('\n');
        List<MigrationOutcome> applied = with(report, Status.APPLIED);
        out.append(String.format("  %-10s %d", "applied", applied.size()));
        if (!applied.isEmpty()) {
            out.append(": ").append(applied.stream().map(MigrationOutcome::name).collect(Collectors.joining(", ")));
        }
        out.append('\n');
        for (Status status : List.of(Status.FAILED, Status.HELD, Status.DRIFTED)) {
            List<MigrationOutcome> these = with(report, status);
            if (!these.isEmpty()) {
                out.append(String.format("  %-10s %d%n", status.name().toLowerCase(java.util.Locale.ROOT), these.size()));
                these.forEach(m -> out.append(INDENT).append(m.name()).append(": ").append(m.reason()).append('\n'));
            }
        }
        out.append(String.format("  %-10s %s%n", "integrity", report.integrity()));
        if (!report.passed()) {
            out.append(String.format("  %-10s %s%n", "why", report.message()));
        }
        return out.toString();
    }

    private static List<MigrationOutcome> with(BootReport report, Status status) {
        return report.migrations().stream().filter(m -> m.status() == status).toList();
    }
}
