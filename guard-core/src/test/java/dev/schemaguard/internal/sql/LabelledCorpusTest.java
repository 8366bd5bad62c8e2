package dev.schemaguard.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every entry of the labelled corpora must get exactly its expected verdict: "additive", or the
 * rule id of the first refusal. Disagreements are all reported, by file and line.
 */
class LabelledCorpusTest {
    record Entry(String source, int line, String expected, String sql) {}

    record Corpus(Set<String> before, List<Entry> entries) {
        SchemaView view() {
            return (schema, name) -> before.contains(name == null ? "schema:" + schema
                    : schema == null ? name : schema + "." + name);
        }
    }

    @Test
    void sqliteCorpusAgreesCompletely() throws IOException {
        Corpus corpus = load("sqlite.corpus");
        assertTrue(corpus.entries().size() >= 130, "at least 130 SQLite entries, got " + corpus.entries().size());
        assertAgreement(corpus, SqlDialect.SQLITE);
    }

    @Test
    void postgresCorpusAgreesCompletely() throws IOException {
        Corpus corpus = load("postgres.corpus");
        assertTrue(corpus.entries().size() >= 70, "at least 70 PostgreSQL entries, got " + corpus.entries().size());
        assertAgreement(corpus, SqlDialect.POSTGRES);
    }

    @Test
    void corporaCoverBothVerdicts() throws IOException {
        for (String file : List.of("sqlite.corpus", "postgres.corpus")) {
            List<Entry> entries = load(file).entries();
            long additive = entries.stream().filter(e -> e.expected().equals("additive")).count();
            assertTrue(additive >= 25 && entries.size() - additive >= 25, file + ": " + additive + " additive");
        }
    }

    private static void assertAgreement(Corpus corpus, SqlDialect dialect) {
        List<String> disagreements = new ArrayList<>();
        for (Entry e : corpus.entries()) {
            Classification c = MigrationClassifier.classify(StatementSplitter.split(e.sql(), dialect), dialect,
                    corpus.view());
            String actual = c.additive() ? "additive" : c.refusals().get(0).rule().id();
            if (!actual.equals(e.expected())) {
                disagreements.add(e.source() + ":" + e.line() + " expected " + e.expected() + " but was " + actual
                        + (c.additive() ? "" : " (" + c.refusals().get(0).detail() + ")") + "\n    " + e.sql());
            }
        }
        if (!disagreements.isEmpty()) {
            fail(disagreements.size() + " of " + corpus.entries().size() + " corpus entries disagree:\n"
                    + String.join("\n", disagreements));
        }
        assertEquals(List.of(), disagreements);
    }

    static Corpus load(String file) throws IOException {
        String text;
        try (InputStream in = LabelledCorpusTest.class.getResourceAsStream("/classifier/" + file)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Set<String> before = new HashSet<>();
        List<Entry> entries = new ArrayList<>();
        String expected = null;
        int entryLine = 0;
        StringBuilder sql = new StringBuilder();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i <= lines.length; i++) {
            String line = i < lines.length ? lines[i] : "### end";
            if (line.startsWith("### ")) {
                if (expected != null) {
                    entries.add(new Entry(file, entryLine, expected, sql.toString()));
                }
                expected = line.substring(4).trim();
                entryLine = i + 1;
                sql.setLength(0);
            } else if (expected != null) {
                sql.append(sql.length() == 0 ? "" : "\n").append(line);
            } else if (line.startsWith("@before ")) {
                before.addAll(List.of(line.substring(8).trim().split("\\s+")));
            }
        }
        return new Corpus(before, entries);
    }
}
