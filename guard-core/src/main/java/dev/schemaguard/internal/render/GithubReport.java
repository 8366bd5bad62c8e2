package dev.schemaguard.internal.render;

import dev.schemaguard.VerifyReport;
import dev.schemaguard.VerifyReport.Finding;

/**
 * GitHub Actions workflow commands, one per finding, which the runner turns into annotations on the
 * file and line: {@code ::error file=<path>,line=<n>,title=<check>::<message>}, {@code ::warning}
 * for what does not fail. Escaped as the Actions toolkit does: {@code %}, CR and LF everywhere, and
 * {@code :} and {@code ,} in property values too.
 */
final class GithubReport {
    private GithubReport() {
    }

    static String render(VerifyReport report, Locations locations) {
        StringBuilder out = new StringBuilder();
        for (Finding finding : report.findings()) {
            out.append("::").append(finding.isError() ? "error" : "warning").append(' ');
            if (finding.file() != null) {
                out.append("file=").append(property(locations.path(finding.file()))).append(',');
                if (finding.line() > 0) {
                    out.append("line=").append(finding.line()).append(',');
                }
            }
            out.append("title=").append(property(finding.check()))
                    .append("::").append(data(locations.message(finding))).append('\n');
        }
        return out.toString();
    }

    static String data(String text) {
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    static String property(String text) {
        return data(text).replace(":", "%3A").replace(",", "%2C");
    }
}
