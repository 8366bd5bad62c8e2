package dev.schemaguard.postgres.internal.sql;

import dev.schemaguard.internal.sql.RedTeamAgreement;
import org.junit.jupiter.api.Test;

/** The red-team corpus (classifier/redteam-postgres.corpus): the classifier agrees with every one of its labels. */
class PostgresRedTeamCorpusTest {
    @Test
    void theClassifierAgreesWithEveryLabel() {
        RedTeamAgreement.assertClassifierAgrees("redteam-postgres.corpus", new PostgresSql());
    }
}
