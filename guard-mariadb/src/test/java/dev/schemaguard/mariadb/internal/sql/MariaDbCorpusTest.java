package dev.schemaguard.mariadb.internal.sql;

import dev.schemaguard.internal.sql.LabelledCorpus;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Every entry of the MariaDB labelled corpus gets exactly its expected verdict. */
class MariaDbCorpusTest {
    private static final int MINIMUM = 300;

    @Test
    void corpusAgreesCompletely() throws IOException {
        LabelledCorpus.assertAgreement(LabelledCorpus.load("mariadb.corpus", MINIMUM), new MariaDbSql());
    }

    @Test
    void corpusCoversBothVerdicts() throws IOException {
        LabelledCorpus.assertCoversBothVerdicts(LabelledCorpus.load("mariadb.corpus", MINIMUM), "mariadb.corpus");
    }
}
