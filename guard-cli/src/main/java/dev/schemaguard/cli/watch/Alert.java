package dev.schemaguard.cli.watch;

import dev.schemaguard.BootReport;
import dev.schemaguard.GuardConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * One problem the watcher found, printed as exactly one {@code SCHEMA_GUARD_ALERT} line.
 * Absent details are {@code null} (or 0 for {@code boots}) and are left out of the line.
 */
record Alert(
        Shape shape,
        String code,
        String boot,
        String db,
        String phase,
        String missing,
        String migration,
        String reason,
        int boots,
        Duration window) {

    /** The failure shapes a watchdog must match; the names are part of the alert grammar. */
    public enum Shape { FAIL, HANG, CRASH_LOOP, SILENT }

    public static final String TOKEN = "SCHEMA_GUARD_ALERT";
    /** Printed as {@code boot=} for lines that carry no boot id. */
    public static final String ANONYMOUS_BOOT = "none";

    public Alert {
        Objects.requireNonNull(shape, "shape");
        code = code == null || code.isEmpty() ? "none" : code;
        boot = boot == null || boot.isEmpty() ? ANONYMOUS_BOOT : boot;
    }

    /** The alert line, logfmt, in the documented key order. */
    public String toLine() {
        StringBuilder line = new StringBuilder(TOKEN)
                .append(" shape=").append(shape)
                .append(' ').append(BootReport.field("code", code))
                .append(' ').append(BootReport.field("boot", boot));
        append(line, "db", db);
        append(line, "phase", phase);
        append(line, "missing", missing);
        append(line, "migration", migration);
        if (reason != null && !reason.isEmpty()) {
            // reason is always quoted so that a grep for reason="..." works on every alert
            line.append(" reason=\"").append(reason.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        if (boots > 0) {
            line.append(" boots=").append(boots);
        }
        if (window != null) {
            line.append(" window=").append(GuardConfig.formatDuration(window));
        }
        return line.toString();
    }

    private static void append(StringBuilder line, String key, String value) {
        if (value != null && !value.isEmpty()) {
            line.append(' ').append(BootReport.field(key, value));
        }
    }

    @Override
    public String toString() {
        return toLine();
    }
}
