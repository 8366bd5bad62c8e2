package dev.schemaguard.cli.watch;

import dev.schemaguard.BootReport;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code SCHEMA_GUARD ...} line as a boot prints it, with whatever a log pipeline put
 * in front of it (a {@code docker logs -t} timestamp, a journald header, a level).
 *
 * @param prefix the text before the {@code SCHEMA_GUARD} token, kept for its timestamp
 * @param fields the logfmt fields after the token, in order
 */
public record LogLine(String prefix, Map<String, String> fields) {

    static final String TOKEN = "SCHEMA_GUARD";

    public LogLine {
        fields = Map.copyOf(fields);
    }

    /**
     * Finds the token {@code SCHEMA_GUARD} followed by a space anywhere in {@code raw}.
     * Anything else (foreign lines, our own {@code SCHEMA_GUARD_ALERT} lines, junk) is empty.
     */
    public static Optional<LogLine> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        int from = 0;
        while (true) {
            int at = raw.indexOf(TOKEN + " ", from);
            if (at < 0) {
                return Optional.empty();
            }
            if (at == 0 || !isWordChar(raw.charAt(at - 1))) {
                Map<String, String> fields = BootReport.fields(raw.substring(at + TOKEN.length() + 1));
                boolean meaningful = fields.containsKey("result") || fields.containsKey("phase");
                return meaningful ? Optional.of(new LogLine(raw.substring(0, at), fields)) : Optional.empty();
            }
            from = at + 1;
        }
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(fields.get(key)).filter(v -> !v.isEmpty());
    }

    /** The {@code boot=} id, absent on lines of older or foreign guards. */
    public Optional<String> boot() {
        return get("boot");
    }

    /** A final line: {@code result=PASS|FAIL|HANG}. */
    public boolean isVerdict() {
        return fields.containsKey("result");
    }

    /** The first line of a boot: {@code phase=boot status=STARTED}. */
    public boolean isBootStart() {
        return !isVerdict() && "boot".equals(fields.get("phase")) && "STARTED".equals(fields.get("status"));
    }

    public String result() {
        return fields.getOrDefault("result", "");
    }
}
