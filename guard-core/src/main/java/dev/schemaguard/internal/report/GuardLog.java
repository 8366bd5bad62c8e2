package dev.schemaguard.internal.report;

import dev.schemaguard.Code;
import dev.schemaguard.Verdict;
import dev.schemaguard.internal.text.ControlChars;
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

    /**
     * Prints (and returns) the verdict line: the fixed keys in the grammar's order, then the extra
     * ones ({@code mode}, {@code phase}, {@code migration}, {@code missing}, {@code reason}, ...). With
     * {@code mode=plan} the count is {@code would_apply=} instead of {@code applied=}.
     * Logged at ERROR unless it is a PASS.
     */
    public String verdict(Code code, String db, int applied, int pending, String integrity, long elapsedMs,
                          Map<String, String> extra) {
        Map<String, String> line = new LinkedHashMap<>();
        line.put("result", code.verdict().name());
        line.put("code", code.name());
        line.put("db", db);
        // A plan applies nothing: its count is what a boot would apply.
        line.put("plan".equals(extra.get("mode")) ? "would_apply" : "applied", Integer.toString(applied));
        line.put("pending", Integer.toString(pending));
        line.put("integrity", integrity);
        line.put("elapsed_ms", Long.toString(elapsedMs));
        line.put("boot", bootId);
        extra.forEach(line::putIfAbsent);
        return emit(line, code.verdict() != Verdict.PASS);
    }

    /** A plain human message (not machine-matched), redacted, control characters escaped. */
    public void info(String message) {
        LOG.info(ControlChars.escape(redactor.redact(message)));
    }

    public void warn(String message) {
        LOG.warn(ControlChars.escape(redactor.redact(message)));
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
