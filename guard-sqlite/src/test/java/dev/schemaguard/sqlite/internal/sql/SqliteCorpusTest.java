package dev.schemaguard.sqlite.internal.sql;

import dev.schemaguard.internal.sql.LabelledCorpus;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Every entry of the SQLite labelled corpus gets exactly its expected verdict. */
class SqliteCorpusTest {

    @Test
    void corpusAgreesCompletely() throws IOException {
        LabelledCorpus.assertAgreement(LabelledCorpus.load("sqlite.corpus", 130), new SqliteSql());
    }

    @Test
    void corpusCoversBothVerdicts() throws IOException {
        LabelledCorpus.assertCoversBothVerdicts(LabelledCorpus.load("sqlite.corpus", 130), "sqlite.corpus");
    }
}
