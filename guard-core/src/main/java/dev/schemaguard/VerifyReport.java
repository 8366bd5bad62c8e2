package dev.schemaguard;

import dev.schemaguard.internal.render.VerifyRendering;
import java.nio.file.Path;
import java.util.List;

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
    public String render(ReportFormat format, Path workingDirectory) {
        return VerifyRendering.render(this, format, workingDirectory);
    }
}
