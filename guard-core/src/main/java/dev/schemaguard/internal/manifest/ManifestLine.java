package dev.schemaguard.internal.manifest;

import dev.schemaguard.GuardConfigException;
import dev.schemaguard.internal.text.ControlChars;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One line of a boot manifest: a name, optionally {@code sha256=<64 hex>}, optionally a {@code #}
 * comment. A name with spaces or {@code #} is written in double quotes ({@code "003 añadir tablä.sql"},
 * with {@code \"} and {@code \\} inside); any other Unicode is written as it is. A name is a file
 * name or a changeset id, never a path, and holds no control character.
 */
final class ManifestLine {
    private static final Pattern PIN = Pattern.compile("sha256=[0-9a-fA-F]{64}");
    /** A Windows drive's absolute path: {@code C:\\...} or {@code C:/...}. */
    private static final Pattern DRIVE = Pattern.compile("[A-Za-z]:[\\\\/].*");
    private static final String FORMAT = "Write one migration name per line, optionally followed by sha256=<64 hex digits "
            + "of the reviewed file>; quote a name that has spaces or #: \"003 add table.sql\".";

    private final String where;
    private final String text;
    private int at;

    private ManifestLine(String where, String text) {
        this.where = where;
        this.text = text;
    }

    /** The entry on this line, or empty for a blank or comment line. */
    static Optional<ManifestEntry> parse(String where, String text, int line) {
        return new ManifestLine(where, text).entry(line);
    }

    private Optional<ManifestEntry> entry(int line) {
        skipBlanks();
        if (atEnd() || text.charAt(at) == '#') {
            return Optional.empty();
        }
        String name = text.charAt(at) == '"' ? quotedName() : bareName();
        checkName(name);
        skipBlanks();
        String pin = null;
        if (!atEnd() && text.charAt(at) != '#') {
            int start = at;
            while (!atEnd() && !Character.isWhitespace(text.charAt(at))) {
                at++;
            }
            String word = text.substring(start, at);
            if (!PIN.matcher(word).matches()) {
                throw error(word.startsWith("sha256=") ? "'" + word + "' is not sha256= followed by 64 hex digits"
                        : "'" + word + "' follows the name " + name + (word.startsWith("sha") ? "" : " (a name "
                        + "with spaces must be quoted)"));
            }
            pin = word.substring("sha256=".length()).toLowerCase(Locale.ROOT);
            skipBlanks();
            if (!atEnd() && text.charAt(at) != '#') {
                throw error("unexpected text after the pin: '" + text.substring(at).strip() + "'");
            }
        }
        return Optional.of(new ManifestEntry(name, pin, line));
    }

    private String bareName() {
        int start = at;
        while (!atEnd() && !Character.isWhitespace(text.charAt(at)) && text.charAt(at) != '#') {
            at++;
        }
        return text.substring(start, at);
    }

    private String quotedName() {
        StringBuilder name = new StringBuilder();
        at++; // the opening quote
        while (!atEnd()) {
            char c = text.charAt(at++);
            if (c == '"') {
                return name.toString();
            }
            if (c == '\\') {
                if (atEnd() || (text.charAt(at) != '"' && text.charAt(at) != '\\')) {
                    throw error("inside quotes, a backslash may only precede \" or \\");
                }
                c = text.charAt(at++);
            }
            name.append(c);
        }
        throw error("the quoted name has no closing \"");
    }

    private void checkName(String name) {
        if (name.isEmpty()) {
            throw error("the name is empty");
        }
        int control = ControlChars.indexOfControl(name);
        if (control >= 0) {
            throw error("the name '" + ControlChars.escape(name) + "' contains a control character ("
                    + ControlChars.escape(String.valueOf(name.charAt(control))) + "); a migration name is its file name or changeset id");
        }
        if (isPath(name)) {
            throw error("'" + name + "' is a path; a migration is named by its file name (or changeset id) alone, "
                    + "relative to nothing, and never outside the changelog");
        }
    }

    /**
     * Checked on every line of the manifest at every boot: {@code String.matches} and {@code split} with a
     * character class compiled a regular expression per line, a sixth of a no-op boot's CPU at 1,000 names.
     */
    private static boolean isPath(String name) {
        if (name.startsWith("/") || name.startsWith("\\") || DRIVE.matcher(name).matches()) {
            return true;
        }
        int segmentStart = 0;
        for (int i = 0; i <= name.length(); i++) {
            if (i == name.length() || name.charAt(i) == '/' || name.charAt(i) == '\\') {
                if (isDotSegment(name, segmentStart, i)) {
                    return true;
                }
                segmentStart = i + 1;
            }
        }
        return false;
    }

    /** Whether {@code name[from, to)} is {@code .} or {@code ..}. */
    private static boolean isDotSegment(String name, int from, int to) {
        int length = to - from;
        return (length == 1 || length == 2) && name.charAt(from) == '.' && name.charAt(to - 1) == '.';
    }

    private void skipBlanks() {
        while (!atEnd() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private boolean atEnd() {
        return at >= text.length();
    }

    private GuardConfigException error(String problem) {
        return new GuardConfigException(where + ": cannot read '" + ControlChars.escape(text.strip()) + "': " + problem + ". " + FORMAT);
    }
}
