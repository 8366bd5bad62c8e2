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

    /**
     * One problem {@code verify} found in what a build ships.
     *
     * @param check    stable id of the check (required-not-in-manifest, manifest-pin-mismatch, not-additive, ...)
     * @param where    file:line it is about
     * @param message  what is wrong and how to fix it
     */
    public record Finding(String check, String where, String message) {

        @Override
        public String toString() {
            return where + ": " + check + ": " + message;
        }
    }
}
