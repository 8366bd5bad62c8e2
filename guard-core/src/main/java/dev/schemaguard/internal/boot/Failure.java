package dev.schemaguard.internal.boot;

import dev.schemaguard.Code;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure with its stable code, one human sentence (what happened and how to fix it) and the
 * extra keys of the distinctive line ({@code migration=}, {@code missing=}, {@code reason=}, ...).
 */
public record Failure(Code code, String message, Map<String, String> details) {

    public Failure {
        details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public static Failure of(Code code, String message, String... keyValues) {
        Map<String, String> details = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            details.put(keyValues[i], keyValues[i + 1]);
        }
        return new Failure(code, message, details);
    }
}
