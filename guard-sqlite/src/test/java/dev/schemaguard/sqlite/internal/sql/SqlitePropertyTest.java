package dev.schemaguard.sqlite.internal.sql;

import dev.schemaguard.internal.sql.ClassifierProperties;
import dev.schemaguard.internal.sql.SplitterProperties;
import dev.schemaguard.internal.sql.SqlDialect;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** The classifier's and the splitter's promises on random SQLite migrations. */
class SqlitePropertyTest {
    private static final SqliteSql SQL = new SqliteSql();

    @Property(tries = 10000)
    void migrationHidingADestructiveStatementIsNeverAdditive(@ForAll Random random) {
        ClassifierProperties.neverAdditive(random, SqlDialect.SQLITE, SQL);
    }

    @Property(tries = 10000)
    void genuinelyAdditiveMigrationIsAdditive(@ForAll Random random) {
        ClassifierProperties.alwaysAdditive(random, SqlDialect.SQLITE, SQL);
    }

    @Property(tries = 10000)
    void splitThenRejoinPreservesEveryToken(@ForAll Random random) {
        SplitterProperties.preservesTokens(random, SqlDialect.SQLITE, SQL);
    }
}
