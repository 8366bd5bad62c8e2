package dev.schemaguard.internal.sql;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.schemaguard.testing.RedTeamCorpus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A red-team corpus: at least 300 labelled cases, adversarial ones in every class of unsafe migration
 * and additive ones modeled on real projects' migrations, each naming its source. The classifier must
 * agree with every label. Each dialect's module runs its corpus against its own {@link SqlSupport}.
 */
public final class RedTeamAgreement {
    private RedTeamAgreement() {
    }

    public static void assertClassifierAgrees(String file, SqlSupport sql) {
        RedTeamCorpus corpus = RedTeamCorpus.load(file);
        assertTrue(corpus.cases().size() >= 300, file + " has " + corpus.cases().size() + " cases, fewer than 300");
        long additive = corpus.cases().stream().filter(RedTeamCorpus.Case::additive).count();
        assertTrue(additive >= 100 && corpus.cases().size() - additive >= 100, file + ": " + additive + " additive");
        SchemaView view = corpus.view();
        List<String> disagreements = new ArrayList<>();
        Map<String, Integer> byLabel = new TreeMap<>();
        for (RedTeamCorpus.Case c : corpus.cases()) {
            assertTrue(!c.source().isBlank(), c.where() + " names no source");
            Classification result = MigrationClassifier.classify(StatementSplitter.split(c.sql(), sql), sql, view);
            String actual = result.additive() ? "additive" : result.refusals().get(0).rule().id();
            byLabel.merge(c.expected(), 1, Integer::sum);
            if (!actual.equals(c.expected())) {
                disagreements.add(c.where() + " expected " + c.expected() + " but was " + actual
                        + (result.additive() ? "" : " (" + result.refusals().get(0).detail() + ")") + "\n    " + c.sql());
            }
        }
        System.out.println(file + ": " + corpus.cases().size() + " cases, " + additive + " additive, "
                + (corpus.cases().size() - disagreements.size()) + " agree; by label " + byLabel);
        if (!disagreements.isEmpty()) {
            fail(disagreements.size() + " of " + corpus.cases().size() + " cases disagree:\n" + String.join("\n", disagreements));
        }
    }
}
