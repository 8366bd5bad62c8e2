package dev.schemaguard.mariadb.internal.sql;

import dev.schemaguard.internal.sql.RulesDocument;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** docs/rules.md names MariaDB in the section of every rule the MariaDB grammar can fire. */
class MariaDbRulesDocumentationTest {

    @Test
    void everyRuleThisDialectFiresNamesItInDocsRules() throws IOException {
        RulesDocument.assertNamesDialect(MariaDbSql.SYNTAX, "MariaDB");
    }
}
