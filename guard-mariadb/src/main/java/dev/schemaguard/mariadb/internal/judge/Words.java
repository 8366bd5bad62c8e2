package dev.schemaguard.mariadb.internal.judge;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which names a piece of SQL mentions, read without a parser: every run of identifier characters
 * (letters, digits, {@code $}, {@code _}, anything beyond ASCII), lower-cased, wherever it stands, in
 * comments and strings too. The judge reads text this way on purpose: it over-approximates what a
 * statement can reach (a name in a comment counts), and it shares nothing with the classifier's lexer,
 * so a statement the lexer misreads is still seen for every name it spells out.
 */
final class Words {
    private final String lower;
    private final Set<String> words = new HashSet<>();

    Words(String text) {
        this.lower = text.toLowerCase(Locale.ROOT);
        int start = -1;
        for (int i = 0; i <= lower.length(); i++) {
            boolean identifier = i < lower.length() && isIdentifierChar(lower.charAt(i));
            if (identifier && start < 0) {
                start = i;
            } else if (!identifier && start >= 0) {
                words.add(lower.substring(start, i));
                start = -1;
            }
        }
    }

    static boolean isIdentifierChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c >= 0x80;
    }

    /** Whether the text mentions {@code name} (any case), as a whole word; a name of other characters as written or quoted. */
    boolean mentions(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.isEmpty()) {
            return false;
        }
        if ( n.chars().allMatch(c -> isIdentifierChar((char) c))) {
            return words.contains(n);
        }
        // `a b`, `we``ird`, "we""ird": the name as written between quotes, where a quote inside it is doubled
        return standsAlone(n) || standsAlone(n.replace("`", "``")) || standsAlone(n.replace("\"", "\"\""));
    }

    /** The names of {@code names} the text mentions, in their order. */
    Set<String> mentioned(Collection<String> names) {
        Set<String> found = new LinkedHashSet<>();
        for (String name : names) {
            if (mentions(name)) {
                found.add(name);
            }
        }
        return found;
    }

    private boolean standsAlone(String n) {
        for (int at = lower.indexOf(n); at >= 0; at = lower.indexOf(n, at + 1)) {
            boolean startsWord = at == 0 || !isIdentifierChar(lower.charAt(at - 1)) || !isIdentifierChar(n.charAt(0));
            int end = at + n.length();
            boolean endsWord = end == lower.length() || !isIdentifierChar(lower.charAt(end)) || !isIdentifierChar(n.charAt(n.length() - 1));
            if (startsWord && endsWord) {
                return true;
            }
        }
        return false;
    }
}
