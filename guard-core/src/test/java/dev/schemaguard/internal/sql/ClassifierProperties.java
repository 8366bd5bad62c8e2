package dev.schemaguard.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import dev.schemaguard.testing.property.Choices;
import java.util.stream.Collectors;

/**
 * The classifier's two promises, on random migrations: never additive when destructive, always when
 * additive. Each dialect's module runs them against its own {@link SqlSupport}.
 */
public final class ClassifierProperties {
    private ClassifierProperties() {
    }

    public static void neverAdditive(Choices random, SqlDialect dialect, SqlSupport sql) {
        AdversarialGenerator generator = new AdversarialGenerator(random, dialect);
        String script = generator.migration();
        Classification c = MigrationClassifier.classify(StatementSplitter.split(script, sql), sql,
                MigrationGenerator.BEFORE);
        assertFalse(c.additive(), () -> "classified additive:\n" + script);
        List<Rule> rules = c.refusals().stream().map(Refusal::rule).collect(Collectors.toList());
        assertTrue(rules.contains(generator.hidden.rule()),
                () -> "expected " + generator.hidden.rule().id() + " among " + c.refusals() + " for:\n" + script);
    }

    public static void alwaysAdditive(Choices random, SqlDialect dialect, SqlSupport sql) {
        MigrationGenerator generator = new MigrationGenerator(random, dialect);
        String script = generator.join(generator.additiveStatements());
        Classification c = MigrationClassifier.classify(StatementSplitter.split(script, sql), sql,
                MigrationGenerator.BEFORE);
        assertTrue(c.additive(), () -> "refused " + c.refusals() + " for:\n" + script);
        assertEquals(generator.created, c.createdObjects(), () -> "created objects of:\n" + script);
        assertFalse(c.outsideTransaction());
    }
}
