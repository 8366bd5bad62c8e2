package dev.schemaguard.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** The classifier's two promises, on random migrations: never additive when destructive, always when additive. */
class ClassifierPropertyTest {

    @Property(tries = 10000)
    void sqliteMigrationHidingADestructiveStatementIsNeverAdditive(@ForAll Random random) {
        neverAdditive(random, SqlDialect.SQLITE);
    }

    @Property(tries = 10000)
    void postgresMigrationHidingADestructiveStatementIsNeverAdditive(@ForAll Random random) {
        neverAdditive(random, SqlDialect.POSTGRES);
    }

    @Property(tries = 10000)
    void sqliteGenuinelyAdditiveMigrationIsAdditive(@ForAll Random random) {
        alwaysAdditive(random, SqlDialect.SQLITE);
    }

    @Property(tries = 10000)
    void postgresGenuinelyAdditiveMigrationIsAdditive(@ForAll Random random) {
        alwaysAdditive(random, SqlDialect.POSTGRES);
    }

    private static void neverAdditive(Random random, SqlDialect dialect) {
        AdversarialGenerator generator = new AdversarialGenerator(random, dialect);
        String script = generator.migration();
        Classification c = MigrationClassifier.classify(StatementSplitter.split(script, dialect), dialect,
                MigrationGenerator.BEFORE);
        assertFalse(c.additive(), () -> "classified additive:\n" + script);
        List<Rule> rules = c.refusals().stream().map(Refusal::rule).collect(Collectors.toList());
        assertTrue(rules.contains(generator.hidden.rule()),
                () -> "expected " + generator.hidden.rule().id() + " among " + c.refusals() + " for:\n" + script);
    }

    private static void alwaysAdditive(Random random, SqlDialect dialect) {
        MigrationGenerator generator = new MigrationGenerator(random, dialect);
        String script = generator.join(generator.additiveStatements());
        Classification c = MigrationClassifier.classify(StatementSplitter.split(script, dialect), dialect,
                MigrationGenerator.BEFORE);
        assertTrue(c.additive(), () -> "refused " + c.refusals() + " for:\n" + script);
        assertEquals(generator.created, c.createdObjects(), () -> "created objects of:\n" + script);
        assertFalse(c.outsideTransaction());
    }
}
