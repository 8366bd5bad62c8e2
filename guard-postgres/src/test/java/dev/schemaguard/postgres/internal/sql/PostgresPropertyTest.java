package dev.schemaguard.postgres.internal.sql;

import dev.schemaguard.internal.sql.ClassifierProperties;
import dev.schemaguard.internal.sql.SplitterProperties;
import dev.schemaguard.internal.sql.SqlDialect;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** The classifier's and the splitter's promises on random PostgreSQL migrations. */
class PostgresPropertyTest {
    private static final PostgresSql SQL = new PostgresSql();

    @Property(tries = 10000)
    void migrationHidingADestructiveStatementIsNeverAdditive(@ForAll Random random) {
        ClassifierProperties.neverAdditive(random, SqlDialect.POSTGRES, SQL);
    }

    @Property(tries = 10000)
    void genuinelyAdditiveMigrationIsAdditive(@ForAll Random random) {
        ClassifierProperties.alwaysAdditive(random, SqlDialect.POSTGRES, SQL);
    }

    @Property(tries = 10000)
    void splitThenRejoinPreservesEveryToken(@ForAll Random random) {
        SplitterProperties.preservesTokens(random, SqlDialect.POSTGRES, SQL);
    }
}
