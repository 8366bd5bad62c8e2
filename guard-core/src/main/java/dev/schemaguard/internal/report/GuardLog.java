package dev.schemaguard.internal.report;

import dev.schemaguard.internal.text.Logfmt;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints Schema Guard's lines through the SLF4J logger {@code dev.schemaguard}: progress lines
 * ({@code SCHEMA_GUARD phase=...}) and the one distinctive verdict line. Every line goes through
 * the redactor.
 */
public final class GuardLog {
    public static final String PREFIX = "SCHEMA_GUARD";
    private static final Logger LOG = LoggerFactory.getLogger("dev.schemaguard");

    private final Redactor redactor;
    private final String bootId;

    public GuardLog(Redactor redactor, String bootId) {
        this.redactor = redactor;
        this.bootId = bootId;
    }

    public String bootId() {
        return bootId;
    }

    public Redactor redactor() {
        return redactor;
    }

    /** {@code SCHEMA_GUARD phase=<phase> status=<status> boot=<id> [pairs]}. */
    public void phase(String phase, String status, Map<String, String> pairs) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("phase", phase);
        all.put("status", status);
        all.put("boot", bootId);
        all.putAll(pairs);
        emit(all, false);
    }

    /** Formats (and returns) the verdict line; logs it at ERROR unless it is a PASS. */
    public String verdict(Map<String, String> pairs, boolean pass) {
        return emit(pairs, !pass);
    }

    /** A plain human message (not machine-matched), redacted. */
    public void info(String message) {
        LOG.info(redactor.redact(message));
    }

    public void warn(String message) {
        LOG.warn(redactor.redact(message));
    }

    private String emit(Map<String, String> pairs, boolean error) {
        StringBuilder line = new StringBuilder(PREFIX);
        pairs.forEach((k, v) -> line.append(' ').append(Logfmt.pair(k, v == null ? "" : v)));
        String text = redactor.redact(line.toString());
        if (error) {
            LOG.error(text);
        } else {
            LOG.info(text);
        }
        return text;
    }
}
