package dev.schemaguard.internal.render;

import dev.schemaguard.SchemaGuard;
import dev.schemaguard.VerifyReport;
import dev.schemaguard.VerifyReport.Finding;
import dev.schemaguard.internal.render.Checks.Check;
import dev.schemaguard.internal.text.Json;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0 for code scanning ({@code github/codeql-action/upload-sarif}): one rule per check, with
 * help text, and each result at a path relative to the working directory ({@code %SRCROOT%}, the
 * checkout when CI runs at its root) and a start line.
 */
final class SarifReport {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    /** Where relative paths start: the checkout, for GitHub and most SARIF viewers. */
    static final String SOURCE_ROOT = "%SRCROOT%";

    private SarifReport() {
    }

    static String render(VerifyReport report, Locations locations) {
        List<Check> checks = Checks.including(report.findings().stream().map(Finding::check).toList());
        List<String> ids = checks.stream().map(Check::id).toList();
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", "schema-guard");
        driver.put("version", SchemaGuard.VERSION);
        driver.put("rules", checks.stream().map(SarifReport::rule).toList());
        List<Object> results = new ArrayList<>();
        for (Finding finding : report.findings()) {
            results.add(result(finding, ids.indexOf(finding.check()), locations));
        }
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        run.put("columnKind", "unicodeCodePoints");
        run.put("results", results);
        Map<String, Object> sarif = new LinkedHashMap<>();
        sarif.put("$schema", SCHEMA);
        sarif.put("version", "2.1.0");
        sarif.put("runs", List.of(run));
        return Json.pretty(sarif) + "\n";
    }

    private static Map<String, Object> rule(Check check) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("id", check.id());
        rule.put("name", check.ruleName());
        rule.put("shortDescription", Map.of("text", check.title()));
        rule.put("fullDescription", Map.of("text", check.meaning()));
        Map<String, Object> help = new LinkedHashMap<>();
        help.put("text", check.meaning() + " Fix: " + check.fix());
        help.put("markdown", "**" + check.title() + ".** " + check.meaning() + "\n\n**Fix:** " + check.fix());
        rule.put("help", help);
        rule.put("defaultConfiguration", Map.of("level", "manifest-pin-missing".equals(check.id()) ? "warning" : "error"));
        return rule;
    }

    private static Map<String, Object> result(Finding finding, int ruleIndex, Locations locations) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ruleId", finding.check());
        result.put("ruleIndex", ruleIndex);
        result.put("level", finding.isError() ? "error" : "warning");
        result.put("message", Map.of("text", locations.message(finding)));
        if (finding.file() != null) {
            Map<String, Object> artifact = new LinkedHashMap<>();
            if (locations.relative(finding.file())) {
                artifact.put("uri", uri(locations.path(finding.file())));
                artifact.put("uriBaseId", SOURCE_ROOT);
            } else {
                artifact.put("uri", finding.file().toAbsolutePath().normalize().toUri().toString());
            }
            Map<String, Object> physical = new LinkedHashMap<>();
            physical.put("artifactLocation", artifact);
            // A finding about a whole file is shown at its first line: code scanning needs a line.
            physical.put("region", Map.of("startLine", Math.max(1, finding.line())));
            result.put("locations", List.of(Map.of("physicalLocation", physical)));
        }
        return result;
    }

    /** A relative path as a URI reference: spaces and other reserved characters percent-encoded. */
    private static String uri(String relativePath) {
        try {
            return new URI(null, null, relativePath, null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(relativePath, e);
        }
    }
}
