package dev.schemaguard.internal.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine judges' catalog fingerprints: {@code field=value} pairs joined by {@code ;} (a value may
 * itself hold a {@code ;}, so a pair starts only where a lower-case field name and {@code =} follow).
 * Read into fields, and compared field by field so that a refusal can name what changed.
 */
public final class Fingerprint {
    private Fingerprint() {
    }

    /** The fields of a fingerprint in their order; none for a fingerprint that is absent. */
    public static Map<String, String> fields(String fingerprint) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (fingerprint == null) {
            return fields;
        }
        for (String part : fingerprint.split(";(?=[a-z]+=)")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                fields.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return fields;
    }

    /** Each field of {@code was} whose value differs in {@code now}: "type int -> bigint"; long values shortened. */
    public static List<String> differences(String was, String now) {
        Map<String, String> after = fields(now);
        List<String> differ = new ArrayList<>();
        fields(was).forEach((field, value) -> {
            String other = after.get(field);
            if (!value.equals(other)) {
                differ.add(field + " " + shorten(value) + " -> " + shorten(other));
            }
        });
        return differ;
    }

    /** A value short enough for one line: a definition is cut at 60 characters; an absent one is "(none)". */
    public static String shorten(String value) {
        return value == null ? "(none)" : value.length() > 60 ? value.substring(0, 57) + "..." : value;
    }
}
