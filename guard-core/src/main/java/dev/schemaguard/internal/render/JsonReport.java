package dev.schemaguard.internal.render;

import dev.schemaguard.BootReport;
import dev.schemaguard.VerifyReport;
import dev.schemaguard.VerifyReport.Finding;
import dev.schemaguard.internal.text.Json;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * verify's JSON. {@code schemaVersion} 2 split the old {@code where} ("file:line") into {@code file}
 * and {@code line}, with paths relative to the working directory.
 */
final class JsonReport {
    static final int SCHEMA_VERSION = 2;

    private JsonReport() {
    }

    static String render(VerifyReport report, Locations locations) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("schemaVersion", SCHEMA_VERSION);
        json.put("clean", report.clean());
        json.put("findings", report.findings().stream().map(f -> finding(f, locations)).toList());
        json.put("simulated", report.simulated() == null ? null : simulated(report.simulated()));
        return Json.pretty(json) + "\n";
    }

    private static Map<String, Object> finding(Finding finding, Locations locations) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("check", finding.check());
        json.put("severity", finding.severity().name().toLowerCase(Locale.ROOT));
        json.put("file", locations.path(finding.file()));
        json.put("line", finding.line() > 0 ? finding.line() : null);
        json.put("message", locations.message(finding));
        return json;
    }

    private static Map<String, Object> simulated(BootReport boot) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("verdict", boot.verdict().name());
        json.put("code", boot.code().name());
        json.put("applied", boot.applied());
        json.put("pending", boot.pending());
        return json;
    }
}
