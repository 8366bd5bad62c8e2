package dev.schemaguard.sqlite.internal.sql;

import dev.schemaguard.internal.sql.RulesDocument;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** docs/rules.md names SQLite in the section of every rule the SQLite grammar can fire. */
class SqliteRulesDocumentationTest {

    @Test
    void everyRuleThisDialectFiresNamesItInDocsRules() throws IOException {
        RulesDocument.assertNamesDialect(SqliteSql.SYNTAX, "SQLite");
    }
}
