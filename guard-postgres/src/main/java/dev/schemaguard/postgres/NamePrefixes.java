package dev.schemaguard.postgres;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Index ranges {@code [low, high)} (byte order, as PostgreSQL orders {@code name}) that hold every
 * identifier which Java lower-cases ({@link java.util.Locale#ROOT}) to one of some lower-case names: each
 * spelling of a name's first two characters, upper or lower case. Only names of {@code a-z 0-9 _ $} are
 * covered; the one other character Java lower-cases to ASCII, the Kelvin sign, is a spelling of {@code k}
 * ({@code İ} lower-cases to {@code i} and a combining dot, never to a name of these characters).
 *
 * @param low   the first identifier of each range
 * @param high  the first identifier after it, same index
 */
record NamePrefixes(List<String> low, List<String> high) {
    private static final int LENGTH = 2;
    private static final char KELVIN = '\u212A';

    NamePrefixes {
        low = List.copyOf(low);
        high = List.copyOf(high);
    }

    /** The ranges for {@code names}; empty when a name has another character (then no range would be sure to hold it). */
    static Optional<NamePrefixes> of(Set<String> names) {
        Set<String> prefixes = new LinkedHashSet<>();
        for (String name : names) {
            if (name.isEmpty() || !name.chars().allMatch(NamePrefixes::covered)) {
                return Optional.empty();
            }
            prefixes.addAll(spellings(name.substring(0, Math.min(LENGTH, name.length()))));
        }
        List<String> low = new ArrayList<>(prefixes);
        List<String> high = low.stream().map(NamePrefixes::next).toList();
        return Optional.of(new NamePrefixes(low, high));
    }

    private static boolean covered(int c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '$';
    }

    /** Every string whose lower case is {@code prefix}. */
    private static List<String> spellings(String prefix) {
        List<String> spellings = List.of("");
        for (char c : prefix.toCharArray()) {
            List<Character> variants = c == 'k' ? List.of(c, 'K', KELVIN)
                    : c >= 'a' && c <= 'z' ? List.of(c, Character.toUpperCase(c)) : List.of(c);
            List<String> longer = new ArrayList<>();
            for (String s : spellings) {
                for (char v : variants) {
                    longer.add(s + v);
                }
            }
            spellings = longer;
        }
        return spellings;
    }

    /** The first string after every string that begins with {@code prefix}: its last character plus one. */
    private static String next(String prefix) {
        int last = prefix.length() - 1;
        return prefix.substring(0, last) + (char) (prefix.charAt(last) + 1);
    }
}
