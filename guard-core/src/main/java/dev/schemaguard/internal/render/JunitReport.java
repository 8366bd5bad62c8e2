package dev.schemaguard.internal.render;

import dev.schemaguard.VerifyReport;
import dev.schemaguard.VerifyReport.Finding;
import dev.schemaguard.internal.render.Checks.Check;
import java.util.List;

/**
 * JUnit XML, for CI systems that show test reports: one test suite, one test case per check. A
 * check with errors fails and lists them; one with only warnings passes and prints them; a check
 * that did not run (simulate-fresh without {@code --simulate-fresh}) is skipped.
 */
final class JunitReport {
    private static final String SUITE = "schema-guard verify";

    private JunitReport() {
    }

    static String render(VerifyReport report, Locations locations) {
        List<Check> checks = Checks.including(report.findings().stream().map(Finding::check).toList());
        StringBuilder cases = new StringBuilder();
        int failures = 0;
        int skipped = 0;
        for (Check check : checks) {
            List<Finding> found = report.findings().stream().filter(f -> f.check().equals(check.id())).toList();
            List<Finding> errors = found.stream().filter(Finding::isError).toList();
            cases.append("    <testcase classname=\"schema-guard.verify\" name=\"").append(xml(check.id())).append("\"");
            if (!ran(check, report)) {
                skipped++;
                cases.append(">\n      <skipped message=\"not run: pass --simulate-fresh\"/>\n    </testcase>\n");
            } else if (!errors.isEmpty()) {
                failures++;
                cases.append(">\n      <failure type=\"").append(xml(check.id())).append("\" message=\"")
                        .append(xml(errors.size() + " finding(s): " + check.title())).append("\">")
                        .append(xml(lines(errors, locations))).append("</failure>\n");
                appendWarnings(cases, found, locations);
                cases.append("    </testcase>\n");
            } else if (!found.isEmpty()) {
                cases.append(">\n");
                appendWarnings(cases, found, locations);
                cases.append("    </testcase>\n");
            } else {
                cases.append("/>\n");
            }
        }
        String counts = " tests=\"" + checks.size() + "\" failures=\"" + failures + "\" errors=\"0\" skipped=\"" + skipped + "\"";
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<testsuites name=\"" + SUITE + "\"" + counts + ">\n"
                + "  <testsuite name=\"" + SUITE + "\"" + counts + ">\n"
                + cases
                + "  </testsuite>\n"
                + "</testsuites>\n";
    }

    private static boolean ran(Check check, VerifyReport report) {
        return !"simulate-fresh".equals(check.id()) || report.simulated() != null;
    }

    private static void appendWarnings(StringBuilder cases, List<Finding> found, Locations locations) {
        List<Finding> warnings = found.stream().filter(f -> !f.isError()).toList();
        if (!warnings.isEmpty()) {
            cases.append("      <system-out>").append(xml(lines(warnings, locations))).append("</system-out>\n");
        }
    }

    private static String lines(List<Finding> findings, Locations locations) {
        StringBuilder text = new StringBuilder();
        for (Finding f : findings) {
            text.append(VerifyRendering.line(f, locations.base())).append('\n');
        }
        return text.toString();
    }

    /** XML 1.0 text or attribute: the five entities escaped, characters XML cannot carry dropped. */
    static String xml(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
