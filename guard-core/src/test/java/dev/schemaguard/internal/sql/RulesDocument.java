package dev.schemaguard.internal.sql;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** docs/rules.md, read as its {@code ### rule-id} sections; each dialect's module checks the rules it fires. */
public final class RulesDocument {
    private static final Pattern SECTION = Pattern.compile("(?m)^### (\\S+)\\s*$");

    private RulesDocument() {
    }

    /** Each heading, in document order, with its section's text (a repeated heading keeps its first). */
    public static Map<String, String> sections() throws IOException {
        String doc = Files.readString(path());
        Matcher m = SECTION.matcher(doc);
        Map<String, String> sections = new LinkedHashMap<>();
        String heading = null;
        int start = 0;
        while (m.find()) {
            if (heading != null) {
                sections.putIfAbsent(heading, doc.substring(start, m.start()));
            }
            heading = m.group(1);
            start = m.start();
        }
        if (heading != null) {
            sections.putIfAbsent(heading, doc.substring(start));
        }
        return sections;
    }

    /** Every heading, duplicates included. */
    static long headingCount() throws IOException {
        return SECTION.matcher(Files.readString(path())).results().count();
    }

    /** Each rule the dialect fires names the dialect in its section. */
    public static void assertNamesDialect(SqlSyntax syntax, String dialectName) throws IOException {
        Map<String, String> sections = sections();
        for (Rule rule : syntax.rules()) {
            String section = sections.get(rule.id());
            assertTrue(section != null, rule.id() + " has no section in docs/rules.md");
            assertTrue(section.contains(dialectName), rule.id() + " does not name dialect " + dialectName);
        }
    }

    private static Path path() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("docs/rules.md"))) {
            p = p.getParent();
        }
        assertTrue(p != null, "docs/rules.md not found above " + Path.of("").toAbsolutePath());
        return p.resolve("docs/rules.md");
    }
}
