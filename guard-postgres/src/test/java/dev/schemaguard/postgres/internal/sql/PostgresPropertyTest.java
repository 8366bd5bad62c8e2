package dev.schemaguard.postgres.internal.sql;

import dev.schemaguard.internal.sql.ClassifierProperties;
import dev.schemaguard.internal.sql.SplitterProperties;
import dev.schemaguard.internal.sql.SqlDialect;
import dev.schemaguard.testing.property.PropertyCheck;
import org.junit.jupiter.api.Test;

/**
 * The classifier's and the splitter's promises on random PostgreSQL migrations, 10,000 tries each, on JUnit
 * 5 with seeded generators ({@link PropertyCheck}: a failure prints its seed and its shrunk case).
 */
class PostgresPropertyTest {
    private static final int TRIES = 10_000;
    private static final PostgresSql SQL = new PostgresSql();

    @Test
    void migrationHidingADestructiveStatementIsNeverAdditive() {
        PropertyCheck.forAll(TRIES, choices -> ClassifierProperties.neverAdditive(choices, SqlDialect.POSTGRES, SQL));
    }

    @Test
    void genuinelyAdditiveMigrationIsAdditive() {
        PropertyCheck.forAll(TRIES, choices -> ClassifierProperties.alwaysAdditive(choices, SqlDialect.POSTGRES, SQL));
    }

    @Test
    void splitThenRejoinPreservesEveryToken() {
        PropertyCheck.forAll(TRIES, choices -> SplitterProperties.preservesTokens(choices, SqlDialect.POSTGRES, SQL));
    }
}
