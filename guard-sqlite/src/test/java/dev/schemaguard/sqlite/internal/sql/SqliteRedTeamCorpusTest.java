package dev.schemaguard.sqlite.internal.sql;

import dev.schemaguard.internal.sql.RedTeamAgreement;
import org.junit.jupiter.api.Test;

/** The red-team corpus (classifier/redteam-sqlite.corpus): the classifier agrees with every one of its labels. */
class SqliteRedTeamCorpusTest {
    @Test
    void theClassifierAgreesWithEveryLabel() {
        RedTeamAgreement.assertClassifierAgrees("redteam-sqlite.corpus", new SqliteSql());
    }
}
