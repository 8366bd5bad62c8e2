package dev.schemaguard.internal.boot;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The table a DDL statement locks, read from its text, so that a lock timeout can name it: the
 * server's error ("canceling statement due to lock timeout") does not.
 */
final class LockedTable {
    private static final String NAME = "((?:\"[^\"]+\"|[\\w$]+)(?:\\.(?:\"[^\"]+\"|[\\w$]+))?)";
    private static final Pattern[] FORMS = {
            Pattern.compile("(?is)^\\s*alter\\s+table\\s+(?:if\\s+exists\\s+)?(?:only\\s+)?" + NAME),
            Pattern.compile("(?is)^\\s*create\\s+(?:unique\\s+)?index\\b.*?\\bon\\s+(?:only\\s+)?" + NAME),
            Pattern.compile("(?is)^\\s*(?:drop|truncate|lock)\\s+table\\s+(?:if\\s+exists\\s+)?" + NAME),
            Pattern.compile("(?is)^\\s*(?:insert\\s+into|update|delete\\s+from)\\s+" + NAME),
            Pattern.compile("(?is)^\\s*comment\\s+on\\s+table\\s+" + NAME),
    };

    private LockedTable() {
    }

    static Optional<String> of(String statement) {
        for (Pattern form : FORMS) {
            Matcher m = form.matcher(statement);
            if (m.find()) {
                return Optional.of(m.group(1).replace("\"", "").toLowerCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }
}
