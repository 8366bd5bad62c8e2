package dev.schemaguard.cli;

import dev.schemaguard.BootReport;
import dev.schemaguard.MigrationOutcome;
import dev.schemaguard.MigrationOutcome.Status;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** info's view of a plan: one row per migration and per ledger row the changelog does not have, as a table or JSON. */
final class InfoTable {
    static final int JSON_SCHEMA_VERSION = 1;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final List<String> HEADER = List.of("MIGRATION", "REQUIRED", "MANIFEST", "PINNED", "STATUS", "APPLIED AT",
            "CHECKSUM", "WHY");

    private InfoTable() {
    }

    /** A word per status, as flyway info has: a plan's WOULD_APPLY is pending (a boot applies it). */
    static String status(MigrationOutcome m) {
        return switch (m.status()) {
            case ALREADY_APPLIED, APPLIED, RECORDED -> "applied";
            case WOULD_APPLY -> "pending";
            case HELD, UNVERIFIED -> "held";
            case WOULD_RECORD -> "pending";
            case FAILED -> "failed";
            case DRIFTED -> "drifted";
            case UNKNOWN -> "unknown";
        };
    }

    static String text(BootReport report) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (MigrationOutcome m : report.migrations()) {
            boolean known = m.status() != Status.UNKNOWN;
            rows.add(List.of(m.name(), known ? yesNo(m.required()) : "-", yesNo(m.inManifest()), yesNo(m.pinned()), status(m),
                    m.appliedAt() == null ? "-" : WHEN.format(m.appliedAt()),
                    m.checksum() == null ? "-" : m.checksum().substring(0, Math.min(12, m.checksum().length())),
                    abbreviateHashes(m.reason())));
        }
        int[] widths = new int[HEADER.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i + 1 < row.size() ? String.format("%-" + widths[i] + "s  ", row.get(i)) : row.get(i));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        Map<String, Long> counts = report.migrations().stream()
                .collect(Collectors.groupingBy(InfoTable::status, LinkedHashMap::new, Collectors.counting()));
        out.append('\n').append(report.migrations().size()).append(" row(s): ")
                .append(counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")))
                .append('\n');
        out.append("verdict of a boot now: ").append(report.verdict()).append(' ').append(report.code()).append(": ")
                .append(report.message()).append('\n');
        return out.toString();
    }

    /** {@code --format json}: the rows with every field, dates as ISO-8601 local date-times. */
    static Map<String, Object> json(BootReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("schemaVersion", JSON_SCHEMA_VERSION);
        json.put("database", report.target());
        json.put("verdict", report.verdict().name());
        json.put("code", report.code().name());
        json.put("message", report.message());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (MigrationOutcome m : report.migrations()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", m.name());
            row.put("status", status(m));
            row.put("required", m.required());
            row.put("inManifest", m.inManifest());
            row.put("pinned", m.pinned());
            row.put("appliedAt", m.appliedAt());
            row.put("checksum", m.checksum());
            row.put("reason", m.reason().isEmpty() ? null : m.reason());
            rows.add(row);
        }
        json.put("migrations", rows);
        return json;
    }

    /** A table cell names a 64-hex SHA-256 by its first 12 digits, as the CHECKSUM column does; JSON has them whole. */
    static String abbreviateHashes(String text) {
        return text.replaceAll("\\b([0-9a-f]{12})[0-9a-f]{52}\\b", "$1...");
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }
}
