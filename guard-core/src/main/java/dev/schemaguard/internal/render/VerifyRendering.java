package dev.schemaguard.internal.render;

import dev.schemaguard.VerifyReport;
import dev.schemaguard.VerifyReport.Finding;
import java.nio.file.Path;

/** The one place a verify report becomes text, for the CLI and the Maven plugin alike. */
public final class VerifyRendering {
    private VerifyRendering() {
    }

    public static String render(VerifyReport report, VerifyReport.Format format, Path workingDirectory) {
        Locations locations = Locations.under(workingDirectory);
        return switch (format) {
            case TEXT -> text(report, locations);
            case JSON -> JsonReport.render(report, locations);
            case SARIF -> SarifReport.render(report, locations);
            case GITHUB -> GithubReport.render(report, locations) + summary(report) + "\n";
            case JUNIT -> JunitReport.render(report, locations);
        };
    }

    /** One finding as a line: {@code path:line: [warning: ]check: message}. */
    public static String line(Finding finding, Path workingDirectory) {
        Locations locations = Locations.under(workingDirectory);
        return locations.where(finding) + ": " + (finding.isError() ? "" : "warning: ") + finding.check() + ": "
                + locations.message(finding);
    }

    /** {@code verify: clean}, or how many findings fail it, and how many warnings there are. */
    public static String summary(VerifyReport report) {
        long errors = report.findings().stream().filter(Finding::isError).count();
        long warnings = report.findings().size() - errors;
        String head = errors == 0 ? "verify: clean" : "verify: " + errors + " finding(s)";
        return warnings == 0 ? head : head + ", " + warnings + " warning(s)";
    }

    private static String text(VerifyReport report, Locations locations) {
        StringBuilder out = new StringBuilder();
        for (Finding finding : report.findings()) {
            out.append(line(finding, locations.base())).append('\n');
        }
        return out.append(summary(report)).append('\n').toString();
    }
}
