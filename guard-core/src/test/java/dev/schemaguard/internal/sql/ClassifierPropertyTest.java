package dev.schemaguard.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.testing.property.Choices;
import dev.schemaguard.testing.property.PropertyCheck;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The classifier's two promises, on random migrations: never additive when destructive, always when additive. */
class ClassifierPropertyTest {
    private static final int TRIES = 10_000;

    @Test
    void sqliteMigrationHidingADestructiveStatementIsNeverAdditive() {
        PropertyCheck.forAll(TRIES, choices -> neverAdditive(choices, SqlDialect.SQLITE));
    }

    @Test
    void postgresMigrationHidingADestructiveStatementIsNeverAdditive() {
        PropertyCheck.forAll(TRIES, choices -> neverAdditive(choices, SqlDialect.POSTGRES));
    }

    @Test
    void sqliteGenuinelyAdditiveMigrationIsAdditive() {
        PropertyCheck.forAll(TRIES, choices -> alwaysAdditive(choices, SqlDialect.SQLITE));
    }

    @Test
    void postgresGenuinelyAdditiveMigrationIsAdditive() {
        PropertyCheck.forAll(TRIES, choices -> alwaysAdditive(choices, SqlDialect.POSTGRES));
    }

    private static void neverAdditive(Choices random, SqlDialect dialect) {
        AdversarialGenerator generator = new AdversarialGenerator(random, dialect);
        String script = generator.migration();
        Classification c = MigrationClassifier.classify(StatementSplitter.split(script, dialect), dialect,
                MigrationGenerator.BEFORE);
        assertFalse(c.additive(), () -> "classified additive:\n" + script);
        List<Rule> rules = c.refusals().stream().map(Refusal::rule).collect(Collectors.toList());
        assertTrue(rules.contains(generator.hidden.rule()),
                () -> "expected " + generator.hidden.rule().id() + " among " + c.refusals() + " for:\n" + script);
    }

    private static void alwaysAdditive(Choices random, SqlDialect dialect) {
        MigrationGenerator generator = new MigrationGenerator(random, dialect);
        String script = generator.join(generator.additiveStatements());
        Classification c = MigrationClassifier.classify(StatementSplitter.split(script, dialect), dialect,
                MigrationGenerator.BEFORE);
        assertTrue(c.additive(), () -> "refused " + c.refusals() + " for:\n" + script);
        assertEquals(generator.created, c.createdObjects(), () -> "created objects of:\n" + script);
        assertFalse(c.outsideTransaction());
    }
}
