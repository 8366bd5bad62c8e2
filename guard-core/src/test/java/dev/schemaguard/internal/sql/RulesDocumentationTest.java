package dev.schemaguard.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/rules.md documents every rule, and only rules that exist, with dialects, an example and a
 * rationale. That each section names the dialects that fire it is checked in each dialect's module.
 */
class RulesDocumentationTest {

    @Test
    void everyRuleHasADocumentedSectionWithDialectsExampleAndRationale() throws IOException {
        Map<String, String> sections = RulesDocument.sections();
        Set<String> ids = Arrays.stream(Rule.values()).map(Rule::id).collect(Collectors.toSet());
        assertEquals(ids, sections.keySet(), "headings in docs/rules.md vs Rule ids");
        assertEquals(sections.size(), RulesDocument.headingCount(), "duplicate headings");
        sections.forEach((id, section) -> {
            for (String part : List.of("**Dialects:**", "```sql", "**Why:**", "**Fix:**")) {
                assertTrue(section.contains(part), id + " lacks " + part);
            }
        });
    }

    @Test
    void ruleIdsAreStableKebabCase() {
        for (Rule rule : Rule.values()) {
            assertTrue(rule.id().matches("[a-z]+(-[a-z]+)*"), rule.id());
            assertEquals(rule.name().toLowerCase().replace('_', '-'), rule.id());
            assertTrue(!rule.summary().isBlank());
        }
    }
}
