package dev.schemaguard.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.internal.text.Logfmt;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The distinctive line's grammar, pinned: what watchdogs match. */
public final class GuardLines {
    private static final String VALUE = "(?:[^\\s\"]+|\"(?:[^\"\\\\]|\\\\.)*\")";
    public static final Pattern VERDICT = Pattern.compile("^SCHEMA_GUARD result=(PASS|FAIL|HANG) code=([A-Z_]+) db=" + VALUE
            + " (?:applied|would_apply)=\\d+ pending=\\d+ integrity=(ok|skipped_size|skipped_stamp|off|failed|unfinished) elapsed_ms=\\d+"
            + "(?: [a-z_]+=" + VALUE + ")*$");
    private static final Pattern PAIR = Pattern.compile("([a-z_]+)=(" + VALUE + ")");

    private GuardLines() {
    }

    /**
     * Whether a watchdog reads this log line as a verdict: the token {@code SCHEMA_GUARD} (not inside
     * a longer word) followed by logfmt fields with {@code result=}. The CLI's watch parser reads lines
     * the same way, and the CLI's tests count verdicts with it.
     */
    public static boolean readsAsVerdict(String raw) {
        int at = raw.indexOf("SCHEMA_GUARD ");
        while (at > 0 && (Character.isLetterOrDigit(raw.charAt(at - 1)) || raw.charAt(at - 1) == '_')) {
            at = raw.indexOf("SCHEMA_GUARD ", at + 1);
        }
        return at >= 0 && Logfmt.parse(raw.substring(at + "SCHEMA_GUARD ".length())).containsKey("result");
    }

    /** Asserts the line matches the grammar and returns its keys and (unquoted) values. */
    public static Map<String, String> parse(String line) {
        assertTrue(VERDICT.matcher(line).matches(), () -> "not a verdict line: " + line);
        Map<String, String> pairs = new LinkedHashMap<>();
        Matcher m = PAIR.matcher(line);
        while (m.find()) {
            String v = m.group(2);
            if (v.startsWith("\"")) {
                v = v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
            }
            pairs.put(m.group(1), v);
        }
        return pairs;
    }
}
