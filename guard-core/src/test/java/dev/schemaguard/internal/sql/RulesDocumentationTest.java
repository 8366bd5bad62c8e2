package dev.schemaguard.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** docs/rules.md documents every rule, and only rules that exist, with dialects, an example and a rationale. */
class RulesDocumentationTest {
    private static final Pattern SECTION = Pattern.compile("(?m)^### (\\S+)\\s*$");

    @Test
    void everyRuleHasADocumentedSectionWithDialectsExampleAndRationale() throws IOException {
        String doc = Files.readString(rulesDoc());
        Matcher m = SECTION.matcher(doc);
        List<String> headings = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        while (m.find()) {
            headings.add(m.group(1));
            starts.add(m.start());
        }
        Set<String> ids = Arrays.stream(Rule.values()).map(Rule::id).collect(Collectors.toSet());
        assertEquals(ids, new HashSet<>(headings), "headings in docs/rules.md vs Rule ids");
        assertEquals(headings.size(), new HashSet<>(headings).size(), "duplicate headings");
        for (int i = 0; i < headings.size(); i++) {
            String section = doc.substring(starts.get(i), i + 1 < starts.size() ? starts.get(i + 1) : doc.length());
            String id = headings.get(i);
            Rule rule = Arrays.stream(Rule.values()).filter(r -> r.id().equals(id)).findFirst().orElseThrow();
            for (String part : List.of("**Dialects:**", "```sql", "**Why:**", "**Fix:**")) {
                assertTrue(section.contains(part), rule.id() + " lacks " + part);
            }
            for (SqlDialect d : rule.dialects()) {
                String name = switch (d) {
                    case SQLITE -> "SQLite";
                    case POSTGRES -> "PostgreSQL";
                    case MARIADB -> "MariaDB";
                };
                assertTrue(section.contains(name), rule.id() + " does not name dialect " + name);
            }
        }
    }

    @Test
    void ruleIdsAreStableKebabCase() {
        for (Rule rule : Rule.values()) {
            assertTrue(rule.id().matches("[a-z]+(-[a-z]+)*"), rule.id());
            assertEquals(rule.name().toLowerCase().replace('_', '-'), rule.id());
            assertTrue(!rule.summary().isBlank());
        }
    }

    private static Path rulesDoc() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("docs/rules.md"))) {
            p = p.getParent();
        }
        assertTrue(p != null, "docs/rules.md not found above " + Path.of("").toAbsolutePath());
        return p.resolve("docs/rules.md");
    }
}
