package dev.schemaguard.postgres.internal.sql;

import dev.schemaguard.internal.sql.LabelledCorpus;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Every entry of the PostgreSQL labelled corpus gets exactly its expected verdict. */
class PostgresCorpusTest {

    @Test
    void corpusAgreesCompletely() throws IOException {
        LabelledCorpus.assertAgreement(LabelledCorpus.load("postgres.corpus", 70), new PostgresSql());
    }

    @Test
    void corpusCoversBothVerdicts() throws IOException {
        LabelledCorpus.assertCoversBothVerdicts(LabelledCorpus.load("postgres.corpus", 70), "postgres.corpus");
    }
}
