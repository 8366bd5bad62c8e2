package dev.schemaguard.internal.ledger;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Flyway SQL migration's file name read as Flyway's {@code ResourceNameParser} and
 * {@code MigrationVersion} read it (default prefixes {@code V} and {@code R}, separator {@code __},
 * suffix {@code .sql}): {@code V1_1__Add_email.sql} is version 1.1, description "Add email";
 * {@code R__views.sql} is repeatable. Versions compare part by part as numbers, trailing zero parts
 * ignored, so {@code 1.0} is {@code 1} and {@code 1.01} is {@code 1.1}, as in Flyway.
 *
 * @param version      the version as Flyway writes it ({@code _} read as {@code .}); null for a repeatable migration
 * @param parts        the version's numeric parts, trailing zeros removed; empty for a repeatable one
 * @param description  underscores read as spaces
 */
public record FlywayName(String version, List<BigInteger> parts, String description) {
    private static final Pattern SPLIT = Pattern.compile("\\.(?=\\d)");
    private static final String SEPARATOR = "__";
    private static final String SUFFIX = ".sql";
    /** What Flyway records for an empty description where a database cannot store one. */
    static final String NO_DESCRIPTION = "<< no description >>";

    public FlywayName {
        parts = List.copyOf(parts);
    }

    public boolean repeatable() {
        return version == null;
    }

    /** The name of a versioned ({@code V}) or repeatable ({@code R}) SQL migration; empty for anything else. */
    public static Optional<FlywayName> parse(String fileName) {
        if (!fileName.toUpperCase(Locale.ROOT).endsWith(SUFFIX.toUpperCase(Locale.ROOT))) {
            return Optional.empty();
        }
        String stem = fileName.substring(0, fileName.length() - SUFFIX.length());
        boolean versioned = stem.startsWith("V");
        if (!versioned && !stem.startsWith("R")) {
            return Optional.empty();
        }
        String rest = stem.substring(1);
        int separator = rest.indexOf(SEPARATOR);
        String left = separator < 0 ? rest : rest.substring(0, separator);
        String description = separator < 0 ? "" : rest.substring(separator + SEPARATOR.length()).replace("_", " ");
        if (!versioned) {
            return left.isEmpty() ? Optional.of(new FlywayName(null, List.of(), description)) : Optional.empty();
        }
        return left.isEmpty() ? Optional.empty() : version(left).map(parts -> new FlywayName(left.replace('_', '.'), parts, description));
    }

    /** A version as Flyway reads it, or empty when it holds anything but digits and separators. */
    public static Optional<List<BigInteger>> version(String text) {
        List<BigInteger> parts = new ArrayList<>();
        for (String part : SPLIT.split(text.replace('_', '.'))) {
            if (part.isEmpty() || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Optional.empty();
            }
            parts.add(new BigInteger(part));
        }
        for (int i = parts.size() - 1; i > 0 && parts.get(i).signum() == 0; i--) {
            parts.remove(i);
        }
        return Optional.of(parts);
    }

    /** Flyway's {@code MigrationVersion.compareTo}: part by part, a missing part counting as zero. */
    public static int compare(List<BigInteger> a, List<BigInteger> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            int c = (i < a.size() ? a.get(i) : BigInteger.ZERO).compareTo(i < b.size() ? b.get(i) : BigInteger.ZERO);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** The description as Flyway stores it: at most 200 characters. */
    String storedDescription() {
        return description.length() <= 200 ? description : description.substring(0, 197) + "...";
    }
}
