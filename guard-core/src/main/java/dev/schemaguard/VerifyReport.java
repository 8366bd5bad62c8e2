package dev.schemaguard;

import java.util.List;

/**
 * The result of verifying a build's manifest and migrations against its contract, before deploy.
 *
 * @param findings   every problem found, not just the first; empty when the build is clean
 * @param simulated  the boot on a brand-new empty database, when one was simulated; null otherwise
 */
public record VerifyReport(List<Finding> findings, BootReport simulated) {

    public VerifyReport {
        findings = List.copyOf(findings);
    }

    public boolean clean() {
        return findings.isEmpty();
    }
}
