package dev.schemaguard.postgres.internal.sql;

import dev.schemaguard.internal.sql.RulesDocument;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** docs/rules.md names PostgreSQL in the section of every rule the PostgreSQL grammar can fire. */
class PostgresRulesDocumentationTest {

    @Test
    void everyRuleThisDialectFiresNamesItInDocsRules() throws IOException {
        RulesDocument.assertNamesDialect(PostgresSql.SYNTAX, "PostgreSQL");
    }
}
